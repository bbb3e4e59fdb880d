// Tests of disclosure-on-application cases on SQLite and PostgreSQL: registration with the domain's checks and
// the sealed ID number, acts through the transition table (illegal ones refused with nothing written), the
// deadline from the stored events, open cases by due date, and a calendar update recomputing open deadlines.
#include "services/applications.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <fstream>

#include "common/embedded.h"
#include "services/bodies.h"
#include "services/case_digest.h"
#include "services/case_intake.h"
#include "services/case_stats.h"
#include "services/case_work.h"
#include "store/accounts.h"
#include "store/calendar.h"
#include "support/sample_files.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

namespace fs = std::filesystem;
using domain::Date;

BodySpec body_spec(const std::string& code, const std::string& name, const std::string& type,
                   const std::string& parent_code) {
  BodySpec spec;
  spec.code = code;
  spec.name = name;
  spec.type = type;
  spec.parent_code = parent_code;
  return spec;
}

NewApplication person(const std::string& received) {
  NewApplication a;
  a.body_code = "dept";
  a.channel = "in_person";
  a.applicant_type = "natural_person";
  a.applicant_name = "张三";
  a.id_number = "330522198001011237";
  a.phone = "13800000000";
  a.request = "请公开2020年城区学校划片范围的文件";
  a.received_date = received;
  return a;
}

class ApplicationsTest : public ::testing::TestWithParam<std::string> {
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
    ASSERT_TRUE(conn) << conn.status().message();
    conn_ = std::move(*conn);
    {
      store::Transaction tx(*conn_, store::TxMode::kWrite);
      ASSERT_TRUE(tx.status());
      for (const BodySpec& spec : {body_spec("gov", "示例县人民政府", "government", ""),
                                   body_spec("dept", "示例县教育局", "department", "gov")}) {
        ASSERT_TRUE(add_body(*conn_, spec));
      }
      ASSERT_TRUE(tx.commit());
    }
    Result<IdVault> vault = IdVault::open(inst_->data_dir());
    ASSERT_TRUE(vault) << vault.status().message();
    vault_ = std::make_unique<IdVault>(std::move(*vault));
    Result<domain::WorkCalendar> calendar = store::load_calendar(*conn_);
    ASSERT_TRUE(calendar);
    calendar_ = *calendar;
  }

  // Runs `work` with a desk in one write transaction, committing when it returns true.
  template <typename Work>
  void in_tx(Date today, Work work) {
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    CaseDesk desk(*conn_, *vault_, calendar_, today);
    if (!work(desk)) return;
    ASSERT_TRUE(tx.commit());
  }

  Result<Registered> register_one(const NewApplication& a, Date today = Date::from_ymd(2020, 12, 31)) {
    Result<Registered> out = Status::internal("not run");
    in_tx(today, [&](CaseDesk& desk) {
      out = desk.register_case(a);
      return out.is_ok();
    });
    return out;
  }

  Result<store::ApplicationRow> act(const std::string& number, const std::string& kind, const std::string& date,
                                    int days = 0, const std::string& outcome = "") {
    Result<store::ApplicationRow> out = Status::internal("not run");
    CaseAct a;
    a.kind = kind;
    a.on_date = date;
    a.days = days;
    a.outcome = outcome;
    in_tx(Date::from_ymd(2020, 12, 31), [&](CaseDesk& desk) {
      out = desk.apply(number, a);
      return out.is_ok();
    });
    return out;
  }

  store::ApplicationRow row(const std::string& number) {
    Result<std::optional<store::ApplicationRow>> r = store::find_application_by_number(*conn_, number);
    EXPECT_TRUE(r && *r) << number;
    return r && *r ? **r : store::ApplicationRow{};
  }
  int64_t event_count() { return *conn_->query_int("SELECT COUNT(*) FROM application_events"); }

  gongkai::testing::TempDir dir_;
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<Installation> inst_;
  std::unique_ptr<store::Connection> conn_;
  std::unique_ptr<IdVault> vault_;
  domain::WorkCalendar calendar_;
};

