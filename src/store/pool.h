// A small pool of open connections for servers: handlers borrow one per request instead of opening a new one.
// Thread-safe. Connections are returned on lease destruction; a connection left inside a transaction is rolled
// back first.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

class ConnectionPool {
 public:
  // `db` must outlive the pool. At most `max_idle` connections are kept open between uses.
  ConnectionPool(Database& db, size_t max_idle) : db_(db), max_idle_(max_idle) {}

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (conn_) pool_->give_back(std::move(conn_));
    }
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // An idle connection, or a new one.
  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<Connection> conn);
  Database& db_;
  size_t max_idle_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mutex_)
};

}  // namespace gongkai::store
