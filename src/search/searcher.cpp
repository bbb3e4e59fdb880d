// Searcher: clauses (query.h) → Xapian::Query objects, the match, snippets, facets and suggestions.
//
// How a clause becomes a query (docs/search.md has the same in prose):
//   word        every bigram of each CJK run AND-ed (a single character or a non-CJK word is its own term); the
//               AND_MAYBE boost adds the run's ICU dictionary words (W) and the same word in the title (S), and
//               its unigrams with weight 0 (for MSet::snippet's marks; never evaluated by the matcher).
//   "phrase"    OP_PHRASE over the unigrams/words in order, window = their count, AND-ed with the bigrams (rare
//               terms first lets the matcher skip); a two-character phrase is its bigram; boosted by its words
//               in the title.
//   title:      words as above over the S terms (a title phrase also needs the phrase in the text);
//   机构:       words over the XN terms (body names are short; no positions are kept for them).
//   文号        the XD key (weight ×4) OR the number written in the text as a phrase; an incomplete 文号:value
//               is a prefix (wildcard) over XD keys.
// Clauses are AND-ed; if that matches nothing and there are several, they are OR-ed instead (`relaxed`).
#include "search/searcher.h"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "search/doc_number.h"
#include "search/facet_table.h"
#include "search/index.h"
#include "search/normalize.h"
#include "search/query.h"
#include "search/schema.h"
#include "search/tokenize.h"
#include "search/xapian_status.h"

