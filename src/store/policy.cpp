// SQL of the policy library (see policy.h).
#include "store/policy.h"

namespace gongkai::store {

namespace {

std::string marks(size_t n) {
  std::string out;
  for (size_t idx = 0; idx < n; ++idx) out += idx ? ", ?" : "?";
  return out;
}

// Columns of a PolicyDocRow, read by doc_of() in this order.
constexpr const char* kDocColumns =
    "i.id, i.body_id, b.name, i.title, i.kind, i.doc_number, i.written_date, i.validity, i.publish_date, i.status, "
    "f.filed_with, f.filed_on, f.filing_number, "
    "CASE WHEN EXISTS (SELECT 1 FROM interpretation_links l JOIN items t ON t.id = l.interpretation_id "
    "WHERE l.document_id = i.id AND t.status IN ('published', 'withdrawn')) THEN 1 ELSE 0 END";
constexpr const char* kDocFrom =
    " FROM items i JOIN bodies b ON b.id = i.body_id LEFT JOIN normative_filings f ON f.item_id = i.id";

PolicyDocRow doc_of(const Row& r, size_t first = 0) {
  PolicyDocRow d;
  d.id = r.get_int(first + 0);
  d.body_id = r.get_int(first + 1);
  d.body_name = r.get_text(first + 2);
  d.title = r.get_text(first + 3);
  d.kind = r.get_text(first + 4);
  d.doc_number = r.get_opt_text(first + 5);
  d.written_date = r.get_opt_text(first + 6);
  d.validity = r.get_opt_text(first + 7);
  d.publish_date = r.get_text(first + 8);
  d.status = r.get_text(first + 9);
  d.filed_with = r.get_opt_text(first + 10);
  d.filed_on = r.get_opt_text(first + 11);
  d.filing_number = r.get_opt_text(first + 12);
  d.interpreted = r.get_int(first + 13) != 0;
  return d;
}

// Counts of a campaign: its documents are its candidates and its decided documents together (campaigns made
// before migration 011, like the demo's, have decisions only).
constexpr const char* kCampaignColumns =
    "c.id, c.body_id, b.name, c.name, c.cutoff_date, c.decided_on, c.created_at, "
    "(SELECT COUNT(*) FROM (SELECT item_id FROM cleanup_candidates WHERE campaign_id = c.id "
    " UNION SELECT item_id FROM cleanup_decisions WHERE campaign_id = c.id) m), "
    "(SELECT COUNT(*) FROM cleanup_decisions d WHERE d.campaign_id = c.id AND d.decision = 'valid'), "
    "(SELECT COUNT(*) FROM cleanup_decisions d WHERE d.campaign_id = c.id AND d.decision = 'amended'), "
    "(SELECT COUNT(*) FROM cleanup_decisions d WHERE d.campaign_id = c.id AND d.decision = 'repealed') "
    "FROM cleanup_campaigns c JOIN bodies b ON b.id = c.body_id";

CampaignRow campaign_of(const Row& r) {
  CampaignRow c;
  c.id = r.get_int(0);
  c.body_id = r.get_int(1);
  c.body_name = r.get_text(2);
  c.name = r.get_text(3);
  c.cutoff_date = r.get_text(4);
  c.decided_on = r.get_text(5);
  c.created_at = r.get_text(6);
  c.total = r.get_int(7);
  c.valid = r.get_int(8);
  c.amended = r.get_int(9);
  c.repealed = r.get_int(10);
  return c;
}

}  // namespace

Result<std::optional<FilingRow>> find_filing(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(
      "SELECT item_id, filed_with, filed_on, filing_number, recorded_by, recorded_at FROM normative_filings "
      "WHERE item_id = ?",
      {item_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<FilingRow>();
  const Row& r = rows->front();
  FilingRow f{r.get_int(0), r.get_text(1), r.get_text(2), r.get_opt_text(3), std::nullopt, r.get_text(5)};
  if (!r.is_null(4)) f.recorded_by = r.get_int(4);
  return std::optional<FilingRow>(f);
}

Status upsert_filing(Connection& conn, const FilingRow& row) {
  return conn.exec(
      "INSERT INTO normative_filings (item_id, filed_with, filed_on, filing_number, recorded_by, recorded_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET filed_with = excluded.filed_with, "
      "filed_on = excluded.filed_on, filing_number = excluded.filing_number, recorded_by = excluded.recorded_by, "
      "recorded_at = excluded.recorded_at",
      {row.item_id, row.filed_with, row.filed_on, opt(row.filing_number), opt(row.recorded_by), row.recorded_at});
}

Result<PolicyDocPage> list_policy_docs(Connection& conn, const PolicyDocFilter& f) {
  PolicyDocPage page;
  if (f.body_ids.empty()) return page;
  std::string where = std::string(kDocFrom) + " WHERE i.body_id IN (" + marks(f.body_ids.size()) + ")";
  std::vector<Value> params(f.body_ids.begin(), f.body_ids.end());
  where += f.normative_only ? " AND i.kind = 'normative'" : " AND i.kind IN ('normative', 'document')";
  if (f.published_only) where += " AND i.status IN ('published', 'withdrawn')";
  if (f.year) {
    where += " AND i.publish_date >= ? AND i.publish_date < ?";
    params.push_back(std::to_string(*f.year) + "-01-01");
    params.push_back(std::to_string(*f.year + 1) + "-01-01");
  }
  if (f.published_from) {
    where += " AND i.publish_date >= ?";
    params.push_back(*f.published_from);
  }
  if (f.published_to) {
    where += " AND i.publish_date <= ?";
    params.push_back(*f.published_to);
  }
  if (f.filed) where += *f.filed ? " AND f.item_id IS NOT NULL" : " AND f.item_id IS NULL";
  if (f.interpreted) {
    where += std::string(*f.interpreted ? " AND" : " AND NOT") +
             " EXISTS (SELECT 1 FROM interpretation_links l JOIN items t ON t.id = l.interpretation_id "
             "WHERE l.document_id = i.id AND t.status IN ('published', 'withdrawn'))";
  }
  Result<Rows> count = conn.query("SELECT COUNT(*)" + where, params);
  if (!count) return count.status();
  page.total = count->front().get_int(0);
  params.push_back(int64_t{f.limit});
  params.push_back(int64_t{f.offset});
  Result<Rows> rows = conn.query(std::string("SELECT ") + kDocColumns + where +
                                     " ORDER BY i.publish_date DESC, i.id DESC LIMIT ? OFFSET ?",
                                 params);
  if (!rows) return rows.status();
  for (const Row& r : *rows) page.rows.push_back(doc_of(r));
  return page;
}

Result<std::optional<PolicyDocRow>> find_policy_doc(Connection& conn, int64_t item_id) {
  Result<Rows> rows = conn.query(std::string("SELECT ") + kDocColumns + kDocFrom + " WHERE i.id = ?", {item_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<PolicyDocRow>();
  return std::optional<PolicyDocRow>(doc_of(rows->front()));
}

Result<int64_t> create_campaign(Connection& conn, int64_t body_id, const std::string& name,
                                const std::string& cutoff_date, const std::string& decided_on,
                                const std::vector<int64_t>& scope_body_ids, const std::string& now) {
  if (scope_body_ids.empty()) return Status::invalid("a campaign needs at least one body");
  Result<Rows> rows = conn.query(
      "INSERT INTO cleanup_campaigns (body_id, name, cutoff_date, decided_on, created_at) VALUES (?, ?, ?, ?, ?) "
      "RETURNING id",
      {body_id, name, cutoff_date, decided_on, now});
  if (!rows) return rows.status();
  const int64_t id = rows->front().get_int(0);
  std::vector<Value> params{id};
  params.insert(params.end(), scope_body_ids.begin(), scope_body_ids.end());
  params.push_back(cutoff_date);
  GK_RETURN_IF_ERROR(conn.exec(
      "INSERT INTO cleanup_candidates (campaign_id, item_id) SELECT ?, i.id FROM items i WHERE i.body_id IN (" +
          marks(scope_body_ids.size()) +
          ") AND i.kind = 'normative' AND i.status = 'published' AND COALESCE(i.written_date, i.publish_date) <= ? "
          "AND (i.validity IS NULL OR i.validity NOT IN ('失效', '废止'))",
      params));
  return id;
}

Result<std::vector<CampaignRow>> list_campaigns(Connection& conn, const std::vector<int64_t>& body_ids) {
  std::vector<CampaignRow> out;
  if (body_ids.empty()) return out;
  std::vector<Value> params(body_ids.begin(), body_ids.end());
  Result<Rows> rows = conn.query(std::string("SELECT ") + kCampaignColumns + " WHERE c.body_id IN (" +
                                     marks(body_ids.size()) + ") ORDER BY c.decided_on DESC, c.id DESC",
                                 params);
  if (!rows) return rows.status();
  for (const Row& r : *rows) out.push_back(campaign_of(r));
  return out;
}

Result<std::optional<CampaignRow>> find_campaign(Connection& conn, int64_t campaign_id) {
  Result<Rows> rows = conn.query(std::string("SELECT ") + kCampaignColumns + " WHERE c.id = ?", {campaign_id});
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<CampaignRow>();
  return std::optional<CampaignRow>(campaign_of(rows->front()));
}

Result<std::vector<CandidateRow>> list_candidates(Connection& conn, int64_t campaign_id, bool undecided_only,
                                                  int offset, int limit) {
  Result<Rows> rows = conn.query(
      std::string("SELECT ") + kDocColumns + ", d.decision, d.note" + kDocFrom +
          " JOIN (SELECT item_id FROM cleanup_candidates WHERE campaign_id = ? "
          "UNION SELECT item_id FROM cleanup_decisions WHERE campaign_id = ?) m ON m.item_id = i.id "
          "LEFT JOIN cleanup_decisions d ON d.campaign_id = ? AND d.item_id = i.id" +
          (undecided_only ? " WHERE d.item_id IS NULL" : "") +
          " ORDER BY COALESCE(i.written_date, i.publish_date), i.id LIMIT ? OFFSET ?",
      {campaign_id, campaign_id, campaign_id, int64_t{limit}, int64_t{offset}});
  if (!rows) return rows.status();
  std::vector<CandidateRow> out;
  for (const Row& r : *rows) out.push_back({doc_of(r), r.get_opt_text(14), r.get_opt_text(15)});
  return out;
}

Result<bool> is_candidate(Connection& conn, int64_t campaign_id, int64_t item_id) {
  Result<int64_t> n = conn.query_int(
      "SELECT COUNT(*) FROM (SELECT item_id FROM cleanup_candidates WHERE campaign_id = ? AND item_id = ? "
      "UNION SELECT item_id FROM cleanup_decisions WHERE campaign_id = ? AND item_id = ?) m",
      {campaign_id, item_id, campaign_id, item_id});
  if (!n) return n.status();
  return *n > 0;
}

Result<bool> record_decision(Connection& conn, int64_t campaign_id, int64_t item_id, const std::string& decision,
                             const std::string& note) {
  Result<Rows> rows = conn.query(
      "INSERT INTO cleanup_decisions (campaign_id, item_id, decision, note) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (campaign_id, item_id) DO NOTHING RETURNING item_id",
      {campaign_id, item_id, decision, null_if_empty(note)});
  if (!rows) return rows.status();
  return !rows->empty();
}

Result<int64_t> count_undecided(Connection& conn, const std::vector<int64_t>& body_ids) {
  if (body_ids.empty()) return int64_t{0};
  std::vector<Value> params(body_ids.begin(), body_ids.end());
  Result<Rows> rows = conn.query(
      "SELECT COUNT(*) FROM cleanup_candidates k JOIN cleanup_campaigns c ON c.id = k.campaign_id "
      "WHERE c.body_id IN (" + marks(body_ids.size()) + ") AND NOT EXISTS (SELECT 1 FROM cleanup_decisions d "
      "WHERE d.campaign_id = k.campaign_id AND d.item_id = k.item_id)",
      params);
  if (!rows) return rows.status();
  return rows->front().get_int(0);
}

Result<std::vector<std::pair<int64_t, int64_t>>> find_documents_by_reference(Connection& conn,
                                                                             const std::string& reference) {
  Result<Rows> rows = conn.query(
      "SELECT id, body_id FROM items WHERE (index_number = ? OR doc_number = ?) AND kind IN ('document', "
      "'normative') AND status IN ('published', 'withdrawn') ORDER BY id",
      {reference, reference});
  if (!rows) return rows.status();
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const Row& r : *rows) out.emplace_back(r.get_int(0), r.get_int(1));
  return out;
}

}  // namespace gongkai::store
