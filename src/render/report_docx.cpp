// DOCX of the report: WordprocessingML built with pugixml (which escapes every text), zipped in memory.
#include "render/report_docx.h"

#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <pugixml.hpp>
#include <sstream>

#include "render/grid_placement.h"
#include "render/report_tables.h"

namespace gongkai::render {

namespace {

using Role = LayoutCell::Role;

// A4 in twentieths of a point, 2.5 cm margins.
constexpr int kPageWidthTwips = 11906;
constexpr int kPageHeightTwips = 16838;
constexpr int kMarginTwips = 1418;
constexpr int kTextWidthTwips = kPageWidthTwips - 2 * kMarginTwips;

constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

constexpr const char* kContentTypes = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>)";

constexpr const char* kPackageRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>)";

constexpr const char* kDocumentRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

constexpr const char* kStyles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:jc w:val="center"/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="21"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr></w:style><w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>)";

void set_val(pugi::xml_node node, const char* value) { node.append_attribute("w:val") = value; }

// Appends <w:p> with `style` (may be null), alignment (may be null) and `text` (lines split into w:br).
pugi::xml_node paragraph(pugi::xml_node parent, const char* style, const char* align, const std::string& text,
                         bool first_line_indent = false) {
  pugi::xml_node p = parent.append_child("w:p");
  pugi::xml_node props = p.append_child("w:pPr");
  if (style) set_val(props.append_child("w:pStyle"), style);
  if (first_line_indent) props.append_child("w:ind").append_attribute("w:firstLineChars") = 200;
  if (align) set_val(props.append_child("w:jc"), align);
  if (text.empty()) return p;
  pugi::xml_node run = p.append_child("w:r");
  pugi::xml_node t = run.append_child("w:t");
  t.append_attribute("xml:space") = "preserve";
  t.text().set(text.c_str());
  return p;
}

void text_paragraphs(pugi::xml_node body, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) paragraph(body, nullptr, nullptr, line, true);
}

// One grid position a row shows: a cell starting there, or the continuation of a row span from above.
struct RowSlot {
  const GridPlacement<LayoutCell>* placed = nullptr;
  bool continuation = false;
  int col = 0;
};

Status table_xml(pugi::xml_node body, const ReportTableLayout& table) {
  paragraph(body, "Caption", nullptr, table.caption);
  pugi::xml_node tbl = body.append_child("w:tbl");
  pugi::xml_node props = tbl.append_child("w:tblPr");
  set_val(props.append_child("w:tblStyle"), "ReportTable");
  pugi::xml_node width = props.append_child("w:tblW");
  width.append_attribute("w:w") = kTextWidthTwips;
  width.append_attribute("w:type") = "dxa";
  props.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
  pugi::xml_node look = props.append_child("w:tblCaption");
  set_val(look, table.caption.c_str());

  double total = 0;
  for (double w : table.column_widths) total += w;
  std::vector<int> col_twips;
  pugi::xml_node grid = tbl.append_child("w:tblGrid");
  for (double w : table.column_widths) {
    col_twips.push_back(static_cast<int>(w / total * kTextWidthTwips));
    grid.append_child("w:gridCol").append_attribute("w:w") = col_twips.back();
  }
  for (const std::vector<LayoutRow>* rows : {&table.header_rows, &table.body_rows}) {
    bool header = rows == &table.header_rows;
    Result<std::vector<GridPlacement<LayoutCell>>> placed = place_on_grid(*rows, table.columns(), table.code);
    if (!placed) return placed.status();
    for (size_t row_idx = 0; row_idx < rows->size(); ++row_idx) {
      std::vector<RowSlot> slots;
      for (const GridPlacement<LayoutCell>& cell : *placed) {
        int row = static_cast<int>(row_idx);
        if (cell.row == row) slots.push_back(RowSlot{&cell, false, cell.col});
        else if (cell.row < row && row < cell.row + cell.row_span) slots.push_back(RowSlot{&cell, true, cell.col});
      }
      std::sort(slots.begin(), slots.end(), [](const RowSlot& a, const RowSlot& b) { return a.col < b.col; });
      pugi::xml_node tr = tbl.append_child("w:tr");
      pugi::xml_node tr_props = tr.append_child("w:trPr");
      tr_props.append_child("w:cantSplit");
      if (header) tr_props.append_child("w:tblHeader");
      for (const RowSlot& slot : slots) {
        const LayoutCell& cell = *slot.placed->cell;
        pugi::xml_node tc = tr.append_child("w:tc");
        pugi::xml_node tc_props = tc.append_child("w:tcPr");
        int twips = 0;
        for (int c = slot.col; c < slot.col + cell.col_span; ++c) twips += col_twips[c];
        pugi::xml_node tc_width = tc_props.append_child("w:tcW");
        tc_width.append_attribute("w:w") = twips;
        tc_width.append_attribute("w:type") = "dxa";
        if (cell.col_span > 1) tc_props.append_child("w:gridSpan").append_attribute("w:val") = cell.col_span;
        if (cell.row_span > 1) {
          pugi::xml_node merge = tc_props.append_child("w:vMerge");
          if (!slot.continuation) set_val(merge, "restart");
        }
        if (cell.role != Role::kData && cell.role != Role::kRowHeader) {
          pugi::xml_node shade = tc_props.append_child("w:shd");
          set_val(shade, "clear");
          shade.append_attribute("w:color") = "auto";
          shade.append_attribute("w:fill") = cell.role == Role::kCorner ? "FFFFFF" : "EEF1F5";
        }
        set_val(tc_props.append_child("w:vAlign"), "center");
        const char* align = cell.role == Role::kData           ? "right"
                            : cell.role == Role::kColumnHeader ? "center"
                                                               : nullptr;
        paragraph(tc, "TableText", align, slot.continuation ? std::string() : cell.text);
      }
    }
  }
  body.append_child("w:p");  // Word needs a paragraph between a table and what follows
  return Status::ok();
}