TEST_P(ApplicationsTest, RegisteringSealsTheIdNumberAndComputesTheDeadline) {
  Result<Registered> r = register_one(person("2020-09-28"));
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(r->number, "dept-2020-0001");
  EXPECT_EQ(r->query_code.size(), 10u);
  const store::ApplicationRow a = row(r->number);
  EXPECT_EQ(a.stage, "registered");
  EXPECT_EQ(a.receipt_basis, "handed_in");
  EXPECT_EQ(a.query_code_hash, query_code_hash(r->query_code));
  EXPECT_EQ(a.id_masked, "330522********1237");
  ASSERT_TRUE(a.id_sealed);
  EXPECT_EQ(a.id_sealed->find("330522198001011237"), std::string::npos);
  Result<std::string> plain = vault_->unseal(*a.id_sealed);
  ASSERT_TRUE(plain) << plain.status().message();
  EXPECT_EQ(*plain, "330522198001011237");
  // 条例 Art. 33: 20 working days from the working day after receipt, across 国庆节、中秋节 2020.
  Result<domain::Deadline> expected = domain::count_working_days(calendar_, Date::from_ymd(2020, 9, 28), 20);
  ASSERT_TRUE(expected);
  EXPECT_EQ(a.due_date, expected->due.to_string());
  EXPECT_FALSE(a.due_provisional);
  // The key file: 32 bytes, owner-only.
  const fs::path key = IdVault::key_path(inst_->data_dir());
  EXPECT_EQ(fs::file_size(key), 32u);
  EXPECT_EQ(fs::status(key).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
  // The second number of the body and year follows.
  Result<Registered> second = register_one(person("2020-10-09"));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->number, "dept-2020-0002");
}

TEST_P(ApplicationsTest, HostileRegistrationsAreRefusedWithTheField) {
  struct Case {
    std::function<void(NewApplication&)> change;
    const char* field;
    const char* why;
  };
  const Case cases[] = {
      {[](NewApplication& a) { a.id_number = "330522198001011238"; }, "id_number", "forged ID: wrong check digit"},
      {[](NewApplication& a) { a.id_number = "330522198002301235"; }, "id_number", "ID born on 1980-02-30"},
      {[](NewApplication& a) {
         a.applicant_type = "business";
         a.id_number = "91350100M000100Y44";
       }, "id_number", "forged credit code"},
      {[](NewApplication& a) { a.received_date = "2021-02-30"; }, "received_date", "no such day"},
      {[](NewApplication& a) { a.received_date = ""; }, "received_date", "in person needs a receipt date"},
      {[](NewApplication& a) { a.received_date = "2021-03-01"; }, "received_date", "after today"},
      {[](NewApplication& a) { a.channel = "pigeon"; }, "channel", "unknown channel"},
      {[](NewApplication& a) { a.applicant_type = "alien"; }, "applicant_type", "unknown applicant type"},
      {[](NewApplication& a) { a.request = "  "; }, "request", "blank request"},
      {[](NewApplication& a) {
         a.outcome = "granted.maybe";
         a.replied_date = "2020-10-10";
       }, "outcome", "unknown outcome"},
      {[](NewApplication& a) {
         a.outcome = "granted";
         a.replied_date = "2020-09-01";
       }, "replied_date", "replied before received"},
      {[](NewApplication& a) { a.outcome = "granted"; }, "replied_date", "outcome without reply date"},
  };
  for (const Case& c : cases) {
    NewApplication a = person("2020-09-28");
    c.change(a);
    Result<Registered> r = register_one(a);
    ASSERT_FALSE(r) << c.why;
    EXPECT_EQ(r.status().message().rfind(std::string(c.field) + ":", 0), 0u) << c.why << ": " << r.status().message();
  }
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM applications"), 0);
  EXPECT_EQ(event_count(), 0);
}

