// HTML to text for indexing: a small tolerant scanner, not a parser (here content is indexed, not rendered).
#include "search/html_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <optional>

namespace gongkai::search {
namespace {

enum class Kind { kInline, kBlock, kSkipContent };

// Known elements by what their tags do to the text; anything else in angle brackets is text.
constexpr std::string_view kBlockElements[] = {
    "address", "article",  "aside",  "blockquote", "body",   "br",      "caption", "center", "dd",
    "div",     "dl",       "dt",     "figcaption", "figure", "footer",  "form",    "h1",     "h2",
    "h3",      "h4",       "h5",     "h6",         "header", "hr",      "html",    "li",     "main",
    "nav",     "ol",       "option", "p",          "pre",    "section", "select",  "table",  "tbody",
    "td",      "textarea", "tfoot",  "th",         "thead",  "title",   "tr",      "ul"};
constexpr std::string_view kInlineElements[] = {
    "a",     "abbr",   "audio", "b",      "big",    "button", "code",  "col",  "colgroup", "del",  "em",
    "embed", "font",   "i",     "img",    "input",  "ins",    "label", "link", "meta",     "q",    "s",
    "small", "source", "span",  "strike", "strong", "sub",    "sup",   "tt",   "u",        "video"};
// Dropped together with their content.
constexpr std::string_view kSkipContentElements[] = {"head",   "iframe", "math", "noscript", "object",
                                                     "script", "style",  "svg",  "template"};

struct NamedReference {
  std::string_view name;
  std::string_view text;
};

constexpr std::array kNamedReferences = {
    NamedReference{"amp", "&"},    NamedReference{"lt", "<"},     NamedReference{"gt", ">"},
    NamedReference{"quot", "\""},  NamedReference{"apos", "'"},   NamedReference{"nbsp", " "},
    NamedReference{"ensp", " "},   NamedReference{"emsp", " "},   NamedReference{"thinsp", " "},
    NamedReference{"ldquo", "“"},  NamedReference{"rdquo", "”"},  NamedReference{"lsquo", "‘"},
    NamedReference{"rsquo", "’"},  NamedReference{"mdash", "—"},  NamedReference{"ndash", "–"},
    NamedReference{"hellip", "…"}, NamedReference{"middot", "·"}, NamedReference{"times", "×"},
    NamedReference{"divide", "÷"}, NamedReference{"deg", "°"},    NamedReference{"yen", "¥"},
    NamedReference{"copy", "©"},   NamedReference{"reg", "®"},    NamedReference{"laquo", "«"},
    NamedReference{"raquo", "»"},  NamedReference{"bull", "•"},
};

template <size_t N>
bool listed(std::string_view name, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

// The kind of element `name` (lower case), or nullopt for a name that is not a known element.
std::optional<Kind> element_kind(std::string_view name) {
  if (listed(name, kBlockElements)) return Kind::kBlock;
  if (listed(name, kInlineElements)) return Kind::kInline;
  if (listed(name, kSkipContentElements)) return Kind::kSkipContent;
  return std::nullopt;
}

bool is_alpha(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void append_utf8(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = ' ';
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the character reference at text[pos] == '&'; appends its text and returns the length consumed, or 0
// if it is not one (the '&' is then literal).
size_t decode_reference(std::string_view text, size_t pos, std::string* out) {
  const size_t semicolon = text.find(';', pos);
  if (semicolon == std::string_view::npos || semicolon - pos > 12) return 0;
  std::string_view body = text.substr(pos + 1, semicolon - pos - 1);
  if (body.size() >= 2 && body[0] == '#') {
    const bool hex = body[1] == 'x' || body[1] == 'X';
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return 0;
    uint32_t cp = 0;
    for (char c : digits) {
      const bool ok = hex ? std::isxdigit(static_cast<unsigned char>(c)) != 0 : (c >= '0' && c <= '9');
      if (!ok) return 0;
      const uint32_t digit =
          c <= '9' ? static_cast<uint32_t>(c - '0') : static_cast<uint32_t>((c | 0x20) - 'a' + 10);
      cp = cp * (hex ? 16 : 10) + digit;
    }
    append_utf8(cp, out);
    return semicolon - pos + 1;
  }
  for (const NamedReference& ref : kNamedReferences) {
    if (ref.name == body) {
      out->append(ref.text);
      return semicolon - pos + 1;
    }
  }
  return 0;
}

// Position just past the '>' closing the tag that starts at `pos`, honouring quoted attribute values; npos if
// the tag never closes.
size_t tag_end(std::string_view text, size_t pos) {
  char quote = 0;
  for (size_t offset = pos + 1; offset < text.size(); ++offset) {
    const char c = text[offset];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    if (c == '>') return offset + 1;
  }
  return std::string_view::npos;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Position after the closing tag </name ...> at or after `pos`, or text.size() if there is none.
size_t skip_to_close(std::string_view text, size_t pos, std::string_view name) {
  for (;;) {
    const size_t lt = text.find("</", pos);
    if (lt == std::string_view::npos) return text.size();
    if (lower(text.substr(lt + 2, name.size())) == name) {
      const size_t after_name = lt + 2 + name.size();
      if (after_name >= text.size() || !is_alnum(text[after_name])) {
        const size_t end = tag_end(text, lt);
        return end == std::string_view::npos ? text.size() : end;
      }
    }
    pos = lt + 2;
  }
}

// Appends `raw` with white space runs collapsed into `out`.
class Collapser {
 public:
  explicit Collapser(std::string* out) : out_(out) {}
  void text(std::string_view s) {
    for (char c : s) {
      if (is_space(c)) {
        pending_ = pending_ == '\n' || c == '\n' ? '\n' : ' ';
        continue;
      }
      flush();
      out_->push_back(c);
    }
  }
  void line_break() { pending_ = '\n'; }

 private:
  void flush() {
    if (pending_ != 0 && !out_->empty()) out_->push_back(pending_);
    pending_ = 0;
  }
  std::string* out_;
  char pending_ = 0;
};

}  // namespace

std::string html_to_text(std::string_view content) {
  std::string out;
  out.reserve(content.size());
  Collapser collapse(&out);
  size_t pos = 0;
  while (pos < content.size()) {
    const size_t special = content.find_first_of("<&", pos);
    collapse.text(
        content.substr(pos, special == std::string_view::npos ? std::string_view::npos : special - pos));
    if (special == std::string_view::npos) break;
    pos = special;
    if (content[pos] == '&') {
      std::string decoded;
      const size_t used = decode_reference(content, pos, &decoded);
      collapse.text(used == 0 ? "&" : decoded);
      pos += used == 0 ? 1 : used;
      continue;
    }
    // '<': a comment, a declaration, or a tag of a known element; anything else is a literal '<'.
    if (content.substr(pos, 4) == "<!--") {
      const size_t end = content.find("-->", pos + 4);
      pos = end == std::string_view::npos ? content.size() : end + 3;
      continue;
    }
    if (content.substr(pos, 2) == "<!" || content.substr(pos, 2) == "<?") {
      const size_t end = content.find('>', pos);
      pos = end == std::string_view::npos ? content.size() : end + 1;
      continue;
    }
    const bool closing = pos + 1 < content.size() && content[pos + 1] == '/';
    size_t name_begin = pos + (closing ? 2 : 1);
    size_t name_end = name_begin;
    while (name_end < content.size() && is_alnum(content[name_end])) ++name_end;
    const std::string name = lower(content.substr(name_begin, name_end - name_begin));
    const std::optional<Kind> kind =
        name_end > name_begin && is_alpha(content[name_begin]) ? element_kind(name) : std::nullopt;
    const size_t end = kind ? tag_end(content, pos) : std::string_view::npos;
    if (!kind || end == std::string_view::npos) {
      collapse.text("<");
      ++pos;
      continue;
    }
    pos = end;
    if (*kind == Kind::kBlock) collapse.line_break();
    if (*kind == Kind::kSkipContent && !closing && content[end - 2] != '/') {
      pos = skip_to_close(content, pos, name);
      collapse.line_break();
    }
  }
  return out;
}

}  // namespace gongkai::search
