// Tests of the report builder on SQLite and PostgreSQL: cases registered and answered through CaseDesk across a
// year end, reviews and entered figures, read back as tables 三 四 二 for a government's own scope (with its
// office), for the area (--include-children) and for consecutive years in both formats; the checks find no error.
#include "services/report_builder.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "services/applications.h"
#include "services/bodies.h"
#include "services/id_vault.h"
#include "services/report_figures.h"
#include "store/calendar.h"
#include "store/reviews.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

using domain::Date;

class ReportBuilderTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    InstallationOptions where;
    where.data_dir = dir_.file("data");
    where.database_url = db_->url();
    Result<std::unique_ptr<Installation>> inst = Installation::create(where);
    ASSERT_TRUE(inst) << inst.status().message();
    inst_ = std::move(*inst);
    Result<std::unique_ptr<store::Connection>> conn = inst_->connect();
    ASSERT_TRUE(conn);
    conn_ = std::move(*conn);
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    const char* bodies[][4] = {{"gov", "示例县人民政府", "government", ""},
                               {"office", "示例县人民政府办公室", "office", "gov"},
                               {"dept", "示例县教育局", "department", "gov"}};
    for (const auto& b : bodies) {
      BodySpec spec;
      spec.code = b[0];
      spec.name = b[1];
      spec.type = b[2];
      spec.parent_code = b[3];
      ASSERT_TRUE(add_body(*conn_, spec));
    }
    Result<IdVault> vault = open_id_vault(inst_->data_dir(), *conn_);
    ASSERT_TRUE(vault) << vault.status().message();
    Result<domain::WorkCalendar> calendar = store::load_calendar(*conn_);
    ASSERT_TRUE(calendar);
    CaseDesk desk(*conn_, *vault, *calendar, Date::from_ymd(2021, 12, 31));
    struct Case {
      const char* body;
      const char* type;
      const char* received;
      const char* replied;  // "" = open
      const char* outcome;
    };
    const Case cases[] = {
        {"gov", "natural_person", "2020-03-02", "2020-03-20", "granted"},
        {"office", "business", "2020-06-01", "2020-06-15", "partial"},
        {"dept", "natural_person", "2020-12-21", "2021-01-08", "unavailable.not_held"},  // across the year end
        {"dept", "research", "2020-11-02", "", ""},                                     // open two years
        {"dept", "natural_person", "2021-03-01", "2021-03-10", "not_processed.duplicate"},
    };
    for (const Case& c : cases) {
      NewApplication a;
      a.body_code = c.body;
      a.channel = "in_person";
      a.applicant_type = c.type;
      a.applicant_name = "申请人";
      a.request = "请公开有关文件";
      a.received_date = c.received;
      a.actor = "test";
      Result<Registered> r = desk.register_case(a);
      ASSERT_TRUE(r) << r.status().message();
      if (!*c.replied) continue;
      for (const auto& [kind, outcome] : {std::pair{"start_handling", ""}, {"decide", c.outcome}, {"reply", ""}}) {
        CaseAct act;
        act.kind = kind;
        act.on_date = std::string(kind) == "start_handling" ? c.received : c.replied;
        act.outcome = outcome;
        Result<store::ApplicationRow> done = desk.apply(r->number, act);
        ASSERT_TRUE(done) << kind << ": " << done.status().message();
      }
    }
    store::ReviewRow review;
    review.body_id = *conn_->query_int("SELECT id FROM bodies WHERE code = 'dept'");
    review.kind = "reconsideration";
    review.filed_date = "2020-07-01";
    review.result = "upheld";
    review.closed_date = "2021-02-01";
    ASSERT_TRUE(store::insert_review(*conn_, review));
    ASSERT_TRUE(tx.commit());
  }

  BuiltReport build(const std::string& body, int year, bool children) {
    ReportQuery q;
    q.body_code = body;
    q.year = year;
    q.include_children = children;
    Result<BuiltReport> r = build_annual_report(*inst_, q);
    EXPECT_TRUE(r) << r.status().message();
    if (!r) return {};
    for (const domain::Violation& v : r->checks)
      EXPECT_NE(v.severity, domain::Severity::kError) << body << " " << year << ": " << v.rule << " " << v.message;
    return std::move(*r);
  }
  static double cell(const BuiltReport& r, const std::optional<domain::ReportTable>& t, const std::string& row,
                     const std::string& column) {
    (void)r;
    if (!t || !t->count(row) || !t->at(row).count(column)) return -1;
    return t->at(row).at(column).value.value_or(-2);
  }

  gongkai::testing::TempDir dir_;
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<Installation> inst_;
  std::unique_ptr<store::Connection> conn_;
};