TEST_P(ApplicationsTest, ActsFollowTheTransitionTableAndRefusalsWriteNothing) {
  Result<Registered> r = register_one(person("2020-09-28"));
  ASSERT_TRUE(r);
  const std::string n = r->number;
  const int64_t events_before = event_count();
  Result<store::ApplicationRow> bad = act(n, "reply", "2020-09-29");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.status().code(), StatusCode::kConflict) << bad.status().message();
  EXPECT_EQ(event_count(), events_before);
  EXPECT_EQ(row(n).stage, "registered");

  ASSERT_TRUE(act(n, "start_handling", "2020-09-29"));
  EXPECT_FALSE(act(n, "extend", "2020-10-09", 25)) << "an extension is at most 20 working days";
  EXPECT_FALSE(act(n, "extend", "2020-09-20", 10)) << "dated before the previous act";
  EXPECT_FALSE(act(n, "extend", "2021-02-30", 10));
  Result<store::ApplicationRow> ext = act(n, "extend", "2020-10-20", 20);
  ASSERT_TRUE(ext) << ext.status().message();
  Result<domain::Deadline> forty = domain::count_working_days(calendar_, Date::from_ymd(2020, 9, 28), 40);
  EXPECT_EQ(ext->due_date, forty->due.to_string());
  Result<store::ApplicationRow> again = act(n, "extend", "2020-10-21", 5);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.status().code(), StatusCode::kConflict) << "one extension only (条例第三十三条)";
  EXPECT_FALSE(act(n, "decide", "2020-11-02", 0, "granted.maybe"));
  ASSERT_TRUE(act(n, "decide", "2020-11-02", 0, "partial"));
  Result<store::ApplicationRow> replied = act(n, "reply", "2020-11-03");
  ASSERT_TRUE(replied);
  EXPECT_EQ(replied->stage, "replied");
  EXPECT_EQ(replied->outcome, "partial");
  EXPECT_EQ(replied->decided_date, "2020-11-02");
  EXPECT_EQ(replied->replied_date, "2020-11-03");
  Result<std::vector<store::ApplicationEventRow>> events = store::list_application_events(*conn_, replied->id);
  ASSERT_TRUE(events);
  std::vector<std::string> kinds;
  for (const auto& e : *events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"register", "start_handling", "extend", "decide", "reply"}));
  EXPECT_FALSE(act("dept-2020-9999", "reply", "2020-11-03"));
}

TEST_P(ApplicationsTest, CorrectionStopsTheClockAndRestartsIt) {
  Result<Registered> r = register_one(person("2020-09-28"));
  ASSERT_TRUE(r);
  Result<store::ApplicationRow> asked = act(r->number, "request_correction", "2020-09-30");
  ASSERT_TRUE(asked) << asked.status().message();
  EXPECT_EQ(asked->stage, "correction_requested");
  EXPECT_FALSE(asked->due_date) << "no reply is due while the correction is awaited";
  Result<store::ApplicationRow> got = act(r->number, "correction_received", "2020-10-12");
  ASSERT_TRUE(got) << got.status().message();
  Result<domain::Deadline> expected = domain::count_working_days(calendar_, Date::from_ymd(2020, 10, 12), 20);
  EXPECT_EQ(got->due_date, expected->due.to_string());
  ASSERT_TRUE(act(r->number, "start_handling", "2020-10-13").status().code() == StatusCode::kConflict)
      << "already in handling";
  EXPECT_EQ(act(r->number, "request_correction", "2020-10-14").status().code(), StatusCode::kConflict)
      << "条例第三十条: 一次性告知";
}

TEST_P(ApplicationsTest, OnlineSubmissionIsReceivedWhenConfirmed) {
  NewApplication a = person("");
  a.channel = "online";
  Result<Registered> r = register_one(a, Date::from_ymd(2020, 11, 30));  // submitted on 30 November
  ASSERT_TRUE(r) << r.status().message();
  EXPECT_EQ(row(r->number).stage, "submitted");
  EXPECT_FALSE(row(r->number).due_date);
  Result<store::ApplicationRow> confirmed = act(r->number, "confirm", "2020-12-01");
  ASSERT_TRUE(confirmed) << confirmed.status().message();
  EXPECT_EQ(confirmed->received_date, "2020-12-01");
  EXPECT_EQ(confirmed->stage, "registered");
  EXPECT_TRUE(confirmed->due_date);
}