std::string core_properties(const std::string& title) {
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node core = doc.append_child("cp:coreProperties");
  core.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  core.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  core.append_child("dc:title").text().set(title.c_str());
  core.append_child("dc:creator").text().set("gongkai");
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

// Zips `entries` (name, bytes) in memory, in order.
Result<std::string> zip_entries(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (source == nullptr) return Status::internal("docx: zip buffer");
  zip_t* archive = zip_open_from_source(source, ZIP_TRUNCATE, &error);
  if (archive == nullptr) {
    zip_source_free(source);
    return Status::internal(std::string("docx: zip open: ") + zip_error_strerror(&error));
  }
  zip_source_keep(source);
  for (const auto& [name, bytes] : entries) {
    zip_source_t* entry = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);
    if (entry == nullptr || zip_file_add(archive, name.c_str(), entry, ZIP_FL_ENC_UTF_8) < 0) {
      if (entry) zip_source_free(entry);
      std::string message = zip_strerror(archive);
      zip_discard(archive);
      zip_source_free(source);
      return Status::internal("docx: zip add " + name + ": " + message);
    }
  }
  if (zip_close(archive) < 0) {
    std::string message = zip_strerror(archive);
    zip_discard(archive);
    zip_source_free(source);
    return Status::internal("docx: zip close: " + message);
  }
  std::string out;
  zip_stat_t stat;
  if (zip_source_stat(source, &stat) == 0 && zip_source_open(source) == 0) {
    out.resize(stat.size);
    zip_int64_t read = zip_source_read(source, out.data(), stat.size);
    zip_source_close(source);
    out.resize(read < 0 ? 0 : static_cast<size_t>(read));
  }
  zip_source_free(source);
  if (out.empty()) return Status::internal("docx: the zip could not be read back");
  return out;
}

}  // namespace

Result<std::string> render_report_docx(const domain::AnnualReport& report, const domain::ReportFormat& format) {
  Result<std::vector<ReportTableLayout>> tables = layout_report_tables(report, format);
  if (!tables) return tables.status();
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  pugi::xml_node document = doc.append_child("w:document");
  document.append_attribute("xmlns:w") = kWordNamespace;
  pugi::xml_node body = document.append_child("w:body");
  std::string title = report_title(report);
  paragraph(body, "Title", nullptr, title);
  text_paragraphs(body, report.preamble);
  for (const domain::FormatEntry* section : report_section_entries(format)) {
    const domain::ReportSection* found = report.section(section->code);
    paragraph(body, "Heading1", nullptr, found && !found->heading.empty() ? found->heading : section->label);
    if (found) text_paragraphs(body, found->text);
    int table_idx = std::atoi(section->code.c_str()) - 2;
    if (table_idx >= 0 && table_idx < static_cast<int>(tables->size()))
      GK_RETURN_IF_ERROR(table_xml(body, (*tables)[table_idx]));
  }
  pugi::xml_node sect = body.append_child("w:sectPr");
  pugi::xml_node size = sect.append_child("w:pgSz");
  size.append_attribute("w:w") = kPageWidthTwips;
  size.append_attribute("w:h") = kPageHeightTwips;
  pugi::xml_node margins = sect.append_child("w:pgMar");
  for (const char* side : {"w:top", "w:right", "w:bottom", "w:left"}) margins.append_attribute(side) = kMarginTwips;
  margins.append_attribute("w:header") = 851;
  margins.append_attribute("w:footer") = 992;
  margins.append_attribute("w:gutter") = 0;
  std::ostringstream xml;
  doc.save(xml, "", pugi::format_raw);
  return zip_entries({{"[Content_Types].xml", kContentTypes},
                      {"_rels/.rels", kPackageRels},
                      {"word/document.xml", xml.str()},
                      {"word/_rels/document.xml.rels", kDocumentRels},
                      {"word/styles.xml", kStyles},
                      {"docProps/core.xml", core_properties(title)}});
}

}  // namespace gongkai::render
