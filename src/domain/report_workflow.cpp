// Report versions: the transition table and the Art. 49 deadlines.
#include "domain/report_workflow.h"

namespace gongkai::domain {
namespace {

struct Move {
  std::string_view from, action, to;
};
constexpr Move kMoves[] = {
    {"draft", "submit", "submitted"},     {"draft", "approve", "approved"},
    {"submitted", "return", "returned"},  {"submitted", "approve", "approved"},
    {"approved", "publish", "published"},
};

}  // namespace

std::optional<std::string_view> report_version_move(std::string_view state, std::string_view action) {
  for (const Move& m : kMoves)
    if (m.from == state && m.action == action) return m.to;
  return std::nullopt;
}

std::string report_deadline(std::string_view body_type, int year) {
  // 条例 Art. 49: 县级以上人民政府部门 … 每年1月31日前 …；县级以上地方人民政府 … 每年3月31日前.
  return std::to_string(year + 1) + (body_type == "government" ? "-03-31" : "-01-31");
}

}  // namespace gongkai::domain
