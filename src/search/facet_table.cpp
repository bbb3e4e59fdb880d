// Facet table: docid → facet value codes, from the boolean filter terms (facet_table.h).
#include "search/facet_table.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "search/schema.h"
#include "search/searcher.h"

namespace gongkai::search {

const char* const FacetTable::kNames[FacetTable::kFacets] = {"body", "year", "kind", "validity"};

namespace {
// The boolean term prefix of each facet, in kNames order (schema.h).
const std::string_view kFacetPrefixes[FacetTable::kFacets] = {kPrefixBody, kPrefixYear, kPrefixKind,
                                                              kPrefixValidity};
constexpr size_t kMaxCodes = 65535;
}  // namespace

struct FacetTableBuilder {
  // nullptr when a facet has more values than a code holds.
  static std::shared_ptr<FacetTable> build(const Xapian::Database& db) {
    std::shared_ptr<FacetTable> table(new FacetTable());
    const Xapian::docid last = db.get_lastdocid();
    for (size_t facet = 0; facet < FacetTable::kFacets; ++facet) {
      std::vector<uint16_t>& column = table->codes_[facet];
      std::vector<std::string>& values = table->values_[facet];
      column.assign(static_cast<size_t>(last) + 1, 0);
      values.assign(1, std::string());
      const std::string prefix(kFacetPrefixes[facet]);
      for (Xapian::TermIterator term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
        const std::string name = *term;
        // Another facet's prefix may begin with this one's (none do today; stay exact if one ever does).
        bool other = false;
        for (size_t f = 0; f < FacetTable::kFacets; ++f) {
          other = other || (f != facet && kFacetPrefixes[f].size() > prefix.size() &&
                            name.compare(0, kFacetPrefixes[f].size(), kFacetPrefixes[f]) == 0);
        }
        if (other) continue;
        if (values.size() > kMaxCodes) return nullptr;
        const auto code = static_cast<uint16_t>(values.size());
        values.push_back(name.substr(prefix.size()));
        for (Xapian::PostingIterator post = db.postlist_begin(name); post != db.postlist_end(name); ++post) {
          if (*post < column.size()) column[*post] = code;
        }
      }
    }
    return table;
  }
};

std::shared_ptr<const FacetTable> FacetTable::of(const std::string& dir, const Xapian::Database& db) {
  struct Cached {
    std::string uuid;
    Xapian::rev revision = 0;
    std::shared_ptr<const FacetTable> table;
  };
  // The two latest revisions per index: right after a change, readers that have refreshed and readers that
  // have not yet (each refreshes within a few seconds) would otherwise rebuild the one cached table in turn.
  constexpr size_t kRevisionsKept = 2;
  static std::mutex mutex;
  static std::map<std::string, std::vector<Cached>> cache;  // guarded by mutex; newest first
  const std::string uuid = db.get_uuid();
  const Xapian::rev revision = db.get_revision();
  std::lock_guard lock(mutex);
  std::vector<Cached>& kept = cache[dir];
  for (const Cached& cached : kept) {
    if (cached.uuid == uuid && cached.revision == revision) return cached.table;
  }
  kept.insert(kept.begin(), Cached{uuid, revision, FacetTableBuilder::build(db)});
  if (kept.size() > kRevisionsKept) kept.resize(kRevisionsKept);
  return kept.front().table;
}

struct FacetTable::Counter::Spy : Xapian::MatchSpy {
  explicit Spy(const FacetTable& t) : table(t) {
    for (size_t facet = 0; facet < kFacets; ++facet) counts[facet].assign(t.value_count(facet), 0);
  }
  void operator()(const Xapian::Document& doc, double) override {
    const Xapian::docid docid = doc.get_docid();
    for (size_t facet = 0; facet < kFacets; ++facet) ++counts[facet][table.code(facet, docid)];
  }
  const FacetTable& table;
  std::vector<int64_t> counts[kFacets];
};

FacetTable::Counter::Counter(const FacetTable& table) : table_(table), spy_(std::make_unique<Spy>(table)) {}
FacetTable::Counter::~Counter() = default;
Xapian::MatchSpy& FacetTable::Counter::spy() { return *spy_; }

std::unique_ptr<FacetTable::Counter> FacetTable::counter() const { return std::make_unique<Counter>(*this); }

std::vector<FacetCount> FacetTable::Counter::counts(size_t facet, size_t max_values) const {
  std::vector<FacetCount> out;
  const std::vector<int64_t>& counts = spy_->counts[facet];
  for (size_t code = 1; code < counts.size(); ++code) {
    if (counts[code] > 0) out.push_back({table_.value(facet, static_cast<uint16_t>(code)), counts[code]});
  }
  std::sort(out.begin(), out.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (out.size() > max_values) out.resize(max_values);
  return out;
}

}  // namespace gongkai::search
