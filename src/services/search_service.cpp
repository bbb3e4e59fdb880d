// Search service: outbox draining, reindexing with an atomic swap, and queries.
#include "services/search_service.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "io/progress.h"
#include "search/index.h"
#include "store/bodies.h"
#include "store/search_outbox.h"

namespace gongkai::services {
namespace {

namespace fs = std::filesystem;

// Items per batch handed to a shard writer during a rebuild.
constexpr size_t kReindexBatch = 1000;

search::IndexDocument index_document(const store::SearchItemRow& item) {
  search::IndexDocument doc;
  doc.id = item.id;
  doc.title = item.title;
  doc.content = item.content;
  doc.doc_number = item.doc_number;
  doc.publish_date = item.publish_date;
  doc.kind = item.kind;
  doc.validity = item.validity;
  doc.body_code = item.body_code;
  doc.body_name = item.body_name;
  return doc;
}

// Every outbox id at this moment (the rows a reindex will have covered), oldest first.
Result<std::vector<int64_t>> outbox_snapshot(store::Connection& conn) {
  Result<int64_t> max_id = store::max_search_outbox_id(conn);
  if (!max_id) return max_id.status();
  std::vector<int64_t> ids;
  for (int64_t after = 0;;) {
    Result<std::vector<store::OutboxRow>> rows = store::read_search_outbox(conn, after, *max_id, 10000);
    if (!rows) return rows.status();
    if (rows->empty()) return ids;
    for (const store::OutboxRow& row : *rows) ids.push_back(row.id);
    after = rows->back().id;
  }
}

Status delete_outbox_rows(store::Connection& conn, const std::vector<int64_t>& ids) {
  if (ids.empty()) return Status::ok();
  store::Transaction tx(conn, store::TxMode::kWrite);
  GK_RETURN_IF_ERROR(tx.status());
  GK_RETURN_IF_ERROR(store::delete_search_outbox_rows(conn, ids));
  return tx.commit();
}

// Exchanges the directories `a` and `b` atomically (both must exist).
Status exchange_directories(const std::string& a, const std::string& b) {
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return Status::ok();
  return Status::io("cannot swap the rebuilt search index " + a + " with " + b + ": " + std::strerror(errno));
}

// A rebuild writes one shard per core, each with its own Xapian writer on its own thread (building documents and
// Xapian's writing are both CPU-bound; a single writer uses one core), fed batches of items read from the
// database on this thread. The shards are merged by compact_index() afterwards. Returns the shard directories
// (under `build_dir`) and counts the items in *items.
Result<std::vector<std::string>> build_shards(store::Connection& conn, const std::string& build_dir,
                                              io::Progress& bar, int64_t* items) {
  // One shard per core unless GONGKAI_INDEX_THREADS says otherwise (1 = a single writer, as before shards; it
  // also bounds the CPU a rebuild takes on a busy server).
  size_t shard_count = std::thread::hardware_concurrency();
  if (const char* env = std::getenv("GONGKAI_INDEX_THREADS"); env && std::atoi(env) > 0) {
    shard_count = static_cast<size_t>(std::atoi(env));
  }
  shard_count = std::clamp<size_t>(shard_count, 1, 8);
  std::error_code ec;
  fs::create_directories(build_dir, ec);
  if (ec) return Status::io("cannot create " + build_dir + ": " + ec.message());
  std::vector<std::string> dirs;
  std::vector<std::unique_ptr<search::IndexWriter>> writers;
  for (size_t shard_idx = 0; shard_idx < shard_count; ++shard_idx) {
    dirs.push_back(build_dir + "/shard" + std::to_string(shard_idx));
    Result<std::unique_ptr<search::IndexWriter>> writer =
        search::IndexWriter::open(dirs.back(), search::WriteMode::kFreshBuild);
    if (!writer) return writer.status();
    writers.push_back(std::move(*writer));
  }

  // Batches go to the shards through one bounded queue; the first failure stops everyone.
  using Batch = std::vector<search::IndexDocument>;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Batch> queue;        // guarded by mutex
  bool reading_done = false;      // guarded by mutex
  Status failure;                 // guarded by mutex
  int64_t indexed = 0;            // guarded by mutex
  const size_t max_queued = shard_count * 2;
  auto shard_loop = [&](search::IndexWriter& writer) {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !queue.empty() || reading_done || !failure.is_ok(); });
        if (!failure.is_ok() || queue.empty()) return;
        batch = std::move(queue.front());
        queue.pop_front();
      }
      changed.notify_all();
      for (const search::IndexDocument& doc : batch) {
        Status put = writer.put_new(doc);
        if (put.is_ok()) continue;
        std::lock_guard lock(mutex);
        if (failure.is_ok()) failure = put;
        changed.notify_all();
        return;
      }
      std::lock_guard lock(mutex);
      indexed += static_cast<int64_t>(batch.size());
    }
  };
  std::vector<std::thread> threads;
  for (auto& writer : writers) threads.emplace_back(shard_loop, std::ref(*writer));

  Batch batch;
  auto hand_over = [&]() -> Status {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return queue.size() < max_queued || !failure.is_ok(); });
    if (!failure.is_ok()) return failure;
    queue.push_back(std::move(batch));
    batch.clear();
    changed.notify_all();
    bar.update(static_cast<uint64_t>(indexed));
    return Status::ok();
  };
  Status read = store::for_each_published_search_item(conn, [&](const store::SearchItemRow& item) {
    batch.push_back(index_document(item));
    if (batch.size() >= kReindexBatch) return hand_over();
    return Status::ok();
  });
  if (read.is_ok() && !batch.empty()) read = hand_over();
  {
    std::lock_guard lock(mutex);
    reading_done = true;
    if (!read.is_ok() && failure.is_ok()) failure = read;
  }
  changed.notify_all();
  for (std::thread& t : threads) t.join();
  if (!failure.is_ok()) return failure;
  for (auto& writer : writers) GK_RETURN_IF_ERROR(writer->finish());
  *items = indexed;
  bar.update(static_cast<uint64_t>(indexed));
  return dirs;
}

}  // namespace

