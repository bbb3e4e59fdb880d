// Commands: search — full-text search of published items; reindex — rebuild the search index.
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/context.h"
#include "services/search_service.h"

namespace gongkai::cli {
namespace {

struct SearchArgs {
  std::string query;
  int limit = 10;
  int offset = 0;
  std::optional<std::string> body;
  bool include_children = false;
  std::optional<int> year;
  std::optional<std::string> kind;
  std::optional<std::string> validity;
  std::string sort = "relevance";
};

// A snippet (escaped HTML with <mark>) as terminal text: marks become bold on a terminal, entities are
// decoded.
std::string snippet_for_terminal(const std::string& html, bool bold) {
  struct Replacement {
    std::string_view from, to;
  };
  const Replacement replacements[] = {{"<mark>", bold ? "\x1b[1m" : ""},
                                      {"</mark>", bold ? "\x1b[0m" : ""},
                                      {"&lt;", "<"},
                                      {"&gt;", ">"},
                                      {"&quot;", "\""},
                                      {"&#39;", "'"},
                                      {"&amp;", "&"}};
  std::string out;
  for (size_t pos = 0; pos < html.size();) {
    bool replaced = false;
    for (const Replacement& r : replacements) {
      if (html.compare(pos, r.from.size(), r.from) != 0) continue;
      out += r.to;
      pos += r.from.size();
      replaced = true;
      break;
    }
    if (!replaced) out += html[pos++];
  }
  return out;
}

// The exit code for a failed search or reindex: a locked index is the environment's doing (3), not bad input.
int fail_search(const Status& status) {
  if (status.code() != StatusCode::kConflict) return fail(status);
  std::fprintf(stderr, "gongkai: %s\n", status.message().c_str());
  return kExitInternal;
}

int cmd_search(GlobalOptions& g, const SearchArgs& args) {
  if (args.query.find_first_not_of(" \t\r\n") == std::string::npos)
    return fail(Status::invalid("QUERY is empty"));
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  services::SearchQuery query;
  query.request.query = args.query;
  query.request.limit = args.limit;
  query.request.offset = args.offset;
  query.request.year = args.year;
  query.request.kind = args.kind;
  query.request.validity = args.validity;
  query.request.sort = args.sort == "date" ? search::SortOrder::kNewest : search::SortOrder::kRelevance;
  query.body = args.body;
  query.include_children = args.include_children;
  Result<search::SearchResult> result = services::search_items(**inst, query);
  if (!result) return fail_search(result.status());
  if (g.json) {
    std::cout << services::search_result_json(*result).dump(-1, ' ', false,
                                                            nlohmann::json::error_handler_t::replace)
              << "\n";
    return kExitOk;
  }
  const bool bold = isatty(STDOUT_FILENO) == 1;
  std::printf("%lld 条结果%s\n", static_cast<long long>(result->total),
              result->relaxed ? "（没有同时包含全部词语的结果，以下包含部分词语）" : "");
  int rank = args.offset;
  for (const search::SearchHit& hit : result->hits) {
    std::printf("\n%d. %s\n   %s%s%s  %s  %s\n", ++rank, hit.title.c_str(),
                hit.doc_number.value_or("").c_str(), hit.doc_number ? "  " : "", hit.body_name.c_str(),
                hit.publish_date.c_str(), hit.url.c_str());
    if (!hit.snippet.empty()) std::printf("   %s\n", snippet_for_terminal(hit.snippet, bold).c_str());
  }
  if (!result->suggestions.empty()) {
    std::printf("\n试试：");
    for (size_t idx = 0; idx < result->suggestions.size(); ++idx) {
      std::printf("%s%s", idx == 0 ? "" : " ／ ", result->suggestions[idx].c_str());
    }
    std::printf("\n");
  }
  return kExitOk;
}

int cmd_reindex(GlobalOptions& g) {
  Result<std::unique_ptr<services::Installation>> inst = services::Installation::open(g.installation());
  if (!inst) return fail(inst.status());
  Result<services::ReindexReport> report = services::reindex(**inst, !g.json);
  if (!report) return fail_search(report.status());
  const double rate = report->seconds > 0 ? static_cast<double>(report->items) / report->seconds : 0;
  if (g.json) {
    std::cout << nlohmann::json{{"items", report->items}, {"seconds", report->seconds}}.dump() << "\n";
    return kExitOk;
  }
  std::printf("search index rebuilt: %lld items in %.1f s (%.0f items/s)\n",
              static_cast<long long>(report->items), report->seconds, rate);
  return kExitOk;
}

}  // namespace

void register_search_commands(CLI::App& app, GlobalOptions& g, Action& chosen) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* search = app.add_subcommand("search", "full-text search of published items (docs/search.md)");
  search->add_option("QUERY", args->query, "words, \"phrases\", title:… 文号:… 机构:…, or a 文号")
      ->required();
  search->add_option("--limit", args->limit, "hits to show (0-100, default 10)")
      ->check(CLI::Range(0, search::kMaxLimit));
  search->add_option("--offset", args->offset, "hits to skip")->check(CLI::Range(0, search::kMaxOffset));
  search->add_option("--body", args->body, "only items of this body (code)");
  search->add_flag("--include-children", args->include_children, "with --body: and of the bodies below it");
  search->add_option("--year", args->year, "only items published in this year")
      ->check(CLI::Range(1900, 2100));
  search->add_option("--kind", args->kind, "only items of this kind (normative, notice, …)");
  search->add_option("--validity", args->validity, "only items of this validity (有效 修订后有效 失效 废止)");
  search->add_option("--sort", args->sort, "relevance (default) or date (newest first)")
      ->check(CLI::IsMember({"relevance", "date"}));
  search->callback([&, args] { chosen = [&, args] { return cmd_search(g, *args); }; });

  CLI::App* reindex = app.add_subcommand("reindex", "rebuild the search index from the database");
  reindex->callback([&] { chosen = [&] { return cmd_reindex(g); }; });
}

}  // namespace gongkai::cli