TEST_P(ApplicationsTest, OpenCasesComeByDueDate) {
  ASSERT_TRUE(register_one(person("2020-11-02")));
  ASSERT_TRUE(register_one(person("2020-09-28")));
  NewApplication closed = person("2020-09-01");
  closed.outcome = "granted";
  closed.replied_date = "2020-09-10";
  ASSERT_TRUE(register_one(closed));
  Result<std::vector<store::ApplicationRow>> open = store::list_open_applications(*conn_);
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 2u);
  EXPECT_EQ(open->at(0).received_date, "2020-09-28");
  EXPECT_EQ(open->at(1).received_date, "2020-11-02");
  EXPECT_LT(*open->at(0).due_date, *open->at(1).due_date);
}

TEST_P(ApplicationsTest, LoadingAYearRecomputesProvisionalDeadlinesAndRecordsTheChange) {
  // Received late in 2026 and extended: the count runs into 2027, whose calendar is not loaded.
  const Date today = Date::from_ymd(2026, 12, 15);
  Result<Registered> r = Status::internal("not run");
  in_tx(today, [&](CaseDesk& desk) {
    r = desk.register_case(person("2026-12-01"));
    if (!r) return false;
    CaseAct ext;
    ext.kind = "start_handling";
    ext.on_date = "2026-12-02";
    if (!desk.apply(r->number, ext)) return false;
    ext.kind = "extend";
    ext.on_date = "2026-12-10";
    ext.days = 20;
    return desk.apply(r->number, ext).is_ok();
  });
  ASSERT_TRUE(r) << r.status().message();
  const store::ApplicationRow before = row(r->number);
  ASSERT_TRUE(before.due_date);
  EXPECT_TRUE(before.due_provisional);

  Result<std::vector<domain::CalendarEntry>> entries =
      domain::parse_calendar(std::string(embedded::holiday_calendar()) +
                                 "2027-01-01 holiday 元旦\n2027-02-08 holiday 春节\n2027-02-09 holiday 春节\n",
                             "test");
  ASSERT_TRUE(entries) << entries.status().message();
  calendar_ = domain::WorkCalendar(*entries);
  Result<std::vector<DeadlineChange>> changes = Status::internal("not run");
  in_tx(today, [&](CaseDesk& desk) {
    changes = desk.recompute_open("测试");
    return changes.is_ok();
  });
  ASSERT_TRUE(changes) << changes.status().message();
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().from, before.due_date);
  const store::ApplicationRow after = row(r->number);
  EXPECT_FALSE(after.due_provisional);
  EXPECT_EQ(after.due_date, changes->front().to);
  Result<std::vector<store::ApplicationEventRow>> events = store::list_application_events(*conn_, after.id);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->back().kind, "deadline_changed");
  EXPECT_NE(events->back().detail.find("测试"), std::string::npos);
  // Nothing changes the second time.
  in_tx(today, [&](CaseDesk& desk) {
    changes = desk.recompute_open("测试");
    return changes.is_ok();
  });
  ASSERT_TRUE(changes);
  EXPECT_TRUE(changes->empty());
}

TEST_P(ApplicationsTest, CalendarImportReplacesAYearAndMovesOpenDeadlines) {
  Result<Registered> r = register_one(person("2020-09-28"));
  ASSERT_TRUE(r);
  const std::string due_before = *row(r->number).due_date;
  // The 2020 calendar with one more holiday inside the counted period.
  std::string file_text;
  std::string_view all = embedded::holiday_calendar();
  for (size_t pos = 0; pos < all.size();) {
    size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    std::string_view line = all.substr(pos, end - pos);
    if (line.starts_with("2020-")) file_text += std::string(line) + "\n";
    pos = end + 1;
  }
  file_text += "2020-10-09 holiday 测试假日\n";
  const std::string path = dir_.file("holidays-2020.txt");
  std::ofstream(path) << file_text;
  Result<CalendarImportReport> report = import_calendar_file(*inst_, path);
  ASSERT_TRUE(report) << report.status().message();
  EXPECT_EQ(report->years, std::vector<int>{2020});
  ASSERT_EQ(report->changes.size(), 1u);
  EXPECT_EQ(report->changes.front().from, due_before);
  const store::ApplicationRow after = row(r->number);
  EXPECT_GT(*after.due_date, due_before);
  // The deadline's derivation names the new holiday.
  Result<CaseDeadline> d = case_deadline(*inst_, r->number);
  ASSERT_TRUE(d) << d.status().message();
  ASSERT_TRUE(d->deadline);
  bool named = false;
  for (const auto& s : d->deadline->derivation.skipped) named |= s.why == "测试假日";
  EXPECT_TRUE(named);
  // A broken file changes nothing.
  std::ofstream(path) << "2020-10-32 holiday 坏\n";
  EXPECT_FALSE(import_calendar_file(*inst_, path));
  EXPECT_EQ(*row(r->number).due_date, *after.due_date);
}