namespace gongkai::search {
namespace {

using Query = Xapian::Query;

constexpr double kDocNumberKeyWeight = 4.0;
constexpr Xapian::termcount kMaxWildcardExpansion = 1000;
// No SNIPPET_BACKGROUND_MODEL: in Xapian 1.4.22 with CJK n-grams it cuts the snippet right after the first
// match
// ("个人<mark>隐私</mark>…" for 个人隐私保护工作要求…); without it the text after the match is kept.
constexpr unsigned kSnippetFlags = Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM;
constexpr Xapian::doccount kMaxFacetValues = 50;
constexpr size_t kMaxSuggestions = 3;
// Drop-one-clause suggestions are tried for queries of at most this many clauses.
constexpr size_t kMaxClausesForDropSuggestions = 8;

std::string prefixed(std::string_view prefix, const std::string& term) {
  return std::string(prefix) + term;
}

Query and_of(const std::vector<Query>& parts) {
  if (parts.empty()) return Query();
  if (parts.size() == 1) return parts.front();
  return Query(Query::OP_AND, parts.begin(), parts.end());
}

Query or_of(const std::vector<Query>& parts) {
  if (parts.empty()) return Query();
  if (parts.size() == 1) return parts.front();
  return Query(Query::OP_OR, parts.begin(), parts.end());
}

// A CJK run of exactly two characters: its bigram term already says the two are adjacent and in order, so a
// phrase over its unigrams would only add cost (every unigram position list of the matches is read).
bool is_one_bigram(const Chunk& chunk) { return chunk.is_ngram_run() && chunk.terms.size() == 2; }

// The chunks' terms in order as one phrase, AND-ed with the bigrams of their CJK runs.
Query phrase_query(std::string_view prefix, const std::vector<Chunk>& chunks) {
  if (chunks.size() == 1 && is_one_bigram(chunks.front())) {
    return Query(prefixed(prefix, bigrams(chunks.front()).front()));
  }
  std::vector<std::string> sequence;
  std::vector<Query> parts;
  for (const Chunk& chunk : chunks) {
    for (const std::string& term : chunk.terms) sequence.push_back(prefixed(prefix, term));
    for (const std::string& pair : bigrams(chunk)) parts.emplace_back(prefixed(prefix, pair));
  }
  if (sequence.empty()) return Query();
  if (sequence.size() == 1) return Query(sequence.front());
  parts.emplace_back(Query::OP_PHRASE, sequence.begin(), sequence.end(),
                     static_cast<Xapian::termcount>(sequence.size()));
  return and_of(parts);
}

// Every chunk must appear: a CJK run as all its bigrams, a word as itself.
Query words_query(std::string_view prefix, const std::vector<Chunk>& chunks) {
  std::vector<Query> parts;
  for (const Chunk& chunk : chunks) {
    if (!chunk.is_ngram_run()) {
      parts.emplace_back(prefixed(prefix, chunk.terms.front()));
      continue;
    }
    for (const std::string& pair : bigrams(chunk)) parts.emplace_back(prefixed(prefix, pair));
  }
  return and_of(parts);
}

// What a bare word adds to the ranking: its CJK runs' dictionary words and unigrams (weightless), the word in the
// title.
Query word_boost(const std::vector<Chunk>& chunks) {
  std::vector<Query> parts;
  for (const Chunk& chunk : chunks) {
    if (!chunk.is_ngram_run()) continue;
    // The run's unigrams, weightless: the matcher never evaluates them, but MSet::snippet marks the characters
    // the query names. No phrase over them: a run's bigrams, all required by the match, already fix the order
    // of its characters in all but contrived texts, and checking unigram positions is most of a query's cost.
    std::vector<Query> unigrams;
    for (const std::string& unigram : chunk.terms) unigrams.emplace_back(prefixed(kPrefixText, unigram));
    parts.emplace_back(Query::OP_SCALE_WEIGHT, or_of(unigrams), 0.0);
    std::string run;
    for (const std::string& unigram : chunk.terms) run += unigram;
    for (const std::string& word : dictionary_words(run)) parts.emplace_back(prefixed(kPrefixWord, word));
  }
  parts.push_back(words_query(kPrefixTitle, chunks));
  return or_of(parts);
}

struct ClauseQuery {
  Query match;
  Query boost;  // empty when the clause adds nothing to the ranking beyond its match
};

ClauseQuery doc_number_query(const Clause& clause) {
  const std::string key = doc_number_key(clause.text);
  const std::optional<DocNumber> number = parse_doc_number(clause.text);
  if (!number) {
    return {Query(Query::OP_WILDCARD, prefixed(kPrefixDocNumber, key), kMaxWildcardExpansion,
                  Query::WILDCARD_LIMIT_MOST_FREQUENT),
            Query()};
  }
  const Query exact(Query::OP_SCALE_WEIGHT, Query(prefixed(kPrefixDocNumber, key)), kDocNumberKeyWeight);
  const Query written =
      phrase_query(kPrefixText, text_chunks(number->issuer + " " + number->year + " " + number->serial));
  return {Query(Query::OP_OR, exact, written), Query()};
}

ClauseQuery clause_query(const Clause& clause) {
  if (clause.field == Field::kDocNumber) return doc_number_query(clause);
  const std::vector<Chunk> chunks = text_chunks(clause.text);
  switch (clause.field) {
    case Field::kTitle:
      // S terms have no positions: a title phrase is all its words in the title and the phrase in the text
      // (which begins with the title).
      if (clause.phrase)
        return {Query(Query::OP_AND, words_query(kPrefixTitle, chunks), phrase_query(kPrefixText, chunks)),
                Query()};
      return {words_query(kPrefixTitle, chunks), Query()};
    case Field::kBodyName:
      return {words_query(kPrefixBodyName, chunks), Query()};
    default:
      break;
  }
  if (clause.phrase) return {phrase_query(kPrefixText, chunks), words_query(kPrefixTitle, chunks)};
  return {words_query(kPrefixText, chunks), word_boost(chunks)};
}

enum class Boosts { kWith, kWithout };

// The clauses combined with `op` (AND, or OR when relaxing), with or without their ranking boosts.
Query combine(const std::vector<ClauseQuery>& clauses, Query::op op, Boosts with = Boosts::kWith) {
  std::vector<Query> matches, boosts;
  for (const ClauseQuery& c : clauses) {
    if (c.match.empty()) continue;
    matches.push_back(c.match);
    if (!c.boost.empty()) boosts.push_back(c.boost);
  }
  if (matches.empty()) return Query();
  Query match = matches.size() == 1 ? matches.front() : Query(op, matches.begin(), matches.end());
  if (boosts.empty() || with == Boosts::kWithout) return match;
  return Query(Query::OP_AND_MAYBE, match, or_of(boosts));
}

Query filter_query(const SearchRequest& request) {
  std::vector<Query> groups;
  std::vector<Query> bodies;
  for (const std::string& code : request.body_codes) bodies.emplace_back(prefixed(kPrefixBody, code));
  if (!bodies.empty()) groups.push_back(or_of(bodies));
  if (request.year) groups.emplace_back(prefixed(kPrefixYear, std::to_string(*request.year)));
  if (request.kind) groups.emplace_back(prefixed(kPrefixKind, *request.kind));
  if (request.validity) groups.emplace_back(prefixed(kPrefixValidity, *request.validity));
  return and_of(groups);
}

Query filtered(const Query& query, const Query& filter) {
  if (filter.empty()) return query;
  return Query(Query::OP_FILTER, query, filter);
}

std::optional<std::string> opt_text(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  return value.get<std::string>();
}

// Sees every document the counting pass matched, and so how far into the docid range it got before stopping at
// check_at_least. Xapian's own estimate for AND-ed n-grams is little more than the number examined (垃圾分类:
// 3 280 matches, estimated 1 000); matches spread over the docid range roughly evenly (items are numbered as
// they are added, year after year), so the rate seen so far, extrapolated to the whole range, is much closer.
class ExtentSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    ++seen_;
    last_ = std::max(last_, doc.get_docid());
  }
  // The estimate within Xapian's bounds for `mset`, whose match stopped early.
  Xapian::doccount estimate(const Xapian::MSet& mset, Xapian::docid last_docid) const {
    const Xapian::doccount lower = mset.get_matches_lower_bound(), upper = mset.get_matches_upper_bound();
    if (seen_ == 0 || last_ == 0) return mset.get_matches_estimated();
    const double extrapolated =
        static_cast<double>(seen_) * static_cast<double>(last_docid) / static_cast<double>(last_);
    return std::clamp(static_cast<Xapian::doccount>(extrapolated), lower, upper);
  }

