// The DOCX: its WordprocessingML structure against golden summaries (styles, w:gridSpan, w:vMerge, repeated
// header rows) and a round trip through the checker's DOCX reader that gives back every cell.
#include "render/report_docx.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <cstdlib>
#include <fstream>

#include "render/office_zip.h"
#include "render/report_fixtures.h"
#include "report/report_file.h"

namespace gongkai {
namespace {

using domain::ReportFormatVersion;

std::string text_of(pugi::xml_node node) {
  std::string out;
  for (pugi::xpath_node t : node.select_nodes(".//w:t")) out += t.node().text().get();
  return out;
}

// "p STYLE text" per paragraph; "tbl" / "tr [header]" / "tc span=N vmerge=restart|continue text" for tables.
std::string summary(const std::string& docx) {
  std::string xml = testing::zip_entry(docx, "word/document.xml");
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return "unparsable document.xml";
  std::string out;
  for (pugi::xml_node node : doc.child("w:document").child("w:body").children()) {
    std::string name = node.name();
    if (name == "w:p") {
      out += std::string("p ") + node.child("w:pPr").child("w:pStyle").attribute("w:val").as_string("-") + " " +
             text_of(node) + "\n";
      continue;
    }
    if (name != "w:tbl") continue;
    out += "tbl\n";
    for (pugi::xml_node tr : node.children("w:tr")) {
      out += tr.child("w:trPr").child("w:tblHeader") ? "tr header\n" : "tr\n";
      for (pugi::xml_node tc : tr.children("w:tc")) {
        pugi::xml_node props = tc.child("w:tcPr");
        out += "  tc";
        if (props.child("w:gridSpan")) out += std::string(" span=") + props.child("w:gridSpan").attribute("w:val").value();
        if (props.child("w:vMerge"))
          out += std::string(" vmerge=") + props.child("w:vMerge").attribute("w:val").as_string("continue");
        out += " " + text_of(tc) + "\n";
      }
    }
  }
  return out;
}

class ReportDocx : public ::testing::TestWithParam<ReportFormatVersion> {};

TEST_P(ReportDocx, MatchesTheGoldenStructure) {
  Result<std::string> docx =
      render::render_report_docx(testing::sample_report(GetParam()), testing::report_formats().get(GetParam()));
  ASSERT_TRUE(docx.is_ok()) << docx.status().message();
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml",
                           "docProps/core.xml"})
    EXPECT_FALSE(testing::zip_entry(*docx, part).empty()) << part;
  std::string actual = summary(*docx);
  testing::expect_golden(actual, "report-" + std::string(domain::format_name(GetParam())) + ".docx.txt");
  // The official spans, spot-checked: the corner starts a 3-row merge across 3 grid columns.
  EXPECT_NE(actual.find("tr header\n  tc span=3 vmerge=restart （本列数据的勾稽关系为"), std::string::npos);
  EXPECT_NE(actual.find("  tc vmerge=restart 三、本年度办理结果\n"), std::string::npos);
  EXPECT_NE(actual.find("p Heading1 六、其他需要报告的事项\n"), std::string::npos);
}

TEST_P(ReportDocx, RoundTripsThroughTheCheckersDocxReader) {
  domain::AnnualReport report = testing::sample_report(GetParam());
  Result<std::string> docx = render::render_report_docx(report, testing::report_formats().get(GetParam()));
  ASSERT_TRUE(docx.is_ok()) << docx.status().message();
  Result<domain::AnnualReport> read = report::read_report_bytes(*docx, "report.docx", testing::report_formats());
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  EXPECT_EQ(read->year, report.year);
  EXPECT_EQ(read->format, GetParam());
  EXPECT_EQ(read->sections.size(), 6u);
  testing::expect_same_tables(report, *read);
}

INSTANTIATE_TEST_SUITE_P(BothFormats, ReportDocx,
                         ::testing::Values(ReportFormatVersion::k2019, ReportFormatVersion::k2021),
                         [](const auto& info) { return std::string(domain::format_name(info.param)); });

}  // namespace
}  // namespace gongkai