TEST_P(ApplicationsTest, AnotherInstallationsKeyCannotOpenTheNumber) {
  gongkai::testing::TempDir other;
  Result<IdVault> foreign = IdVault::open(other.path());
  ASSERT_TRUE(foreign);
  const std::string sealed = vault_->seal("330522198001011237");
  EXPECT_FALSE(foreign->unseal(sealed));
  EXPECT_FALSE(vault_->unseal("not base64 !"));
  std::string tampered = sealed;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(vault_->unseal(tampered));
}

TEST_P(ApplicationsTest, AMissingKeyIsNotReplacedWhileSealedNumbersExist) {
  ASSERT_TRUE(register_one(person("2020-09-28")));
  fs::remove(IdVault::key_path(inst_->data_dir()));
  Result<IdVault> vault = open_id_vault(inst_->data_dir(), *conn_);
  ASSERT_FALSE(vault);
  EXPECT_NE(vault.status().message().find("restore the key file"), std::string::npos) << vault.status().message();
  EXPECT_FALSE(fs::exists(IdVault::key_path(inst_->data_dir())));
  EXPECT_FALSE(register_application(*inst_, person("2020-09-29")));
}

TEST_P(ApplicationsTest, EventsAreAppendOnly) {
  Result<Registered> r = register_one(person("2020-09-28"));
  ASSERT_TRUE(r);
  EXPECT_FALSE(conn_->exec("UPDATE application_events SET on_date = '2020-01-01'"));
  EXPECT_FALSE(conn_->exec("DELETE FROM application_events"));
  EXPECT_EQ(event_count(), 1);
}

