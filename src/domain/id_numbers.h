// Checks and display masks for the identity numbers applicants give (条例 Art. 29 身份证明): the mainland resident
// ID number (GB 11643-1999) and the 统一社会信用代码 of organisations (GB 32100-2015). A forged or mistyped number
// is caught before it is stored; only the masked form is shown to people who do not need the whole number.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/date.h"

namespace gongkai::domain {

// GB 11643-1999: 17 digits and a check character (0-9 or X; a lowercase x is accepted). Positions 7-14 are the
// birth date, which must be a real date not after `today`. On success returns the number normalised (upper-case
// X); otherwise an invalid status naming the problem: the length, the character at position N (1-based), the
// impossible birth date, or "checksum: expected X, found Y".
Result<std::string> normalize_resident_id(std::string_view text, Date today);
Status check_resident_id(std::string_view text, Date today);

// GB 32100-2015: 18 characters from 0-9 and A-H J-N P-R T U W-Y (no I O S V Z); the 18th is the check character.
// Lowercase letters are accepted and normalised to upper case. Failure messages as for resident IDs.
Result<std::string> normalize_credit_code(std::string_view text);
Status check_credit_code(std::string_view text);

// The number for display: the first 6 and last 4 characters kept, the rest '*' ("330522********123X"). Text
// shorter than 11 characters or not plain ASCII is masked entirely, so a malformed number never leaks.
std::string mask_resident_id(std::string_view id);
std::string mask_credit_code(std::string_view code);

}  // namespace gongkai::domain
