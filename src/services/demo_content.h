// Text material of the demo county 示例县: body names and title/body templates of real county item types, so that
// generated items read like a county portal's (not lorem ipsum). Pure data and string filling; no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::services::demo {

// Deterministic pseudo-random numbers (SplitMix64): the same seed gives the same county on every machine.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next();
  // Uniform in [0, n); n > 0.
  uint64_t below(uint64_t n) { return next() % n; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  uint64_t state_;
};

struct BodyDef {
  std::string_view code;
  std::string_view name;
  std::string_view short_name;  // used inside titles, e.g. 县教育局 / 城关镇
  std::string_view type;
  std::string_view index_prefix;
  int weight;                   // share of the county's publishing volume
};

// The county government, its office, 17 departments and 19 townships, in that order.
const std::vector<BodyDef>& bodies();

// Titles and bodies. `place` is a body's short name, `topic` a subject phrase; the text is filled with them and
// with random details drawn from `rng`.
struct Text {
  std::string title;
  std::string content;
  std::string subject;  // 主题分类
};

// The own fields (domain/kind_fields.h) of a demo item of a decision-making openness kind, derived from its
// date, serial, body and title without drawing from the random stream (so adding them changed no other text);
// empty for other kinds.
std::map<std::string, std::string> kind_facts(std::string_view kind, const std::string& date, int serial,
                                              std::string_view body_name, const std::string& title);

Text news(Rng& rng, std::string_view place, std::string_view date_cn);
Text notice(Rng& rng, std::string_view place, std::string_view date_cn);
Text key_area(Rng& rng, std::string_view place, std::string_view date_cn);
Text emergency(Rng& rng, std::string_view place, std::string_view date_cn);
Text statutory(Rng& rng, std::string_view place, std::string_view date_cn, std::string_view kind, int year);
Text short_post(Rng& rng, std::string_view place, std::string_view date_cn);  // Weibo / WeChat
Text document(Rng& rng, std::string_view issuer, int year, bool normative);
Text interpretation(std::string_view document_title, std::string_view doc_number);
Text exec_meeting(int year, int session, std::string_view date_cn, Rng& rng);
Text consultation(Rng& rng, std::string_view place, int year);
Text survey(Rng& rng, int year);
Text npc_result(Rng& rng, std::string_view place, int year, int serial, bool cppcc);
Text press_conference(Rng& rng, int year, int serial);
Text interview(Rng& rng, std::string_view place, int year);
Text annual_report(std::string_view body_name, int report_year);

// "2020年3月5日" for a YYYY-MM-DD date.
std::string chinese_date(std::string_view iso_date);

}  // namespace gongkai::services::demo
