// Status and Result<T>: expected failures as values (STYLE.md habit 3). Exceptions stay at the edges.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gongkai {

// What kind of failure; maps onto the CLI exit codes of spec/contracts.md (invalid -> 2, internal/io -> 3).
enum class StatusCode {
  kOk = 0,
  kInvalid,    // bad input or usage: the message says what and where
  kNotFound,   // a named thing does not exist
  kConflict,   // a uniqueness or state rule refused the change
  kIo,         // file system or network trouble
  kInternal,   // a bug or an environment fault (database unavailable, ...)
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status ok() { return Status(); }
  static Status invalid(std::string msg) { return Status(StatusCode::kInvalid, std::move(msg)); }
  static Status not_found(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
  static Status conflict(std::string msg) { return Status(StatusCode::kConflict, std::move(msg)); }
  static Status io(std::string msg) { return Status(StatusCode::kIo, std::move(msg)); }
  static Status internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "<context>: <message>"; OK stays OK.
  Status with_context(const std::string& context) const {
    if (is_ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).is_ok() && "Result built from an OK status carries no value");
  }

  bool is_ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return is_ok(); }

  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::get<T>(std::move(data_)); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // The failure; OK when a value is held. The reference lives as long as this Result.
  const Status& status() const {
    static const Status kOkStatus;
    return is_ok() ? kOkStatus : std::get<Status>(data_);
  }

 private:
  std::variant<T, Status> data_;
};

}  // namespace gongkai

// Flat ladders: return the status of an expression if it failed.
#define GK_RETURN_IF_ERROR(expr)          \
  do {                                    \
    ::gongkai::Status gk_status_ = (expr); \
    if (!gk_status_.is_ok()) return gk_status_; \
  } while (0)