std::string search_index_dir(const Installation& inst) {
  return inst.data_dir() + "/search";
}

Result<DrainReport> drain_outbox(Installation& inst, const DrainOptions& options) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  Result<int64_t> up_to = store::max_search_outbox_id(**conn);
  if (!up_to) return up_to.status();
  DrainReport report;
  if (*up_to == 0) return report;  // nothing queued: do not even take the index lock
  Result<std::unique_ptr<search::IndexWriter>> writer = search::IndexWriter::open(search_index_dir(inst));
  if (!writer) return writer.status();
  const int batch_size = std::max(1, options.batch_size);
  for (int64_t after = 0;;) {
    Result<std::vector<store::OutboxRow>> rows = store::read_search_outbox(**conn, after, *up_to, batch_size);
    if (!rows) return rows.status();
    if (rows->empty()) return report;
    std::vector<int64_t> row_ids, item_ids;
    for (const store::OutboxRow& row : *rows) {
      row_ids.push_back(row.id);
      item_ids.push_back(row.item_id);
    }
    // Items are read after their outbox rows, so they are at least as new as the change each row announces.
    Result<std::vector<store::SearchItemRow>> items = store::load_search_items(**conn, item_ids);
    if (!items) return items.status();
    std::map<int64_t, const store::SearchItemRow*> by_id;
    for (const store::SearchItemRow& item : *items) by_id[item.id] = &item;
    for (int64_t item_id : std::set<int64_t>(item_ids.begin(), item_ids.end())) {
      auto found = by_id.find(item_id);
      if (found != by_id.end() && found->second->status == "published") {
        GK_RETURN_IF_ERROR((*writer)->put(index_document(*found->second)));
        ++report.indexed;
        continue;
      }
      GK_RETURN_IF_ERROR((*writer)->remove(item_id));
      ++report.removed;
    }
    GK_RETURN_IF_ERROR((*writer)->commit());
    if (options.before_outbox_delete) GK_RETURN_IF_ERROR(options.before_outbox_delete());
    GK_RETURN_IF_ERROR(delete_outbox_rows(**conn, row_ids));
    report.rows += static_cast<int64_t>(rows->size());
    after = rows->back().id;
  }
}

