// Index writer: builds one Xapian document per item (schema.h) and keeps Xapian's exceptions inside.
#include "search/index.h"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "search/doc_number.h"
#include "search/html_text.h"
#include "search/normalize.h"
#include "search/schema.h"
#include "search/tokenize.h"
#include "search/xapian_status.h"

namespace gongkai::search {
namespace {

// Xapian refuses terms longer than this (bytes); filter values are cut to fit.
constexpr size_t kMaxTermBytes = 240;
// Positions left between fields so that a phrase never spans two of them.
constexpr Xapian::termcount kFieldGap = 100;
// A fresh build flushes its in-memory postings every this many documents. Xapian's default (10 000, or
// $XAPIAN_FLUSH_THRESHOLD) keeps one std::map of documents per term, and adding a document walks ~300 of those
// maps: with 10 000 documents pending that walk was 30 % of a rebuild's CPU. Measured on the demo county
// (68 625 items, one writer, bench/RESULTS.md): 10 000 → 93.5 s CPU, 600 → 47.9 s, 300 → 39.2 s, 150 → 35.9 s,
// 60 → 41.0 s (flushing starts to dominate). The build is unsynced (DB_NO_SYNC) and compacted afterwards, so
// the many small flushes leave no trace in the final index.
constexpr int kFreshBuildFlushDocs = 200;

std::string id_term(int64_t id) {
  return std::string(kPrefixId) + std::to_string(id);
}

// `prefix` + `value`, cut to Xapian's term length limit at a UTF-8 character boundary.
std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string term = std::string(prefix) + std::string(value);
  if (term.size() <= kMaxTermBytes) return term;
  size_t cut = kMaxTermBytes;
  while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
  term.resize(cut);
  return term;
}

// Cuts `text` to at most `max_bytes` at a UTF-8 character boundary.
std::string cut_utf8(std::string text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

void add_dictionary_words(Xapian::Document& doc, const std::string& folded, Xapian::termcount wdf) {
  for (const std::string& word : dictionary_words(folded)) doc.add_term(std::string(kPrefixWord) + word, wdf);
}

Xapian::Document build_document(const IndexDocument& item, const Normalizer& norm) {
  const std::string title = norm.display(item.title);
  const std::string text = norm.display(html_to_text(item.content));
  const std::string folded_title = norm.fold(title);
  const std::string folded_text = norm.fold(text);

  Xapian::Document doc;
  Xapian::TermGenerator generator;
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  generator.set_document(doc);
  generator.index_text(folded_title, kTitleWdfInc);
  generator.index_text_without_positions(folded_title, 1, std::string(kPrefixTitle));
  generator.increase_termpos(kFieldGap);
  generator.index_text(folded_text);
  if (item.doc_number) {
    const std::string folded_number = norm.fold(*item.doc_number);
    generator.increase_termpos(kFieldGap);
    generator.index_text(folded_number);
    const std::string key = doc_number_key(folded_number);
    if (!key.empty()) doc.add_term(bounded_term(kPrefixDocNumber, key));
  }
  generator.index_text_without_positions(norm.fold(item.body_name), 1, std::string(kPrefixBodyName));
  add_dictionary_words(doc, folded_title, kTitleWdfInc);
  add_dictionary_words(doc, folded_text, 1);

  const std::string year = item.publish_date.substr(0, 4);
  doc.add_boolean_term(id_term(item.id));
  doc.add_boolean_term(bounded_term(kPrefixBody, item.body_code));
  doc.add_boolean_term(bounded_term(kPrefixYear, year));
  doc.add_boolean_term(bounded_term(kPrefixKind, item.kind));
  if (item.validity) doc.add_boolean_term(bounded_term(kPrefixValidity, *item.validity));

  std::string date = item.publish_date;
  std::erase(date, '-');
  doc.add_value(kSlotDate, date);
  doc.add_value(kSlotYear, year);
  doc.add_value(kSlotBody, item.body_code);
  doc.add_value(kSlotKind, item.kind);
  doc.add_value(kSlotValidity, item.validity.value_or(""));

  nlohmann::json data = {
      {"id", item.id},
      {"title", item.title},
      {"doc_number", item.doc_number ? nlohmann::json(*item.doc_number) : nlohmann::json()},
      {"body", item.body_code},
      {"body_name", item.body_name},
      {"publish_date", item.publish_date},
      {"kind", item.kind},
      {"validity", item.validity ? nlohmann::json(*item.validity) : nlohmann::json()},
      {"text", cut_utf8(text, kMaxStoredTextBytes)}};
  doc.set_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return doc;
}

// Flushes every file of directory `dir`, and the directory itself, to disk.
Status sync_directory(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) paths.push_back(entry.path().string());
  }
  if (ec) return Status::io("cannot list " + dir + ": " + ec.message());
  paths.push_back(dir);
  for (const std::string& path : paths) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::io("cannot open " + path + " to flush it: " + std::strerror(errno));
    const int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0) return Status::io("cannot flush " + path + " to disk: " + std::strerror(errno));
  }
  return Status::ok();
}

}  // namespace