 private:
  Xapian::doccount seen_ = 0;
  Xapian::docid last_ = 0;
};

// "<mark>招</mark><mark>生</mark>" → "<mark>招生</mark>": unigrams marked one by one read as one match.
void join_adjacent_marks(std::string& snippet) {
  static constexpr std::string_view kSeam = "</mark><mark>";
  for (size_t at = snippet.find(kSeam); at != std::string::npos; at = snippet.find(kSeam, at)) {
    snippet.erase(at, kSeam.size());
  }
}

std::string text_of(const nlohmann::json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

struct Searcher::Impl {
  std::string dir;
  Xapian::Database db;
  const Normalizer* normalizer = nullptr;

  // Matching documents of `query` (an estimate past `check_at_least`).
  Xapian::doccount count(const Query& query, Xapian::doccount check_at_least) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(query);
    return enquire.get_mset(0, 0, check_at_least).get_matches_estimated();
  }

  // The page [offset, offset + limit) of `query`'s matches, newest first (ties: by relevance). Sorting
  // by date visits every match, so the match is first narrowed to the latest years — 1, 2, 4, … of them — until
  // that range alone fills the page: every document outside it is older than every document inside, so the
  // page is exact, and a broad query over a large index visits one or two years' matches instead of all.
  Xapian::MSet newest_first(Xapian::Enquire& enquire, const Query& query, Xapian::doccount offset,
                            Xapian::doccount limit);

  Result<SearchResult> run(const SearchRequest& request);
  std::vector<std::string> suggestions(const SearchRequest& request, const std::vector<Clause>& clauses,
                                       const Query& filter);
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::open(const std::string& dir) {
  Result<const Normalizer*> normalizer = Normalizer::get();
  if (!normalizer) return normalizer.status();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::not_found("no search index at " + dir + " (run `gongkai reindex`)");
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->normalizer = *normalizer;
  try {
    impl->db = Xapian::Database(dir);
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot open", dir);
  }
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

Status Searcher::refresh() {
  try {
    impl_->db = Xapian::Database(impl_->dir);
    return Status::ok();
  } catch (const Xapian::Error& e) {
    return xapian_status(e, "cannot reopen", impl_->dir);
  }
}

int64_t Searcher::document_count() const {
  try {
    return static_cast<int64_t>(impl_->db.get_doccount());
  } catch (const Xapian::Error&) {
    return 0;
  }
}

Result<SearchResult> Searcher::search(const SearchRequest& request) {
  for (int attempt = 0;; ++attempt) {
    try {
      return impl_->run(request);
    } catch (const Xapian::DatabaseModifiedError& e) {
      // A writer committed past the revision this reader holds: reopen and try once more.
      if (attempt > 0) return xapian_status(e, "cannot search", impl_->dir);
      GK_RETURN_IF_ERROR(refresh());
    } catch (const Xapian::Error& e) {
      return xapian_status(e, "cannot search", impl_->dir);
    } catch (const std::exception& e) {
      return Status::internal(std::string("search failed: ") + e.what());
    }
  }
}

Xapian::MSet Searcher::Impl::newest_first(Xapian::Enquire& enquire, const Query& query, Xapian::doccount offset,
                                          Xapian::doccount limit) {
  // Relevance still breaks ties, and gives snippets their highlighted terms.
  enquire.set_sort_by_value_then_relevance(kSlotDate, true);
  const int newest = std::atoi(db.get_value_upper_bound(kSlotYear).c_str());
  const int oldest = std::atoi(db.get_value_lower_bound(kSlotYear).c_str());
  for (int span = 1; newest > 0 && oldest > 0 && newest - span + 1 > oldest; span *= 2) {
    std::vector<Query> years;
    for (int year = newest - span + 1; year <= newest; ++year) {
      years.emplace_back(std::string(kPrefixYear) + std::to_string(year));
    }
    enquire.set_query(Query(Query::OP_FILTER, query, Query(Query::OP_OR, years.begin(), years.end())));
    Xapian::MSet page = enquire.get_mset(offset, limit, offset + limit);
    if (page.get_matches_lower_bound() >= offset + limit) return page;
  }
  enquire.set_query(query);  // the whole range
  return enquire.get_mset(offset, limit);
}

Result<SearchResult> Searcher::Impl::run(const SearchRequest& request) {
  Result<ParsedQuery> parsed = parse_query(request.query, *normalizer);
  if (!parsed) return parsed.status();
  const Xapian::doccount offset = static_cast<Xapian::doccount>(std::clamp(request.offset, 0, kMaxOffset));
  const Xapian::doccount limit = static_cast<Xapian::doccount>(std::clamp(request.limit, 0, kMaxLimit));
  SearchResult result;
  const Query filter = filter_query(request);
  // A filtered match (a year, a body) is packed into part of the docid range, so extrapolating over the whole
  // range would overstate it: such a match is counted as far as facets are, and estimated by Xapian beyond.
  const bool extrapolate = !request.facets && filter.empty();
  // Facets count every match through the docid → value table (facet_table.h), which makes them and the total
  // exact; without a table (a facet with more than 65 535 values) they count the value slots up to
  // facet_check_at_least.
  const std::shared_ptr<const FacetTable> facet_table = request.facets ? FacetTable::of(dir, db) : nullptr;
  const Xapian::doccount check_at_least =
      facet_table ? std::max<Xapian::doccount>(offset + limit, db.get_doccount())
                  : std::max<Xapian::doccount>(
                        offset + limit,
                        static_cast<Xapian::doccount>(std::max(
                            extrapolate ? request.check_at_least
                                        : std::max(request.check_at_least, request.facet_check_at_least),
                            0)));
  std::vector<ClauseQuery> clause_queries;
  for (const Clause& clause : parsed->clauses) clause_queries.push_back(clause_query(clause));
  if (clause_queries.empty() && filter.empty()) return result;  // nothing to look for
  const bool by_date = request.sort == SortOrder::kNewest || parsed->clauses.empty();

  // Counting (and the facets) runs the match alone with boolean weights: every matching document is visited,
  // but without weights or the phrase checks of the boosts. Ranking then only needs the requested page, which
  // lets Xapian skip documents that cannot reach it.
  Xapian::ValueCountMatchSpy body_spy(kSlotBody), year_spy(kSlotYear), kind_spy(kSlotKind),
      validity_spy(kSlotValidity);
  Xapian::Enquire counter(db);
  counter.set_weighting_scheme(Xapian::BoolWeight());
  ExtentSpy extent;
  counter.add_matchspy(&extent);
  std::unique_ptr<FacetTable::Counter> facet_counter = facet_table ? facet_table->counter() : nullptr;
  if (facet_counter) {
    counter.add_matchspy(&facet_counter->spy());
  } else if (request.facets) {
    for (Xapian::ValueCountMatchSpy* spy : {&body_spy, &year_spy, &kind_spy, &validity_spy}) {
      counter.add_matchspy(spy);
    }
  }
  auto query_of = [&](Query::op op, Boosts boosts) {
    if (clause_queries.empty()) return filtered(Query::MatchAll, filter);  // browsing by filters
    return filtered(combine(clause_queries, op, boosts), filter);
  };
  Query::op op = Query::OP_AND;
  counter.set_query(query_of(op, Boosts::kWithout));
  Xapian::MSet counted = counter.get_mset(0, 0, check_at_least);
  if (counted.get_matches_upper_bound() == 0 && !parsed->clauses.empty()) {
    result.suggestions = suggestions(request, parsed->clauses, filter);
    if (parsed->clauses.size() > 1) {
      op = Query::OP_OR;
      counter.set_query(query_of(op, Boosts::kWithout));
      counted = counter.get_mset(0, 0, check_at_least);
      result.relaxed = counted.get_matches_upper_bound() > 0;
    }
  }
  result.total_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
  result.total = result.total_exact ? counted.get_matches_lower_bound()
                 : extrapolate      ? extent.estimate(counted, db.get_lastdocid())
                                    : counted.get_matches_estimated();
  if (facet_counter) {
    for (size_t facet = 0; facet < FacetTable::kFacets; ++facet) {
      result.facets[FacetTable::kNames[facet]] = facet_counter->counts(facet, kMaxFacetValues);
    }
  } else if (request.facets) {
    const std::pair<const char*, Xapian::ValueCountMatchSpy*> spies[] = {
        {"body", &body_spy}, {"year", &year_spy}, {"kind", &kind_spy}, {"validity", &validity_spy}};
    for (const auto& [name, spy] : spies) {
      std::vector<FacetCount>& counts = result.facets[name];
      for (Xapian::TermIterator value = spy->top_values_begin(kMaxFacetValues);
           value != spy->top_values_end(kMaxFacetValues); ++value) {
        if ((*value).empty()) continue;  // no validity recorded
        counts.push_back({*value, static_cast<int64_t>(value.get_termfreq())});
      }
    }
  }
  if (result.total == 0 || limit == 0) return result;

  Xapian::Enquire enquire(db);
  Xapian::MSet mset;
  if (by_date) {
    mset = newest_first(enquire, query_of(op, Boosts::kWith), offset, limit);
  } else {
    enquire.set_query(query_of(op, Boosts::kWith));
    mset = enquire.get_mset(offset, limit);
  }
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    const nlohmann::json data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
    if (data.is_discarded() || !data.is_object()) continue;
    SearchHit hit;
    hit.id = data.value("id", int64_t{0});
    hit.title = text_of(data, "title");
    hit.doc_number = opt_text(data.value("doc_number", nlohmann::json()));
    hit.body_code = text_of(data, "body");
    hit.body_name = text_of(data, "body_name");
    hit.publish_date = text_of(data, "publish_date");
    hit.kind = text_of(data, "kind");
    hit.validity = opt_text(data.value("validity", nlohmann::json()));
    hit.url = item_url(hit.id);
    hit.snippet = mset.snippet(text_of(data, "text"), request.snippet_bytes, Xapian::Stem(), kSnippetFlags,
                               "<mark>", "</mark>", "…");
    std::replace(hit.snippet.begin(), hit.snippet.end(), '\n', ' ');  // one line, as results are shown
    join_adjacent_marks(hit.snippet);
    hit.weight = it.get_weight();
    result.hits.push_back(std::move(hit));
  }
  return result;
}

std::vector<std::string> Searcher::Impl::suggestions(const SearchRequest& request,
                                                     const std::vector<Clause>& clauses,
                                                     const Query& filter) {
  struct Candidate {
    std::string text;
    Xapian::doccount matches;
  };
  std::vector<Candidate> candidates;
  auto consider = [&](const std::vector<Clause>& alternative) {
    std::vector<ClauseQuery> queries;
    for (const Clause& clause : alternative) queries.push_back(clause_query(clause));
    const Query query = combine(queries, Query::OP_AND, Boosts::kWithout);
    if (query.empty()) return;
    const Xapian::doccount matches = count(filtered(query, filter), 1);
    const std::string text = to_query_text(alternative);
    const bool seen =
        std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.text == text; });
    if (matches > 0 && !seen) candidates.push_back({text, matches});
  };
  // A phrase as loose words, a field clause anywhere.
  for (size_t clause_idx = 0; clause_idx < clauses.size() && clause_idx < kMaxClausesForDropSuggestions;
       ++clause_idx) {
    const Clause& clause = clauses[clause_idx];
    if (!clause.phrase && (clause.field == Field::kAny || clause.field == Field::kDocNumber)) continue;
    std::vector<Clause> loosened = clauses;
    loosened[clause_idx].phrase = false;
    if (clause.field != Field::kDocNumber) loosened[clause_idx].field = Field::kAny;
    consider(loosened);
  }
  // Without one clause, the one whose removal finds most first (usually the rarest).
  if (clauses.size() > 1 && clauses.size() <= kMaxClausesForDropSuggestions) {
    for (size_t clause_idx = 0; clause_idx < clauses.size(); ++clause_idx) {
      std::vector<Clause> fewer = clauses;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(clause_idx));
      consider(fewer);
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.matches > b.matches; });
  std::vector<std::string> out;
  for (const Candidate& c : candidates) {
    if (out.size() == kMaxSuggestions) break;
    out.push_back(c.text);
  }
  // The query as it was understood (simplified characters, half-width letters), when that differs.
  const std::string understood = normalizer->display(request.query);
  if (understood != request.query && out.size() < kMaxSuggestions) out.push_back(understood);
  return out;
}

}  // namespace gongkai::search
