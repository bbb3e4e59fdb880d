// Escaping and sanitizing.
#include "web/html.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "common/html_escape.h"

namespace gongkai::web {
namespace {

constexpr std::array<std::string_view, 29> kAllowedTags = {
    "p",  "br", "div", "span", "strong", "b",  "em", "i",     "u",     "h2", "h3", "h4", "h5",  "h6", "ul",
    "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "a", "img", "hr", "sub", "sup"};
constexpr std::array<std::string_view, 9> kDroppedWithContent = {"script", "style",  "iframe", "object", "embed",
                                                                 "form",   "select", "textarea", "noscript"};
constexpr std::array<std::string_view, 6> kAllowedAttributes = {"href", "src", "alt", "title", "colspan", "rowspan"};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

bool safe_url(std::string_view url) {
  std::string u = lower(url);
  u.erase(std::remove_if(u.begin(), u.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
          u.end());
  if (u.starts_with("http://") || u.starts_with("https://") || u.starts_with("/") || u.starts_with("#")) {
    return !u.starts_with("//");
  }
  // Relative path without a scheme.
  return u.find(':') == std::string::npos;
}

struct Tag {
  std::string name;
  bool closing = false;
  std::vector<std::pair<std::string, std::string>> attributes;
};

// Parses the tag between '<' and '>' (exclusive). Returns false if it is not a tag.
bool parse_tag(std::string_view inner, Tag* tag) {
  size_t pos = 0;
  if (pos < inner.size() && inner[pos] == '/') {
    tag->closing = true;
    ++pos;
  }
  size_t start = pos;
  while (pos < inner.size() && (std::isalnum(static_cast<unsigned char>(inner[pos])))) ++pos;
  if (pos == start) return false;
  tag->name = lower(inner.substr(start, pos - start));
  while (pos < inner.size()) {
    while (pos < inner.size() && (std::isspace(static_cast<unsigned char>(inner[pos])) || inner[pos] == '/')) ++pos;
    size_t name_start = pos;
    while (pos < inner.size() && !std::isspace(static_cast<unsigned char>(inner[pos])) && inner[pos] != '=' &&
           inner[pos] != '/') {
      ++pos;
    }
    if (pos == name_start) break;
    std::string name = lower(inner.substr(name_start, pos - name_start));
    std::string value;
    while (pos < inner.size() && std::isspace(static_cast<unsigned char>(inner[pos]))) ++pos;
    if (pos < inner.size() && inner[pos] == '=') {
      ++pos;
      while (pos < inner.size() && std::isspace(static_cast<unsigned char>(inner[pos]))) ++pos;
      if (pos < inner.size() && (inner[pos] == '"' || inner[pos] == '\'')) {
        char q = inner[pos++];
        size_t end = inner.find(q, pos);
        if (end == std::string_view::npos) end = inner.size();
        value = std::string(inner.substr(pos, end - pos));
        pos = end + 1;
      } else {
        size_t end = pos;
        while (end < inner.size() && !std::isspace(static_cast<unsigned char>(inner[end]))) ++end;
        value = std::string(inner.substr(pos, end - pos));
        pos = end;
      }
    }
    tag->attributes.emplace_back(std::move(name), std::move(value));
  }
  return true;
}

// Finds the '>' that ends a tag starting at `open` ('<'), honouring quotes.
size_t tag_end(std::string_view s, size_t open) {
  char quote = 0;
  for (size_t pos = open + 1; pos < s.size(); ++pos) {
    char c = s[pos];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return pos;
    }
  }
  return std::string_view::npos;
}

bool entity_at(std::string_view s, size_t pos) {
  size_t semi = s.find(';', pos);
  if (semi == std::string_view::npos || semi - pos > 10 || semi == pos + 1) return false;
  for (size_t i = pos + 1; i < semi; ++i) {
    char c = s[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '#') return false;
  }
  return true;
}

void append_text(std::string& out, std::string_view s) {
  for (size_t pos = 0; pos < s.size(); ++pos) {
    char c = s[pos];
    if (c == '&') {
      out += entity_at(s, pos) ? "&" : "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string escape_html(std::string_view text) { return gongkai::escape_html(text); }

std::string sanitize_html(std::string_view content) {
  std::string out;
  if (content.find('<') == std::string_view::npos) {
    size_t pos = 0;
    while (pos <= content.size()) {
      size_t end = content.find('\n', pos);
      if (end == std::string_view::npos) end = content.size();
      std::string_view line = content.substr(pos, end - pos);
      if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
        out += "<p>";
        append_text(out, line);
        out += "</p>";
      }
      pos = end + 1;
    }
    return out;
  }
  size_t pos = 0;
  while (pos < content.size()) {
    size_t open = content.find('<', pos);
    if (open == std::string_view::npos) {
      append_text(out, content.substr(pos));
      break;
    }
    append_text(out, content.substr(pos, open - pos));
    // '<' not followed by a tag name, '/', '!' or '?' is text ("1 < 2").
    const char next = open + 1 < content.size() ? content[open + 1] : ' ';
    if (!std::isalpha(static_cast<unsigned char>(next)) && next != '/' && next != '!' && next != '?') {
      out += "&lt;";
      pos = open + 1;
      continue;
    }
    if (content.substr(open, 4) == "<!--") {
      size_t end = content.find("-->", open + 4);
      pos = end == std::string_view::npos ? content.size() : end + 3;
      continue;
    }
    size_t close = tag_end(content, open);
    if (close == std::string_view::npos) {
      append_text(out, content.substr(open));
      break;
    }
    Tag tag;
    if (!parse_tag(content.substr(open + 1, close - open - 1), &tag)) {
      if (content[open + 1] == '!' || content[open + 1] == '?') {
        pos = close + 1;  // doctype, processing instruction: dropped
        continue;
      }
      append_text(out, content.substr(open, close - open + 1));
      pos = close + 1;
      continue;
    }
    pos = close + 1;
    if (in(kDroppedWithContent, tag.name)) {
      if (!tag.closing) {
        const std::string closing = "</" + tag.name;
        std::string rest = lower(content.substr(pos));
        size_t end = rest.find(closing);
        if (end == std::string::npos) {
          pos = content.size();
        } else {
          size_t gt = rest.find('>', end);
          pos += (gt == std::string::npos ? rest.size() : gt + 1);
        }
      }
      continue;
    }
    if (!in(kAllowedTags, tag.name)) continue;
    if (tag.closing) {
      if (tag.name != "br" && tag.name != "img" && tag.name != "hr") out += "</" + tag.name + ">";
      continue;
    }
    out += "<" + tag.name;
    for (const auto& [name, value] : tag.attributes) {
      if (!in(kAllowedAttributes, name)) continue;
      if ((name == "href" || name == "src") && !safe_url(value)) continue;
      out += " " + name + "=\"" + escape_html(value) + "\"";
    }
    if (tag.name == "a") out += " rel=\"noopener noreferrer\"";
    out += ">";
  }
  return out;
}

std::string plain_excerpt(std::string_view html, size_t max_chars) {
  std::string text;
  bool in_tag = false, space = false;
  for (size_t pos = 0; pos < html.size(); ++pos) {
    char c = html[pos];
    if (in_tag) {
      if (c == '>') {
        in_tag = false;
        space = true;
      }
      continue;
    }
    if (c == '<') {
      in_tag = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !text.empty()) text += ' ';
    space = false;
    if (c == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&nbsp;", ' '}};
      bool decoded = false;
      for (auto [entity, ch] : kEntities) {
        if (html.substr(pos, entity.size()) == entity) {
          text += ch;
          pos += entity.size() - 1;
          decoded = true;
          break;
        }
      }
      if (decoded) continue;
    }
    text += c;
  }
  // Cut at max_chars code points.
  size_t chars = 0, byte = 0;
  while (byte < text.size() && chars < max_chars) {
    unsigned char c = static_cast<unsigned char>(text[byte]);
    byte += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  if (byte < text.size()) return text.substr(0, std::min(byte, text.size())) + "…";
  return text;
}

std::string url_encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace gongkai::web
