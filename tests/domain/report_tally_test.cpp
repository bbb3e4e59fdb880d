// Tests of the report tallies on constructed records: which cells one case / review / document counts in (tables of
// {record, year, expected cells}), both formats, carry-over across years, and the table 三 identities on a case set.
#include "domain/report_tally.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace gongkai::domain {
namespace {

using Cells = std::set<std::pair<std::string, std::string>>;

Cells as_set(const std::vector<TallyCell>& cells) {
  Cells out;
  for (const TallyCell& c : cells) EXPECT_TRUE(out.insert({c.row, c.column}).second) << c.row << "." << c.column;
  return out;
}

CaseFacts case_of(std::string type, std::optional<std::string> received, std::optional<std::string> replied,
                  std::string outcome) {
  CaseFacts c;
  c.number = "b-x";
  c.applicant_type = std::move(type);
  c.received = std::move(received);
  c.replied = std::move(replied);
  c.outcome = std::move(outcome);
  return c;
}

TEST(ReportTally, Table3CellsOfOneCase) {
  struct Row {
    const char* what;
    CaseFacts facts;
    int year;
    Cells expected;
  };
  const Row rows[] = {
      {"received and granted in the year", case_of("natural_person", "2020-03-02", "2020-03-20", "granted"), 2020,
       {{"new", "natural_person"}, {"new", "total"}, {"granted", "natural_person"}, {"granted", "total"},
        {"total", "natural_person"}, {"total", "total"}}},
      {"received in the year, still open", case_of("business", "2020-12-20", std::nullopt, ""), 2020,
       {{"new", "business"}, {"new", "total"}, {"carry_forward", "business"}, {"carry_forward", "total"}}},
      {"received in December, replied in January: carried forward", case_of("research", "2020-12-20", "2021-01-08",
                                                                             "partial"),
       2020, {{"new", "research"}, {"new", "total"}, {"carry_forward", "research"}, {"carry_forward", "total"}}},
      {"the same case the next year: carried over and replied", case_of("research", "2020-12-20", "2021-01-08",
                                                                        "partial"),
       2021, {{"carried_over", "research"}, {"carried_over", "total"}, {"partial", "research"}, {"partial", "total"},
              {"total", "research"}, {"total", "total"}}},
      {"open two years: carried over and forward", case_of("other_org", "2019-11-01", std::nullopt, ""), 2020,
       {{"carried_over", "other_org"}, {"carried_over", "total"}, {"carry_forward", "other_org"},
        {"carry_forward", "total"}}},
      {"replied the year before: nothing", case_of("natural_person", "2019-03-01", "2019-03-10", "granted"), 2020, {}},
      {"received the year after: nothing", case_of("natural_person", "2021-01-04", std::nullopt, ""), 2020, {}},
      {"no receipt date (awaiting confirmation): nothing", case_of("natural_person", std::nullopt, std::nullopt, ""),
       2020, {}},
      {"2019 format: other.no_fee is the one row other", case_of("legal_service", "2020-05-06", "2020-06-01",
                                                                 "other.no_fee"),
       2020, {{"new", "legal_service"}, {"new", "total"}, {"other", "legal_service"}, {"other", "total"},
              {"total", "legal_service"}, {"total", "total"}}},
      {"2021 format: other.no_fee keeps its row", case_of("legal_service", "2021-05-06", "2021-06-01", "other.no_fee"),
       2021, {{"new", "legal_service"}, {"new", "total"}, {"other.no_fee", "legal_service"},
              {"other.no_fee", "total"}, {"total", "legal_service"}, {"total", "total"}}},
      {"31 Dec reply counts in the year", case_of("social_welfare", "2020-12-01", "2020-12-31",
                                                  "withheld.third_party"),
       2020, {{"new", "social_welfare"}, {"new", "total"}, {"withheld.third_party", "social_welfare"},
              {"withheld.third_party", "total"}, {"total", "social_welfare"}, {"total", "total"}}},
  };
  for (const Row& r : rows) EXPECT_EQ(as_set(table3_cells(r.facts, r.year)), r.expected) << r.what;
}

TEST(ReportTally, AnUnknownOutcomeIsReportedNotCounted) {
  bool unmapped = false;
  const Cells cells = as_set(table3_cells(case_of("natural_person", "2020-01-06", "2020-01-20", "bogus"), 2020,
                                          &unmapped));
  EXPECT_TRUE(unmapped);
  EXPECT_EQ(cells, (Cells{{"new", "natural_person"}, {"new", "total"}}));
}

// A case set spread over 2019-2022: for every year and column, 一 + 二 = （七） + 四 (identity 1), （七） is the sum
// of the result rows (identity 3), and 二 of year N = 四 of year N-1 (identity 5).
TEST(ReportTally, IdentitiesHoldAcrossYearsAndFormats) {
  const char* types[] = {"natural_person", "business", "research", "social_welfare", "legal_service", "other_org"};
  const char* outcomes[] = {"granted", "partial", "withheld.process_info", "unavailable.not_held",
                            "not_processed.duplicate", "other.no_correction", "other.no_fee", "other.other"};
  std::vector<CaseFacts> cases;
  for (int idx = 0; idx < 400; ++idx) {
    const int year = 2019 + idx % 4;
    const int month = 1 + (idx * 7) % 12, day = 1 + (idx * 11) % 28;
    char received[16];
    std::snprintf(received, sizeof received, "%04d-%02d-%02d", year, month, day);
    std::optional<std::string> replied;
    if (idx % 5 != 0) {  // one in five stays open; the others take 0-70 days, some across the year end
      const int later = month + (idx % 3);
      char r[16];
      std::snprintf(r, sizeof r, "%04d-%02d-%02d", later > 12 ? year + 1 : year, later > 12 ? later - 12 : later, day);
      replied = r;
    }
    cases.push_back(case_of(types[idx % 6], received, replied, outcomes[idx % 8]));
  }
  std::map<int, CountTable> by_year;
  for (int year = 2019; year <= 2023; ++year) {
    by_year[year] = tally<CaseFacts>(cases, [year](const CaseFacts& c) { return table3_cells(c, year); });
    CountTable& t = by_year[year];
    const std::vector<std::string> rows = table3_row_codes(year);
    for (const char* column : {"natural_person", "business", "research", "social_welfare", "legal_service",
                               "other_org", "total"}) {
      EXPECT_EQ(t["new"][column] + t["carried_over"][column], t["total"][column] + t["carry_forward"][column])
          << year << " " << column;
      int64_t results = 0;
      for (const std::string& row : rows)
        if (row != "new" && row != "carried_over" && row != "total" && row != "carry_forward") results += t[row][column];
      EXPECT_EQ(results, t["total"][column]) << year << " " << column;
      if (year > 2019) {
        EXPECT_EQ(t["carried_over"][column], by_year[year - 1]["carry_forward"][column]) << year;
      }
    }
    EXPECT_GT(t["carry_forward"]["total"], 0) << year;
  }
  EXPECT_GT(by_year[2020]["other"]["total"], 0);         // 2019 format sums other.*
  EXPECT_EQ(by_year[2020].count("other.no_fee"), 0u);
  EXPECT_GT(by_year[2021]["other.no_fee"]["total"], 0);  // 2021 format keeps them apart
  EXPECT_EQ(by_year[2021].count("other"), 0u);
}

TEST(ReportTally, Table4CountsTheResultAsOfTheYearEnd) {
  struct Row {
    ReviewFacts facts;
    int year;
    Cells expected;
  };
  auto review = [](const char* kind, const char* filed, const char* result, std::optional<std::string> closed) {
    ReviewFacts r;
    r.kind = kind;
    r.filed = filed;
    r.result = result;
    r.closed = std::move(closed);
    return r;
  };
  const Row rows[] = {
      {review("reconsideration", "2020-04-01", "upheld", "2020-06-01"), 2020,
       {{"reconsideration", "upheld"}, {"reconsideration", "total"}}},
      {review("litigation_direct", "2020-11-01", "corrected", "2021-02-01"), 2020,
       {{"litigation_direct", "pending"}, {"litigation_direct", "total"}}},
      {review("litigation_after_review", "2020-05-01", "pending", std::nullopt), 2020,
       {{"litigation_after_review", "pending"}, {"litigation_after_review", "total"}}},
      {review("reconsideration", "2019-12-30", "upheld", "2020-01-10"), 2020, {}},
  };
  for (const Row& r : rows) EXPECT_EQ(as_set(table4_cells(r.facts, r.year)), r.expected) << r.facts.filed;
}

TEST(ReportTally, Table2RegistryCellsInBothFormats) {
  DocumentFacts doc;
  doc.kind = "normative";
  doc.written = "2020-12-28";
  doc.published = "2021-01-05";
  doc.validity = "废止";
  doc.changes = {{"2022-03-01", "废止", "有效"}};
  EXPECT_EQ(as_set(table2_registry_cells(doc, 2020)), (Cells{{"normative", "new_made"}}));  // made, not yet published
  EXPECT_EQ(as_set(table2_registry_cells(doc, 2021)), (Cells{{"normative", "valid"}}));
  EXPECT_EQ(as_set(table2_registry_cells(doc, 2022)), (Cells{{"normative", "repealed"}}));
  EXPECT_EQ(validity_on(doc, "2021-12-31"), "有效");
  EXPECT_EQ(validity_on(doc, "2022-12-31"), "废止");

  DocumentFacts fresh;
  fresh.kind = "normative";
  fresh.published = "2020-06-01";  // no 成文日期: made when published; never marked: in force
  EXPECT_EQ(as_set(table2_registry_cells(fresh, 2020)),
            (Cells{{"normative", "new_made"}, {"normative", "new_published"}, {"normative", "published_total"}}));
  EXPECT_EQ(as_set(table2_registry_cells(fresh, 2021)), (Cells{{"normative", "valid"}}));
  fresh.kind = "document";
  EXPECT_TRUE(table2_registry_cells(fresh, 2020).empty());
  fresh.kind = "regulation";
  EXPECT_EQ(as_set(table2_registry_cells(fresh, 2021)), (Cells{{"regulations", "valid"}}));
}

}  // namespace
}  // namespace gongkai::domain
