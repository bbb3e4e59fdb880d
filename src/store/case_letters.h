// Repository of case letters (migration 010): every saved version of every notice and reply letter of a case,
// append-only. Only SQL lives here; the wording is domain/letters, the rules services/case_letters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace gongkai::store {

struct CaseLetterRow {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string kind;
  int64_t version = 0;  // assigned by insert_case_letter
  std::string title, body;
  bool sent = false;
  std::optional<std::string> sent_on;
  std::string author;
  std::string created_at;
};

// Inserts `row` as the next version of (application, kind) and returns that version.
Result<int64_t> insert_case_letter(Connection& conn, const CaseLetterRow& row);
// Every version of every letter of an application, by kind then version.
Result<std::vector<CaseLetterRow>> list_case_letters(Connection& conn, int64_t application_id);

}  // namespace gongkai::store
