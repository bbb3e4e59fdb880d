// The monitoring scheduler inside serve, on SQLite and PostgreSQL, against a local test site over real
// sockets: a round probes and checks what is due and nothing else, the daily account pass runs once, a due
// re-check makes a site be checked before its interval has passed, only the lease holder works (another node
// waits, then takes over when the holder stops), and the thread with short intervals keeps probing and
// checking on its own.
#include "services/monitor_scheduler.h"

#include <gtest/gtest.h>

#include <thread>

#include "common/clock.h"
#include "domain/date.h"
#include "monitor/test_sites.h"
#include "services/bodies.h"
#include "services/monitoring.h"
#include "store/monitoring.h"
#include "support/test_databases.h"

namespace gongkai::services {
namespace {

using std::chrono::seconds;

class MonitorSchedulerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<gongkai::testing::TestDatabase>(GetParam());
    InstallationOptions where;
    where.data_dir = dir_.file("data");
    where.database_url = db_->url();
    Result<std::unique_ptr<Installation>> inst = Installation::create(where);
    ASSERT_TRUE(inst) << inst.status().message();
    inst_ = std::move(*inst);
    conn_ = std::move(*inst_->connect());
    store::Transaction tx(*conn_, store::TxMode::kWrite);
    ASSERT_TRUE(tx.status());
    BodySpec gov;
    gov.code = "gov";
    gov.name = "示例县人民政府";
    gov.type = "government";
    ASSERT_TRUE(add_body(*conn_, gov));
    ASSERT_TRUE(tx.commit());
    raw_ = std::make_unique<gongkai::testing::RawSite>();
    site_ = std::make_unique<gongkai::testing::GovSite>(raw_->url(""));
    ASSERT_TRUE(add_monitor_site(*inst_, {"portal", "示例县政府网", "gov", site_->url("/"), 40}));
    ASSERT_TRUE(add_monitor_column(*inst_, {"portal", "工作动态", "/news", "news", 14, ""}));
  }

  MonitorSchedulerOptions options(const std::string& node) {
    MonitorSchedulerOptions o;
    o.node = node;
    o.tick = std::chrono::milliseconds(100);
    o.fetch.connect_timeout_ms = 1000;
    o.fetch.total_timeout_ms = 1500;
    o.fetch.per_host_interval_ms = 1;
    o.check_every = seconds(3600);
    o.probe_every = seconds(3600);
    o.log = false;
    return o;
  }

  int64_t count(const std::string& sql) { return *conn_->query_int(sql); }

  gongkai::testing::TempDir dir_;
  std::unique_ptr<gongkai::testing::TestDatabase> db_;
  std::unique_ptr<Installation> inst_;
  std::unique_ptr<store::Connection> conn_;
  std::unique_ptr<gongkai::testing::RawSite> raw_;
  std::unique_ptr<gongkai::testing::GovSite> site_;
};

TEST_P(MonitorSchedulerTest, ARoundDoesWhatIsDueAndOnlyTheLeaseHolderWorks) {
  MonitorScheduler first(*inst_, options("node-a"));
  Result<SchedulerRound> round = first.tick();
  ASSERT_TRUE(round) << round.status().message();
  EXPECT_TRUE(round->leader);
  EXPECT_EQ(round->probes, 1);
  EXPECT_EQ(round->sites_checked, std::vector<std::string>{"portal"});
  EXPECT_TRUE(round->accounts_checked);
  EXPECT_TRUE(round->errors.empty()) << round->errors.front();
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_probes"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_runs WHERE finished_at IS NOT NULL"), 1);
  EXPECT_GT(
      count("SELECT COUNT(*) FROM monitor_findings WHERE rule_id = 'column.news_stale' AND state = 'open'"),
      0);

  // At once again: nothing is due.
  const int news_hits = site_->hits("/news");
  round = first.tick();
  ASSERT_TRUE(round);
  EXPECT_TRUE(round->leader);
  EXPECT_EQ(round->probes, 0);
  EXPECT_TRUE(round->sites_checked.empty());
  EXPECT_FALSE(round->accounts_checked);
  EXPECT_EQ(site_->hits("/news"), news_hits);

  // Another node sharing the database waits while the lease is held.
  MonitorScheduler second(*inst_, options("node-b"));
  round = second.tick();
  ASSERT_TRUE(round);
  EXPECT_FALSE(round->leader);

  // A re-check falls due (a circular issued 8 days ago: yellow findings are re-checked after a week): the
  // site is checked before its interval has passed.
  const domain::Date today = *domain::Date::parse(china_today());
  CircularSpec spec;
  spec.body_code = "gov";
  spec.issued_on = today.plus_days(-8).to_string();
  spec.deadline_working_days = 1;
  Result<store::CircularRow> circular = issue_circular(*inst_, spec);
  ASSERT_TRUE(circular) << circular.status().message();
  round = first.tick();
  ASSERT_TRUE(round);
  EXPECT_EQ(round->sites_checked, std::vector<std::string>{"portal"});
  EXPECT_GT(round->rechecks_due, 0);
  EXPECT_GT(site_->hits("/news"), news_hits);
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_rechecks WHERE done_on IS NULL"), 0);
  // The problems are still there, so the re-checks failed and the overdue circular is escalated.
  EXPECT_GT(count("SELECT COUNT(*) FROM monitor_rechecks WHERE passed = 0"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM rectification_circulars WHERE state = 'escalated'"), 1);
  round = first.tick();
  ASSERT_TRUE(round);
  EXPECT_TRUE(round->sites_checked.empty());

  // The holder stops: the other node takes over at its next round.
  first.stop();
  round = second.tick();
  ASSERT_TRUE(round);
  EXPECT_TRUE(round->leader);
}

TEST_P(MonitorSchedulerTest, TheThreadProbesAndChecksOnShortIntervals) {
  MonitorSchedulerOptions o = options("node-t");
  o.probe_every = seconds(1);
  o.check_every = seconds(2);
  MonitorScheduler scheduler(*inst_, o);
  scheduler.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(4500));
  scheduler.stop();
  EXPECT_GE(count("SELECT COUNT(*) FROM monitor_probes"), 3);
  EXPECT_GE(site_->hits("/news"), 2);  // at least two checks (one run row per day, re-used)
  EXPECT_EQ(count("SELECT COUNT(*) FROM monitor_runs"), 1);
  // Stopped means stopped: no request after stop() returned.
  const int hits = site_->hits("/");
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(site_->hits("/"), hits);
}

INSTANTIATE_TEST_SUITE_P(Backends, MonitorSchedulerTest,
                         ::testing::ValuesIn(gongkai::testing::test_backends()));

}  // namespace
}  // namespace gongkai::services
