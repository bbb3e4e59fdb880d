// Fee scales of 国办函〔2020〕109号 《政府信息公开信息处理费管理办法》 (按件计收, 按量计收), as tables.
#include "domain/fees.h"

#include <algorithm>
#include <string>

namespace gongkai::domain {
namespace {

// 109号 按件计收: same applicant, one calendar month, cumulative; 1-10 件 free; 11-30 件 100元/件;
// 31 件 and more: every further 10 件 the rate rises by 100元/件 (31-40: 200, 41-50: 300, …).
constexpr FeeBand kPerApplication[] = {
    {1, 10, 0},
    {11, 30, 100},
};
constexpr ProgressiveTail kPerApplicationTail = {31, 10, 200, 100};

// 109号 按量计收: one application; ≤30 页 free; 31-100 页 10元/页; 101-200 页 20元/页; ≥201 页 40元/页.
constexpr FeeBand kPerPage[] = {
    {1, 30, 0},
    {31, 100, 10},
    {101, 200, 20},
    {201, std::nullopt, 40},
};

Status check_units(int64_t units, int64_t minimum, const char* what) {
  if (units < minimum || units > kMaxFeeUnits) {
    return Status::invalid(std::string(what) + " " + std::to_string(units) + " is out of range (" +
                           std::to_string(minimum) + "-" + std::to_string(kMaxFeeUnits) + ")");
  }
  return Status::ok();
}

// Units 1..n charged band by band.
Yuan banded_total(std::span<const FeeBand> bands, int64_t n) {
  Yuan total = 0;
  for (const FeeBand& b : bands) {
    const int64_t last = std::min(n, b.last.value_or(n));
    if (last >= b.first) total += (last - b.first + 1) * b.yuan_per_unit;
  }
  return total;
}

Yuan tail_total(const ProgressiveTail& tail, int64_t n) {
  Yuan total = 0;
  Yuan rate = tail.start_yuan;
  for (int64_t first = tail.first; first <= n; first += tail.width, rate += tail.step_yuan) {
    total += (std::min(n, first + tail.width - 1) - first + 1) * rate;
  }
  return total;
}

}  // namespace

std::span<const FeeBand> per_application_bands() { return kPerApplication; }
const ProgressiveTail& per_application_tail() { return kPerApplicationTail; }
std::span<const FeeBand> per_page_bands() { return kPerPage; }

Result<Yuan> applications_total_fee(int64_t count) {
  GK_RETURN_IF_ERROR(check_units(count, 0, "application count"));
  return banded_total(kPerApplication, count) + tail_total(kPerApplicationTail, count);
}

Result<Yuan> application_fee(int64_t nth) {
  GK_RETURN_IF_ERROR(check_units(nth, 1, "application number"));
  return *applications_total_fee(nth) - *applications_total_fee(nth - 1);
}

Result<Yuan> page_fee(int64_t pages) {
  GK_RETURN_IF_ERROR(check_units(pages, 0, "page count"));
  return banded_total(kPerPage, pages);
}

Result<Yuan> fee_for(FeeMethod method, int64_t units) {
  switch (method) {
    case FeeMethod::kNone: return Yuan{0};
    case FeeMethod::kPerApplication: return application_fee(units);
    case FeeMethod::kPerPage: return page_fee(units);
  }
  return Status::internal("unknown fee method");
}

std::string_view fee_method_code(FeeMethod method) {
  switch (method) {
    case FeeMethod::kNone: return "none";
    case FeeMethod::kPerApplication: return "per_application";
    case FeeMethod::kPerPage: return "per_page";
  }
  return "none";
}

std::optional<FeeMethod> parse_fee_method(std::string_view code) {
  for (FeeMethod m : {FeeMethod::kNone, FeeMethod::kPerApplication, FeeMethod::kPerPage}) {
    if (fee_method_code(m) == code) return m;
  }
  return std::nullopt;
}

}  // namespace gongkai::domain