Result<ReindexReport> reindex(Installation& inst, bool progress) {
  const auto started = std::chrono::steady_clock::now();
  const std::string live_dir = search_index_dir(inst);
  const std::string build_dir = live_dir + ".rebuild";  // built here ...
  const std::string fresh_dir = live_dir + ".new";      // ... compacted here, then swapped with live_dir
  // The live index's lock keeps drains out until the swap is done (they would write into the old index).
  Result<std::unique_ptr<search::IndexWriter>> live = search::IndexWriter::open(live_dir);
  if (!live) return live.status();
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  // Outbox rows visible now announce changes the item reads below will see; later ones stay for the next
  // drain.
  Result<std::vector<int64_t>> covered = outbox_snapshot(**conn);
  if (!covered) return covered.status();
  Result<int64_t> total = store::count_published_items(**conn);
  if (!total) return total.status();

  std::error_code ec;
  for (const std::string& leftover : {build_dir, fresh_dir}) {
    fs::remove_all(leftover, ec);  // left by an interrupted reindex; we hold the live lock, so nobody uses it
    if (ec) return Status::io("cannot remove " + leftover + ": " + ec.message());
  }
  ReindexReport report;
  {
    io::Progress bar("重建搜索索引", static_cast<uint64_t>(*total));
    if (!progress) bar.set_enabled(false);
    Result<std::vector<std::string>> shards = build_shards(**conn, build_dir, bar, &report.items);
    if (!shards) return shards.status();
    bar.finish();
    // One compacted index from every shard, durable before it replaces the live index.
    GK_RETURN_IF_ERROR(search::compact_index(*shards, fresh_dir));
  }
  fs::remove_all(build_dir, ec);
  GK_RETURN_IF_ERROR(exchange_directories(fresh_dir, live_dir));
  GK_RETURN_IF_ERROR(delete_outbox_rows(**conn, *covered));
  live->reset();  // releases the lock on the old index, now in fresh_dir
  fs::remove_all(fresh_dir, ec);
  if (ec)
    return Status::io("rebuilt the index but cannot remove the old one in " + fresh_dir + ": " +
                      ec.message());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

Result<std::vector<std::string>> body_scope(Installation& inst, const std::string& code,
                                            bool include_children) {
  Result<std::unique_ptr<store::Connection>> conn = inst.connect();
  if (!conn) return conn.status();
  Result<std::vector<store::BodyRow>> bodies = store::list_bodies(**conn);
  if (!bodies) return bodies.status();
  std::vector<std::string> scope;
  for (const store::BodyRow& body : *bodies) {
    if (body.code == code) scope.push_back(code);
  }
  if (scope.empty()) return Status::invalid("no body with code " + code + " (`gongkai bodies` lists them)");
  // Parents come before children in list_bodies(), so one pass collects the whole subtree.
  std::set<std::string> members{code};
  for (const store::BodyRow& body : *bodies) {
    if (!include_children || members.count(body.code) > 0 || members.count(body.parent_code) == 0) continue;
    members.insert(body.code);
    scope.push_back(body.code);
  }
  return scope;
}

Result<search::SearchResult> search_items(Installation& inst, const SearchQuery& query) {
  search::SearchRequest request = query.request;
  if (query.body) {
    Result<std::vector<std::string>> scope = body_scope(inst, *query.body, query.include_children);
    if (!scope) return scope.status();
    request.body_codes = std::move(*scope);
  }
  if (query.drain_first) {
    Result<DrainReport> drained = drain_outbox(inst);
    // Another process is writing the index (a drain or reindex): search what is committed.
    if (!drained && drained.status().code() != StatusCode::kConflict) return drained.status();
  }
  Result<std::unique_ptr<search::Searcher>> searcher = search::Searcher::open(search_index_dir(inst));
  if (!searcher && searcher.status().code() == StatusCode::kNotFound) {
    // No index yet (nothing was ever queued): create the empty one, so that the query is still checked.
    Result<std::unique_ptr<search::IndexWriter>> created = search::IndexWriter::open(search_index_dir(inst));
    if (!created) return created.status();
    GK_RETURN_IF_ERROR((*created)->commit());
    created->reset();
    searcher = search::Searcher::open(search_index_dir(inst));
  }
  if (!searcher) return searcher.status();
  return (*searcher)->search(request);
}

nlohmann::json search_result_json(const search::SearchResult& result, bool extended) {
  nlohmann::json hits = nlohmann::json::array();
  for (const search::SearchHit& hit : result.hits) {
    nlohmann::json h = {{"id", hit.id},
                        {"title", hit.title},
                        {"doc_number", hit.doc_number ? nlohmann::json(*hit.doc_number) : nlohmann::json()},
                        {"body", hit.body_code},
                        {"publish_date", hit.publish_date},
                        {"url", hit.url},
                        {"snippet", hit.snippet}};
    if (extended) {
      h["body_name"] = hit.body_name;
      h["kind"] = hit.kind;
      h["validity"] = hit.validity ? nlohmann::json(*hit.validity) : nlohmann::json();
    }
    hits.push_back(std::move(h));
  }
  nlohmann::json out = {{"total", result.total}, {"hits", std::move(hits)}};
  if (!extended) return out;
  out["relaxed"] = result.relaxed;
  out["suggestions"] = result.suggestions;
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [name, counts] : result.facets) {
    nlohmann::json list = nlohmann::json::array();
    for (const search::FacetCount& c : counts) list.push_back({{"value", c.value}, {"count", c.count}});
    facets[name] = std::move(list);
  }
  out["facets"] = std::move(facets);
  return out;
}

}  // namespace gongkai::services