TEST_P(ApplicationsTest, ConcurrentExtensionsOfOneCaseAllowOnlyOne) {
  Result<Registered> r = register_one(person("2020-09-28"));
  ASSERT_TRUE(r);
  ASSERT_TRUE(act(r->number, "start_handling", "2020-09-29"));
  std::atomic<int> granted{0}, refused{0};
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([&] {
      Result<std::unique_ptr<store::Connection>> conn = inst_->connect();
      if (!conn) return;
      store::Transaction tx(**conn, store::TxMode::kWrite);
      if (!tx.status()) return;
      CaseDesk desk(**conn, *vault_, calendar_, Date::from_ymd(2020, 12, 31));
      CaseAct a;
      a.kind = "extend";
      a.on_date = "2020-10-20";
      a.days = 10;
      Result<store::ApplicationRow> done = desk.apply(r->number, a);
      if (done && tx.commit()) {
        ++granted;
        return;
      }
      ++refused;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(granted.load(), 1);
  EXPECT_EQ(refused.load(), 3);
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM application_events WHERE kind = 'extend'"), 1);
}

// Migration 012 and the supervision views on this backend: assignment (a case handler of the body only, audited),
// attachments stored with an online application, the per-unit statistics and the digest.
TEST_P(ApplicationsTest, AssignmentAttachmentsStatisticsAndDigest) {
  const int64_t dept = *conn_->query_int("SELECT id FROM bodies WHERE code = 'dept'");
  Result<int64_t> handler = store::insert_user(*conn_, {"handler1", "承办人甲", dept, "not-a-hash", "2020-01-01T00:00:00Z"});
  ASSERT_TRUE(handler) << handler.status().message();
  ASSERT_TRUE(store::insert_grant(*conn_, *handler, "case_handler", dept, "2020-01-01T00:00:00Z"));
  ASSERT_TRUE(store::insert_user(*conn_, {"editor1", "信息员乙", dept, "not-a-hash", "2020-01-01T00:00:00Z"}));
  Result<Registered> open = register_one(person("2020-03-02"));
  ASSERT_TRUE(open) << open.status().message();
  const CaseWork work(*inst_);
  const Actor cli = Actor::command_line("test");
  EXPECT_EQ(work.assign(cli, open->number, "editor1", "", "").code(), StatusCode::kInvalid) << "no case.handle";
  EXPECT_EQ(work.assign(cli, open->number, "", "gov", "").code(), StatusCode::kInvalid) << "above the case's body";
  EXPECT_FALSE(row(open->number).handler_user_id);
  ASSERT_TRUE(work.assign(cli, open->number, "handler1", "dept", "请按期办理"));
  EXPECT_EQ(row(open->number).handler_user_id, *handler);
  EXPECT_EQ(row(open->number).unit_body_id, dept);
  EXPECT_EQ(*conn_->query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'case.assign'"), 1);

  domain::ApplicationForm f;
  f.body_code = "dept";
  f.applicant_type = "natural_person";
  f.applicant_name = "李四";
  f.id_number = "330522198001011237";
  f.phone = "13800000001";
  f.request = "某文件";
  f.form_wanted = "paper";
  f.delivery_wanted = "pickup";
  const std::string pdf = gongkai::testing::sample_pdf();
  Result<Registered> online = submit_online_application(*inst_, f, {{"证明.pdf", pdf}});
  ASSERT_TRUE(online) << online.status().message();
  Result<std::vector<store::ApplicationAttachmentRow>> files =
      store::list_application_attachments(*conn_, online->id);
  ASSERT_TRUE(files);
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].mime_type, "application/pdf");
  EXPECT_EQ((*files)[0].size_bytes, static_cast<int64_t>(pdf.size()));

  // Answered: received Mon 2 March 2020, replied Tue 10 March — 6 working days (3-6, 9, 10), in time.
  NewApplication answered = person("2020-03-02");
  answered.outcome = "granted";
  answered.replied_date = "2020-03-10";
  ASSERT_TRUE(register_one(answered));
  Result<CaseYearStats> stats = case_year_stats(*conn_, 2020, [](int64_t) { return true; });
  ASSERT_TRUE(stats) << stats.status().message();
  EXPECT_EQ(stats->format, "2019");
  const UnitCaseStats& unit = stats->units.at(1);
  EXPECT_EQ(unit.body_code, "dept");
  EXPECT_EQ(unit.received, 2);
  EXPECT_EQ(unit.answered, 1);
  EXPECT_EQ(unit.answered_in_time, 1);
  EXPECT_EQ(unit.average_working_days.value_or(-1), 6.0);
  EXPECT_EQ(unit.outcomes.at("granted"), 1);
  EXPECT_EQ(stats->units.at(0).received, 0) << "the government's own cases only";

  // The open case is due Mon 30 March; on Thu 26 March 2 working days are left: red. The answer was on the 10th.
  Result<CaseDigest> digest = case_digest(*conn_, Date::from_ymd(2020, 3, 26), [](int64_t) { return true; });
  ASSERT_TRUE(digest) << digest.status().message();
  ASSERT_EQ(digest->units.size(), 1u);
  ASSERT_EQ(digest->units[0].red.size(), 1u);
  EXPECT_EQ(digest->units[0].red[0].number, open->number);
  EXPECT_EQ(digest->units[0].red[0].working_days_left, 2);
  Result<CaseDigest> day_after = case_digest(*conn_, Date::from_ymd(2020, 3, 11), [](int64_t) { return true; });
  ASSERT_TRUE(day_after);
  EXPECT_EQ(day_after->answered, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApplicationsTest, ::testing::ValuesIn(gongkai::testing::test_backends()),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace gongkai::services
