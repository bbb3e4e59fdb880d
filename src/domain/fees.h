// 信息处理费: the processing fee a body may charge when applications clearly exceed a reasonable number or volume
// (条例 Art. 42; 《政府信息公开信息处理费管理办法》 国办函〔2020〕109号). Both scales are excess-progressive: each
// band's units are charged at that band's own rate. Money is whole yuan.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "common/status.h"

namespace gongkai::domain {

using Yuan = int64_t;

// How one application is charged. 109号 allows 按件 or 按量, never both for one application.
enum class FeeMethod {
  kNone,            // free (the normal case)
  kPerApplication,  // 按件计收: by the applicant's cumulative count of applications in the calendar month
  kPerPage,         // 按量计收: by pages (paper copies, e-mail or copied electronic data)
};

// One band of a scale: units first..last (nullopt = no upper end) each cost yuan_per_unit.
struct FeeBand {
  int64_t first;
  std::optional<int64_t> last;
  Yuan yuan_per_unit;
};

// The per-application scale beyond its table: from `first`, bands of `width` units, the first at `start_yuan`,
// each next band `step_yuan` more (109号: from the 31st, bands of 10, 200, 300, …).
struct ProgressiveTail {
  int64_t first;
  int64_t width;
  Yuan start_yuan;
  Yuan step_yuan;
};

// The rule values, in one place (fees.cpp cites the source).
std::span<const FeeBand> per_application_bands();  // 1-10 free, 11-30 100元/件
const ProgressiveTail& per_application_tail();      // 31-40 200元/件, 41-50 300元/件, …
std::span<const FeeBand> per_page_bands();          // ≤30 free, 31-100 10元/页, 101-200 20元/页, ≥201 40元/页

// Inputs above this are refused as absurd (they would be a data error, not a real month or a real copy job).
inline constexpr int64_t kMaxFeeUnits = 1'000'000;

// The fee of the applicant's `nth` application of the calendar month (1-based). Fails (invalid) for nth < 1 or
// nth > kMaxFeeUnits.
Result<Yuan> application_fee(int64_t nth);
// The total fee of `count` applications by one applicant in one month (0 for 0): 35 ⇒ 20×100 + 5×200 = 3000.
// Fails (invalid) for count < 0 or count > kMaxFeeUnits.
Result<Yuan> applications_total_fee(int64_t count);
// The fee for `pages` pages of one application, each band at its own rate: 31 ⇒ 10, 101 ⇒ 700 + 20 = 720.
// Fails (invalid) for pages < 0 or pages > kMaxFeeUnits.
Result<Yuan> page_fee(int64_t pages);

// The fee of one application under `method`: `units` is the application's ordinal in the applicant's month for
// kPerApplication, its page count for kPerPage, and ignored for kNone (0 yuan).
Result<Yuan> fee_for(FeeMethod method, int64_t units);

// "none", "per_application", "per_page" and back; nullopt for an unknown code.
std::string_view fee_method_code(FeeMethod method);
std::optional<FeeMethod> parse_fee_method(std::string_view code);

}  // namespace gongkai::domain