struct IndexWriter::Impl {
  std::string dir;
  WriteMode mode = WriteMode::kIncremental;
  Xapian::WritableDatabase db;
  const Normalizer* normalizer = nullptr;
  bool finished = false;
  int unflushed = 0;  // documents added since the last flush of a fresh build
};

std::string item_url(int64_t id) {
  return "/items/" + std::to_string(id);
}

IndexWriter::IndexWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
IndexWriter::~IndexWriter() {
  try {
    impl_->db.close();  // commits what is pending (Xapian's rule) and releases the lock
  } catch (const Xapian::Error&) {
    // nothing to do: the lock goes with the process anyway
  }
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::open(const std::string& dir, WriteMode mode) {
  Result<const Normalizer*> normalizer = Normalizer::get();
  if (!normalizer) return normalizer.status();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(dir).parent_path(), ec);
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->mode = mode;
  impl->normalizer = *normalizer;
  const int flags = mode == WriteMode::kFreshBuild ? Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC
                                                   : Xapian::DB_CREATE_OR_OPEN;
  try {
    impl->db = Xapian::WritableDatabase(dir, flags | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot open for writing", dir);
  }
  return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(impl)));
}

Status IndexWriter::put(const IndexDocument& doc) {
  try {
    const std::string term = id_term(doc.id);
    impl_->db.replace_document(term, build_document(doc, *impl_->normalizer));
    return Status::ok();
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot index item " + std::to_string(doc.id), impl_->dir);
  }
}

Status IndexWriter::put_new(const IndexDocument& doc) {
  try {
    impl_->db.add_document(build_document(doc, *impl_->normalizer));
    if (impl_->mode == WriteMode::kFreshBuild && ++impl_->unflushed >= kFreshBuildFlushDocs) {
      impl_->unflushed = 0;
      impl_->db.commit();
    }
    return Status::ok();
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot index item " + std::to_string(doc.id), impl_->dir);
  }
}

Status IndexWriter::remove(int64_t id) {
  try {
    impl_->db.delete_document(id_term(id));
    return Status::ok();
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot remove item " + std::to_string(id), impl_->dir);
  }
}

Status IndexWriter::commit() {
  try {
    impl_->db.commit();
    return Status::ok();
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot commit", impl_->dir);
  }
}

Status IndexWriter::finish() {
  if (impl_->finished) return Status::invalid("the index writer of " + impl_->dir + " is already finished");
  impl_->finished = true;
  try {
    impl_->db.commit();
    impl_->db.close();
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot finish", impl_->dir);
  }
  if (impl_->mode == WriteMode::kFreshBuild) return sync_directory(impl_->dir);
  return Status::ok();
}

Status compact_index(const std::string& from, const std::string& to) {
  return compact_index(std::vector<std::string>{from}, to);
}

Status compact_index(const std::vector<std::string>& from, const std::string& to) {
  if (from.empty()) return Status::invalid("nothing to compact into " + to);
  try {
    Xapian::Database source(from.front());
    for (size_t shard_idx = 1; shard_idx < from.size(); ++shard_idx) source.add_database(Xapian::Database(from[shard_idx]));
    source.compact(to, Xapian::DBCOMPACT_MULTIPASS);
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot compact into " + to, from.front());
  }
  return sync_directory(to);
}

Result<int64_t> IndexWriter::document_count() const {
  try {
    return static_cast<int64_t>(impl_->db.get_doccount());
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot count documents", impl_->dir);
  }
}

}  // namespace gongkai::search
