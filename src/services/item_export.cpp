// Export: store rows → ItemRecord → JSON Lines / CSV.
#include "services/item_export.h"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "domain/kind_fields.h"
#include "io/csv.h"
#include "services/item_format.h"
#include "store/bodies.h"
#include "store/item_facts.h"
#include "store/items.h"

namespace gongkai::services {

namespace fs = std::filesystem;

Result<int64_t> export_items(Installation& inst, const ExportOptions& options, std::ostream& out) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);  // one consistent snapshot
  GK_RETURN_IF_ERROR(tx.status());
  store::ItemFilter filter;
  filter.year = options.year;
  filter.include_children = options.include_children;
  if (options.body_code) {
    Result<std::optional<store::BodyRow>> body = store::find_body(**conn, *options.body_code);
    if (!body) return body.status();
    if (!*body) return Status::invalid("no body has the code '" + *options.body_code + "'");
    filter.body_id = (*body)->id;
  }
  if (options.csv) out << io::format_csv_line(item_columns());
  int64_t count = 0;
  Status s = store::for_each_item(**conn, filter, [&](const store::ExportedItem& e) -> Status {
    domain::ItemRecord r;
    const store::ItemRow& it = e.row;
    r.index_number = it.index_number;
    r.body = e.body_code;
    r.title = it.title;
    r.publish_date = it.publish_date;
    r.written_date = it.written_date;
    r.doc_number = it.doc_number;
    r.kind = it.kind;
    r.column = e.column_path;
    r.subject = it.subject;
    r.validity = it.validity;
    if (it.validity && it.validity_changed_on != it.publish_date) r.validity_date = it.validity_changed_on;
    r.superseded_by = e.superseded_by_index;
    r.interprets = e.interprets_index;
    r.interpretation_forms = e.interpretation_forms;
    r.channels = e.channels;
    r.key_area = it.key_area;
    r.emergency = it.emergency;
    r.source_url = it.source_url;
    r.content = it.content;
    if (!domain::kind_fields(it.kind).empty()) {  // survey, exec_meeting, …: their own fields (JSON only)
      Result<std::map<std::string, std::string>> facts = store::item_facts(**conn, it.id);
      if (!facts) return facts.status();
      r.facts = std::move(*facts);
    }
    if (!options.attachments_dir.empty()) {
      for (const auto& a : e.attachments) {
        const fs::path src = fs::path(inst.attachments_dir()) / a.sha256.substr(0, 2) / a.sha256;
        const fs::path dir = fs::path(options.attachments_dir) / a.sha256;
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (!ec) fs::copy_file(src, dir / a.file_name, fs::copy_options::skip_existing, ec);
        if (ec) return Status::io("cannot copy attachment " + src.string() + ": " + ec.message());
        r.attachments.push_back(fs::relative(dir / a.file_name, options.relative_base).string());
      }
    }
    if (options.csv) {
      out << io::format_csv_line(item_to_csv(r));
    } else {
      out << item_to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::strict) << '\n';
    }
    ++count;
    return out ? Status::ok() : Status::io("write failed");
  });
  if (!s) return s;
  return count;
}

}  // namespace gongkai::services
