// DOCX → Document (see docx_reader.h). libzip and pugixml report errors as codes; nothing here throws except
// std::bad_alloc, which the caller's edge catches.
#include "report/docx_reader.h"

#include <zip.h>

#include <pugixml.hpp>

#include <cstring>
#include <memory>

namespace gongkai::report {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

Result<std::string> read_entry(std::string_view bytes, const char* entry) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return Status::invalid("the DOCX could not be opened");
  }
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status::invalid("not a DOCX (zip) file: " + why);
  }
  zip_error_fini(&error);
  const zip_int64_t index = zip_name_locate(archive.get(), entry, 0);
  if (index < 0) return Status::invalid(std::string("not a Word document: the file has no ") + entry);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(index), 0, &stat) != 0)
    return Status::invalid(std::string("the DOCX entry ") + entry + " cannot be read");
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > kMaxDocxXmlBytes)
    return Status::invalid(std::string(entry) + " decompresses to " + std::to_string(stat.size) +
                           " bytes; the limit is " + std::to_string(kMaxDocxXmlBytes));
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(index), 0));
  if (!file) return Status::invalid(std::string("the DOCX entry ") + entry + " cannot be decompressed");
  std::string out;
  char buffer[1 << 16];
  while (true) {
    const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
    if (n < 0) return Status::invalid(std::string("the DOCX entry ") + entry + " is corrupt");
    if (n == 0) break;
    // The size in the header may lie: the cap holds for what actually comes out.
    if (out.size() + static_cast<size_t>(n) > kMaxDocxXmlBytes)
      return Status::invalid(std::string(entry) + " decompresses past " + std::to_string(kMaxDocxXmlBytes) +
                             " bytes (a zip bomb?)");
    out.append(buffer, static_cast<size_t>(n));
  }
  return out;
}

bool is(const pugi::xml_node& node, const char* name) { return std::strcmp(node.name(), name) == 0; }

// The text of a paragraph or cell: w:t runs, w:tab and w:br as spaces, w:p boundaries as spaces.
void append_text(const pugi::xml_node& node, int depth, std::string& out) {
  if (depth > kMaxNesting) return;
  for (pugi::xml_node child : node.children()) {
    if (is(child, "w:t")) {
      out += child.text().get();
      continue;
    }
    if (is(child, "w:tab") || is(child, "w:br") || is(child, "w:cr")) {
      out += ' ';
      continue;
    }
    if (is(child, "w:delText") || is(child, "w:instrText")) continue;
    append_text(child, depth + 1, out);
    if (is(child, "w:p")) out += ' ';
  }
}

bool has_nested_table(const pugi::xml_node& tbl) {
  for (pugi::xml_node tr : tbl.children("w:tr"))
    for (pugi::xml_node tc : tr.children("w:tc"))
      if (tc.child("w:tbl")) return true;
  return false;
}

class Reader {
 public:
  explicit Reader(Document& doc) : doc_(doc) {}

  Status walk(const pugi::xml_node& node, int depth) {
    if (depth > kMaxNesting)
      return Status::invalid("the DOCX nests elements deeper than " + std::to_string(kMaxNesting) + " levels");
    for (pugi::xml_node child : node.children()) {
      if (is(child, "w:p")) {
        DocumentBlock block;
        append_text(child, depth + 1, block.text);
        if (block.text.find_first_not_of(' ') != std::string::npos) doc_.blocks.push_back(std::move(block));
        continue;
      }
      if (is(child, "w:tbl") && !has_nested_table(child)) {
        GK_RETURN_IF_ERROR(read_table(child, depth + 1));
        continue;
      }
      // Tables with nested tables, w:tr, w:tc, w:sdt, w:sdtContent, w:customXml: their content in order.
      GK_RETURN_IF_ERROR(walk(child, depth + 1));
    }
    return Status::ok();
  }

 private:
  Status read_table(const pugi::xml_node& tbl, int depth) {
    Grid grid;
    for (pugi::xml_node tr : tbl.children("w:tr")) {
      if (grid.rows.size() >= kMaxGridRows)
        return Status::invalid("a DOCX table has more than " + std::to_string(kMaxGridRows) + " rows");
      std::vector<std::string> cells;
      for (pugi::xml_node tc : tr.children("w:tc")) {
        const pugi::xml_node props = tc.child("w:tcPr");
        int span = props.child("w:gridSpan").attribute("w:val").as_int(1);
        if (span < 1) span = 1;
        if (span > kMaxSpan) span = kMaxSpan;
        std::string text;
        append_text(tc, depth + 1, text);
        const pugi::xml_node merge = props.child("w:vMerge");
        const bool continues = merge && std::strcmp(merge.attribute("w:val").as_string("continue"), "restart") != 0;
        for (int k = 0; k < span; ++k) {
          const size_t column_idx = cells.size();
          if (column_idx >= kMaxGridColumns)
            return Status::invalid("a DOCX table is wider than " + std::to_string(kMaxGridColumns) + " columns");
          if (continues && !grid.rows.empty() && column_idx < grid.rows.back().size()) {
            cells.push_back(grid.rows.back()[column_idx]);
          } else {
            cells.push_back(text);
          }
        }
      }
      grid.rows.push_back(std::move(cells));
    }
    size_t width = 0;
    for (const auto& cells : grid.rows) width = std::max(width, cells.size());
    for (auto& cells : grid.rows) cells.resize(width);
    DocumentBlock block;
    block.kind = DocumentBlock::Kind::kGrid;
    block.grid = std::move(grid);
    doc_.blocks.push_back(std::move(block));
    return Status::ok();
  }

  Document& doc_;
};

}  // namespace

Result<Document> read_docx(std::string_view bytes) {
  Result<std::string> xml = read_entry(bytes, "word/document.xml");
  if (!xml) return xml.status();
  pugi::xml_document tree;
  const pugi::xml_parse_result parsed = tree.load_buffer(xml->data(), xml->size());
  if (!parsed)
    return Status::invalid(std::string("word/document.xml is not well-formed XML at byte ") +
                           std::to_string(parsed.offset) + ": " + parsed.description());
  const pugi::xml_node body = tree.child("w:document").child("w:body");
  if (!body) return Status::invalid("word/document.xml has no w:document/w:body");
  Document doc;
  Reader reader(doc);
  Status s = reader.walk(body, 0);
  if (!s.is_ok()) return s;
  return doc;
}

}  // namespace gongkai::report