TEST_P(ReportBuilderTest, TablesByScopeAndAcrossTheYearEnd) {
  struct Expect {
    const char* body;
    int year;
    bool children;
    const char* row;
    const char* column;
    double value;
  };
  const Expect rows[] = {
      // The government's own 2020 report: its case and its office's.
      {"gov", 2020, false, "new", "total", 2},
      {"gov", 2020, false, "new", "business", 1},
      {"gov", 2020, false, "granted", "natural_person", 1},
      {"gov", 2020, false, "partial", "business", 1},
      {"gov", 2020, false, "carry_forward", "total", 0},
      // The area: the department's two cases are still open on 31 Dec 2020.
      {"gov", 2020, true, "new", "total", 4},
      {"gov", 2020, true, "total", "total", 2},
      {"gov", 2020, true, "carry_forward", "total", 2},
      {"gov", 2020, true, "carry_forward", "research", 1},
      {"gov", 2020, true, "other", "total", 0},
      // 2021 (2021 format): the carried-over pair, one replied in January; one new case answered.
      {"gov", 2021, true, "carried_over", "total", 2},
      {"gov", 2021, true, "new", "total", 1},
      {"gov", 2021, true, "unavailable.not_held", "natural_person", 1},
      {"gov", 2021, true, "not_processed.duplicate", "total", 1},
      {"gov", 2021, true, "total", "total", 2},
      {"gov", 2021, true, "carry_forward", "research", 1},
      {"gov", 2021, true, "other.no_fee", "total", 0},
      {"dept", 2020, false, "new", "total", 2},
      {"office", 2020, false, "new", "total", 1},
  };
  for (const Expect& e : rows) {
    const BuiltReport r = build(e.body, e.year, e.children);
    EXPECT_EQ(cell(r, r.report.table3, e.row, e.column), e.value)
        << e.body << " " << e.year << (e.children ? " +children " : " ") << e.row << "." << e.column;
  }
}

TEST_P(ReportBuilderTest, ReviewsFiguresAndRegistry) {
  const BuiltReport area2020 = build("gov", 2020, true);
  EXPECT_EQ(cell(area2020, area2020.report.table4, "reconsideration", "pending"), 1);  // closed only in 2021
  EXPECT_EQ(cell(area2020, area2020.report.table4, "reconsideration", "total"), 1);
  const BuiltReport own2020 = build("gov", 2020, false);
  EXPECT_EQ(cell(own2020, own2020.report.table4, "reconsideration", "total"), 0);
  // A figure not entered is blank, not 0; entered ones are summed over the scope.
  ASSERT_TRUE(own2020.report.table2->at("licensing").at("decisions").blank());
  FigureInput a{"gov", 2020, "licensing", "decisions", "120", ""};
  FigureInput b{"dept", 2020, "licensing", "decisions", "30", ""};
  const FigureInput both[] = {a, b};
  ASSERT_TRUE(set_report_figures(*inst_, both, "test", "test"));
  EXPECT_EQ(cell(own2020, build("gov", 2020, false).report.table2, "licensing", "decisions"), 120);
  EXPECT_EQ(cell(own2020, build("gov", 2020, true).report.table2, "licensing", "decisions"), 150);
  // A bad figure in a batch writes nothing.
  FigureInput bad{"dept", 2020, "penalty", "decisions", "-1", ""};
  FigureInput good{"dept", 2020, "penalty", "prev_items", "4", ""};
  const FigureInput batch[] = {good, bad};
  EXPECT_FALSE(set_report_figures(*inst_, batch, "test", "test"));
  EXPECT_TRUE(build("dept", 2020, false).report.table2->at("penalty").at("prev_items").blank());
}

TEST_P(ReportBuilderTest, DrillDownListsWhatTheCellCounts) {
  CellQuery q;
  q.report = {"gov", 2020, true};
  q.table = "3";
  q.row = "carry_forward";
  q.column = "total";
  Result<std::vector<CellEntry>> entries = report_cell_entries(*inst_, q);
  ASSERT_TRUE(entries) << entries.status().message();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].body, "dept");
  q.row = "other.no_fee";  // a 2021 row in a 2020 (2019-format) report
  EXPECT_FALSE(report_cell_entries(*inst_, q));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportBuilderTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::services
