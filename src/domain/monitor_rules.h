// The inspection rules of government websites and new-media accounts (国办秘函〔2019〕19号 and the county's
// stricter rules), read from data (data/monitor-rules.tsv), and their evaluation against what a check observed.
// Pure: the crawler (src/monitor/) observes, this decides which rule each observation breaks and how badly.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/date.h"

namespace gongkai::domain {

struct MonitorRule {
  std::string id;      // e.g. column.news_stale
  std::string scope;   // site | column | page | link | content | account
  std::string grade;   // red | yellow
  std::string kind;    // veto | deduction | finding | county
  std::optional<int> threshold;         // days, a count, or a percentage (see the file's header)
  std::vector<std::string> applies_to;  // column types; {"*"} for any
  int points = 0;                       // deducted in the assessment
  std::map<std::string, int> params;
  std::string label;   // 中文
  std::string source;  // where the rule comes from
  int param(const std::string& key, int fallback) const;
};

class MonitorRules {
 public:
  // Parses the TSV format of data/monitor-rules.tsv. Fails naming `name`, the line and the field for a wrong
  // column count, an unknown scope/grade/kind, a bad number, or a duplicate id.
  static Result<MonitorRules> parse(std::string_view text, std::string_view name);
  const std::vector<MonitorRule>& all() const { return rules_; }
  // The rule with `id`, or nullptr.
  const MonitorRule* find(std::string_view id) const;
  // The column-staleness rule for a column of `type`: the first column rule (other than column.blank) whose
  // applies_to names the type or "*"; nullptr when none applies.
  const MonitorRule* column_rule(std::string_view type) const;

 private:
  std::vector<MonitorRule> rules_;
};

// One entry of the wording dictionary (data/monitor-wording.tsv).
struct WordingEntry {
  std::string category;  // serious | forbidden
  std::string term;
  std::string note;
};
// Parses the wording dictionary; fails naming the line for a wrong column count, an unknown category or an
// empty term.
Result<std::vector<WordingEntry>> parse_wording(std::string_view text, std::string_view name);

struct WordingHit {
  const WordingEntry* entry = nullptr;
  std::string excerpt;  // the term with up to 20 characters of context either side (UTF-8 safe)
};
// Every dictionary term found in `text` (each term reported once, at its first occurrence).
std::vector<WordingHit> find_wording(std::string_view text, const std::vector<WordingEntry>& dictionary);

// What a check saw of one column.
struct ColumnObservation {
  std::string url, name, type;
  std::optional<int> interval_days;  // the registered expected update interval
  bool fetched = false;              // false: the listing could not be read (reported as page.fetch_failed)
  int entries = 0;                   // listed entries (link + date); 0 on a fetched listing = blank
  int undated_entries = 0;           // listed links without a date
  std::optional<Date> latest;        // latest date among the entries
  // A message column (type interaction): each listed message's question date and, if answered, reply date.
  struct Message {
    std::string url, title;
    Date asked;
    std::optional<Date> answered;
  };
  std::vector<Message> messages;
};

// A problem the crawler saw directly on a page (dead link, page without date, wording, fetch failure); it
// names the rule itself, the evaluation adds the grade and drops rules the installation does not have.
struct PageProblem {
  std::string rule_id;
  std::string subject;   // the URL at fault
  std::string found_on;  // the page it was seen on ("" for a page's own problem)
  std::string excerpt;
};

struct ProbeSummary {
  int probes = 0;
  int failures = 0;  // not open within the rule's timeout
  int days = 0;      // days the probes span (for the per-day minimum)
};

struct SiteObservation {
  Date as_of;
  std::string home_url;
  bool home_fetched = false;
  std::optional<Date> home_latest;  // latest listed date on the home page
  std::vector<ColumnObservation> columns;
  std::vector<PageProblem> problems;
  std::optional<ProbeSummary> probes;  // nullopt: no probes recorded
};

// A broken rule with its evidence.
struct MonitorViolation {
  std::string rule_id;
  std::string grade;
  std::string subject;   // URL (or account) at fault
  std::string found_on;  // where it was seen
  std::string excerpt;   // text evidence
  std::optional<Date> date_seen;  // the latest publication date seen, where that is the evidence
};

// Evaluates a site check. Rules missing from `rules` are not applied. Order: site rules, then column, page,
// link and content findings in observation order.
std::vector<MonitorViolation> evaluate_site(const MonitorRules& rules, const SiteObservation& site);

struct AccountObservation {
  std::string subject;  // e.g. "newmedia:wechat:示例县教育局"
  std::string name;
  Date opened_on;
  std::optional<Date> last_update;
};
// Evaluates a new-media account at `as_of`: at most one violation, the gravest (2 weeks = veto, red; 1 week =
// county rule, yellow). An account opened less than the threshold ago is measured from its opening.
std::optional<MonitorViolation> evaluate_account(const MonitorRules& rules, const AccountObservation& account, Date as_of);

}  // namespace gongkai::domain
