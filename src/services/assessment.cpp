// The yearly assessment: facts from store/assessment, scores from domain/assessment, ranking.
#include "services/assessment.h"

#include <algorithm>
#include <chrono>

#include "common/embedded.h"
#include "services/audit.h"
#include "services/monitoring.h"
#include "store/assessment.h"
#include "store/monitoring.h"

namespace gongkai::services {

const domain::AssessmentRules& assessment_rules() {
  // The embedded table is checked by tests; a broken one is a build defect.
  static const domain::AssessmentRules r = [] {
    Result<domain::AssessmentRules> parsed =
        domain::AssessmentRules::parse(embedded::assessment_rules(), "assessment-rules.tsv");
    return parsed ? std::move(*parsed) : domain::AssessmentRules();
  }();
  return r;
}

Result<AssessmentReport> assess_units(Installation& inst, int year, const std::string& root_code) {
  if (year < 1990 || year > 2199)
    return Status::invalid("--year: " + std::to_string(year) + " is not a year 1990-2199");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return bodies.status();
  const store::BodyRow* root = nullptr;
  for (const store::BodyRow& b : *bodies) {
    if (root_code.empty() ? (!b.parent_id && b.type == "government") : b.code == root_code) {
      root = &b;
      break;
    }
  }
  if (!root)
    return Status::invalid(root_code.empty() ? "no top government body"
                                             : "--body: no body has the code '" + root_code + "'");
  // The bodies at or below the root (parents come before children in list order is not guaranteed: walk up).
  auto below_root = [&](const store::BodyRow& b) {
    std::optional<int64_t> at = b.id;
    for (int depth = 0; at && depth < 64; ++depth) {
      if (*at == root->id) return true;
      auto it =
          std::find_if(bodies->begin(), bodies->end(), [&](const store::BodyRow& x) { return x.id == *at; });
      if (it == bodies->end()) return false;
      at = it->parent_id;
    }
    return false;
  };
  Result<std::map<int64_t, std::map<std::string, int64_t>>> facts = store::assessment_facts(**conn, year);
  if (!facts) return facts.status();
  AssessmentReport report;
  report.year = year;
  report.root_code = root->code;
  report.root_name = root->name;
  for (const store::BodyRow& b : *bodies) {
    if (b.type != "department" && b.type != "township") continue;
    if (!below_root(b)) continue;
    std::map<std::string, int64_t> unit_facts = (*facts)[b.id];
    // finding-kind:<kind> counts from the monitor rules' kinds.
    for (const auto& [key, n] : std::map<std::string, int64_t>(unit_facts)) {
      if (!key.starts_with("finding:")) continue;
      const domain::MonitorRule* rule = monitor_rules().find(key.substr(8));
      if (rule) unit_facts["finding-kind:" + rule->kind] += n;
    }
    report.units.push_back({b, domain::score_unit(assessment_rules(), unit_facts), 0});
  }
  std::stable_sort(report.units.begin(), report.units.end(),
                   [](const UnitAssessment& a, const UnitAssessment& b) {
                     if (a.score.passed != b.score.passed) return a.score.passed;
                     if (a.score.score != b.score.score) return a.score.score > b.score.score;
                     return a.body.sort_order < b.body.sort_order;
                   });
  for (size_t idx = 0; idx < report.units.size(); ++idx) {
    const bool tie = idx > 0 && report.units[idx].score.passed == report.units[idx - 1].score.passed &&
                     report.units[idx].score.score == report.units[idx - 1].score.score;
    report.units[idx].rank = tie ? report.units[idx - 1].rank : static_cast<int>(idx) + 1;
  }
  Result<std::map<std::string, int64_t>> figures =
      store::yearly_monitoring_figures(**conn, root->id, true, year);
  if (!figures) return figures.status();
  report.rectification_circulars =
      figures->contains("rectification_circulars") ? figures->at("rectification_circulars") : 0;
  return report;
}

Result<int64_t> add_highlight(Installation& inst, const HighlightSpec& spec, const AuditActor* actor) {
  if (spec.year < 1990 || spec.year > 2199) return Status::invalid("--year: not a year 1990-2199");
  const domain::AssessmentRule* rule = assessment_rules().find(spec.rule_id);
  if (!rule || rule->basis != "highlight") {
    std::string ids;
    for (const domain::AssessmentRule& r : assessment_rules().all()) {
      if (r.basis == "highlight") ids += (ids.empty() ? "" : ", ") + r.id;
    }
    return Status::invalid("--rule: '" + spec.rule_id + "' is not a highlight rule (" + ids + ")");
  }
  if (spec.note.empty()) return Status::invalid("--note: say what the unit did");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, spec.body_code);
  if (!body) return body.status();
  if (!*body) return Status::invalid("--body: no body has the code '" + spec.body_code + "'");
  const AuditActor who = actor ? *actor : AuditActor{std::nullopt, "system", ""};
  Result<int64_t> id =
      store::insert_highlight(**conn, (*body)->id, spec.year, spec.rule_id, spec.note, who.label);
  if (!id) return id.status();
  AuditEvent e;
  e.actor = who;
  e.action = "monitor.highlight_add";
  e.entity_type = "assessment_highlight";
  e.entity_id = std::to_string(*id);
  e.body_id = (*body)->id;
  e.after = {{"year", spec.year}, {"rule", spec.rule_id}, {"note", spec.note}};
  Result<int64_t> audited =
      append_audit(**conn, e, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!audited) return audited.status();
  GK_RETURN_IF_ERROR(tx.commit());
  return id;
}

Status remove_highlight(Installation& inst, int64_t id, const std::string& reason, const AuditActor* actor,
                        const std::function<bool(int64_t body_id)>& allowed) {
  if (reason.empty()) return Status::invalid("--reason: say why the highlight is withdrawn");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::HighlightRow>> h = store::find_highlight(**conn, id);
  if (!h) return h.status();
  if (!*h) return Status::not_found("no highlight has the id " + std::to_string(id));
  if (allowed && !allowed((*h)->body_id)) return Status::not_found("no highlight has the id " + std::to_string(id));
  Result<bool> deleted = store::delete_highlight(**conn, id);
  if (!deleted) return deleted.status();
  const AuditActor who = actor ? *actor : AuditActor{std::nullopt, "system", ""};
  AuditEvent e;
  e.actor = who;
  e.action = "monitor.highlight_remove";
  e.entity_type = "assessment_highlight";
  e.entity_id = std::to_string(id);
  e.body_id = (*h)->body_id;
  e.before = {{"year", (*h)->year},
              {"rule", (*h)->rule_id},
              {"note", (*h)->note},
              {"recorded_by", (*h)->recorded_by},
              {"recorded_at", (*h)->recorded_at}};
  e.after = {{"reason", reason}};
  Result<int64_t> audited =
      append_audit(**conn, e, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!audited) return audited.status();
  return tx.commit();
}

}  // namespace gongkai::services
