// Stats: scope rules, then the store's counts.
#include "services/stats.h"

#include "store/applications.h"
#include "store/bodies.h"
#include "store/monitoring.h"
#include "store/stats.h"

namespace gongkai::services {

Result<std::map<std::string, int64_t>> yearly_stats(Installation& inst, const StatsQuery& q) {
  if (q.year < 1990 || q.year > 2199) return Status::invalid("year " + std::to_string(q.year) + " is out of range");
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  store::Transaction tx(**conn, store::TxMode::kRead);
  GK_RETURN_IF_ERROR(tx.status());
  Result<std::optional<store::BodyRow>> body = store::find_body(**conn, q.body_code);
  if (!body) return body.status();
  if (!*body) return Status::invalid("no body has the code '" + q.body_code + "' (see `gongkai bodies`)");
  const bool children = !q.own_only && (q.include_children || (*body)->type == "government");
  Result<std::map<std::string, int64_t>> figures = store::yearly_item_figures(**conn, (*body)->id, children, q.year);
  if (!figures) return figures;
  Result<std::map<std::string, int64_t>> cases =
      store::yearly_application_figures(**conn, (*body)->id, children, q.year);
  if (!cases) return cases.status();
  figures->insert(cases->begin(), cases->end());
  Result<std::map<std::string, int64_t>> monitoring =
      store::yearly_monitoring_figures(**conn, (*body)->id, children, q.year);
  if (!monitoring) return monitoring.status();
  figures->insert(monitoring->begin(), monitoring->end());
  return figures;
}

}  // namespace gongkai::services
