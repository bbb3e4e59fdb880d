// Command: deadline — the statutory deadline from a receipt date, with its derivation (spec/contracts.md).
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/context.h"
#include "domain/deadline.h"
#include "services/calendar.h"

namespace gongkai::cli {
namespace {

using nlohmann::json;

struct DeadlineOptions {
  std::string received;
  int working_days = 20;  // 条例 Art. 33: 20 working days
  std::string count_from = "next_working_day";
};

const char* weekday_label(domain::Date d) {
  static const char* const kNames[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
  return kNames[d.iso_weekday() - 1];
}

std::string with_weekday(domain::Date d) { return d.to_string() + "（" + weekday_label(d) + "）"; }

json to_json(const domain::Deadline& deadline, const services::CalendarChoice& calendar, const DeadlineOptions& o) {
  const domain::Derivation& how = deadline.derivation;
  json skipped = json::array();
  for (const domain::SkippedDay& s : how.skipped) skipped.push_back({{"date", s.date.to_string()}, {"why", s.why}});
  json make_up = json::array();
  for (const domain::MakeUpDay& m : how.make_up_days) make_up.push_back({{"date", m.date.to_string()}, {"name", m.name}});
  return json{{"received", how.trigger.to_string()},
              {"starts", how.starts.to_string()},
              {"working_days", how.working_days},
              {"due", deadline.due.to_string()},
              {"provisional", how.provisional},
              {"skipped", skipped},
              {"make_up_workdays", make_up},
              {"unloaded_years", how.unloaded_years},
              {"count_from", o.count_from},
              {"calendar", calendar.from_installation ? "installation" : "embedded"},
              {"notes", how.notes}};
}

// Consecutive skipped days with the same reason, printed as one line: "2020-10-01 至 2020-10-08 国庆节、中秋节（8天）".
void print_skipped(const std::vector<domain::SkippedDay>& skipped) {
  for (size_t first_idx = 0; first_idx < skipped.size();) {
    size_t last_idx = first_idx;
    while (last_idx + 1 < skipped.size() && skipped[last_idx + 1].why == skipped[first_idx].why &&
           skipped[last_idx + 1].date == skipped[last_idx].date.plus_days(1)) {
      ++last_idx;
    }
    const domain::SkippedDay& first = skipped[first_idx];
    if (last_idx == first_idx) {
      std::printf("  %s %s\n", with_weekday(first.date).c_str(), first.why.c_str());
    } else {
      std::printf("  %s 至 %s %s（%zu天）\n", with_weekday(first.date).c_str(),
                  with_weekday(skipped[last_idx].date).c_str(), first.why.c_str(), last_idx - first_idx + 1);
    }
    first_idx = last_idx + 1;
  }
}

void print_text(const domain::Deadline& deadline, const services::CalendarChoice& calendar) {
  const domain::Derivation& how = deadline.derivation;
  std::printf("收到申请：%s\n", with_weekday(how.trigger).c_str());
  std::printf("起算日：  %s（%s）\n", with_weekday(how.starts).c_str(),
              how.count_from == domain::CountFrom::kNextWorkingDay ? "收到申请的次一工作日" : "收到申请之日起算");
  std::printf("期限：    %d个工作日\n", how.working_days);
  std::printf("截止日期：%s%s\n", with_weekday(deadline.due).c_str(), how.provisional ? "（暂定）" : "");
  if (how.skipped.empty()) {
    std::printf("期间没有跳过非工作日。\n");
  } else {
    std::printf("不计入的非工作日（共%zu天）：\n", how.skipped.size());
    print_skipped(how.skipped);
  }
  if (!how.make_up_days.empty()) {
    std::printf("计入的调休上班日：\n");
    for (const domain::MakeUpDay& m : how.make_up_days) {
      std::printf("  %s %s调休上班\n", with_weekday(m.date).c_str(), m.name.c_str());
    }
  }
  for (const std::string& note : how.notes) std::printf("注意：%s\n", note.c_str());
  const std::string source =
      calendar.from_installation ? "本安装的节假日日历（" + calendar.source + "）" : "程序内置的国务院办公厅节假日安排";
  std::printf("节假日日历：%s\n", source.c_str());
}

int cmd_deadline(GlobalOptions& g, const DeadlineOptions& o) {
  std::optional<domain::Date> received = domain::Date::parse(o.received);
  if (!received) {
    return fail(Status::invalid("--received: '" + o.received + "' is not a real date (expected YYYY-MM-DD)"));
  }
  if (o.working_days < 1 || o.working_days > domain::kMaxWorkingDays) {
    return fail(Status::invalid("--working-days: " + std::to_string(o.working_days) + " is out of range (1-" +
                                std::to_string(domain::kMaxWorkingDays) + ")"));
  }
  const domain::CountFrom from =
      o.count_from == "receipt_day" ? domain::CountFrom::kReceiptDay : domain::CountFrom::kNextWorkingDay;
  Result<services::CalendarChoice> calendar = services::working_calendar(g.installation());
  if (!calendar) return fail(calendar.status());
  Result<domain::Deadline> deadline = domain::count_working_days(calendar->calendar, *received, o.working_days, from);
  if (!deadline) return fail(deadline.status());
  if (g.json) {
    std::cout << to_json(*deadline, *calendar, o).dump() << "\n";
    return kExitOk;
  }
  print_text(*deadline, *calendar);
  return kExitOk;
}

}  // namespace

void register_deadline_command(CLI::App& app, GlobalOptions& g, Action& chosen) {
  auto o = std::make_shared<DeadlineOptions>();
  CLI::App* cmd = app.add_subcommand("deadline", "statutory deadline from a receipt date, with its derivation");
  cmd->add_option("--received", o->received, "receipt date YYYY-MM-DD (条例 Art. 31)")->required();
  cmd->add_option("--working-days", o->working_days, "working days to count (default 20, 条例 Art. 33)");
  cmd->add_option("--count-from", o->count_from,
                  "next_working_day (default: day 1 is the working day after receipt) | receipt_day")
      ->check(CLI::IsMember({"next_working_day", "receipt_day"}));
  cmd->callback([&, o] { chosen = [&, o] { return cmd_deadline(g, *o); }; });
}

}  // namespace gongkai::cli
