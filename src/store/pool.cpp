// Connection pool.
#include "store/pool.h"

namespace gongkai::store {

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
  }
  Result<std::unique_ptr<Connection>> conn = db_.connect();
  if (!conn) return conn.status();
  return Lease(this, std::move(*conn));
}

void ConnectionPool::give_back(std::unique_ptr<Connection> conn) {
  if (conn->in_transaction()) (void)conn->rollback();
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(conn));
}

}  // namespace gongkai::store
