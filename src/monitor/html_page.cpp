// HTML page reading with gumbo.
#include "monitor/html_page.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "domain/text_dates.h"
#include "io/text_encoding.h"

namespace gongkai::monitor {

namespace {

constexpr int kMaxDepth = 400;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const char* attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

void append_collapsed(std::string& out, std::string_view text) {
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    out.push_back(c);
  }
}

// Visible text of a subtree.
void text_of(const GumboNode* node, std::string& out, int depth) {
  if (depth > kMaxDepth) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    append_collapsed(out, node->v.text.text);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT || tag == GUMBO_TAG_TEMPLATE) {
    return;
  }
  const bool block = tag != GUMBO_TAG_A && tag != GUMBO_TAG_SPAN && tag != GUMBO_TAG_B && tag != GUMBO_TAG_STRONG &&
                     tag != GUMBO_TAG_EM && tag != GUMBO_TAG_I && tag != GUMBO_TAG_FONT;
  if (block && !out.empty() && out.back() != ' ') out.push_back(' ');
  const GumboVector& children = node->v.element.children;
  for (unsigned idx = 0; idx < children.length; ++idx) {
    text_of(static_cast<const GumboNode*>(children.data[idx]), out, depth + 1);
  }
  if (block && !out.empty() && out.back() != ' ') out.push_back(' ');
}

const GumboNode* find_first(const GumboNode* node, GumboTag tag, int depth) {
  if (depth > kMaxDepth || node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == tag) return node;
  const GumboVector& children = node->v.element.children;
  for (unsigned idx = 0; idx < children.length; ++idx) {
    if (const GumboNode* hit = find_first(static_cast<const GumboNode*>(children.data[idx]), tag, depth + 1)) return hit;
  }
  return nullptr;
}

struct Walker {
  HtmlPage& page;
  std::optional<domain::Date> meta_date;
  std::optional<domain::Date> time_date;

  // Whole document: links, meta, title, charset.
  void scan(const GumboNode* node, int depth, bool in_entry) {
    if (depth > kMaxDepth || node->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& e = node->v.element;
    if (e.tag == GUMBO_TAG_A) {
      if (const char* href = attr(e, "href")) {
        PageLink link{href, ""};
        text_of(node, link.text, depth);
        page.links.push_back(std::move(link));
      }
    } else if (e.tag == GUMBO_TAG_META) {
      const char* name = attr(e, "name");
      if (!name) name = attr(e, "property");
      const char* content = attr(e, "content");
      if (name && content) {
        const std::string n = lower(name);
        if ((n == "pubdate" || n == "publishdate" || n == "article:published_time") && !meta_date) {
          meta_date = domain::latest_date(content);
        }
      }
      if (const char* cs = attr(e, "charset")) page.declared_charset = lower(cs);
      const char* equiv = attr(e, "http-equiv");
      if (equiv && content && lower(equiv) == "content-type" && page.declared_charset.empty()) {
        page.declared_charset = charset_of(content);
      }
    } else if (e.tag == GUMBO_TAG_TITLE && page.title.empty()) {
      text_of(node, page.title, depth);
    } else if (e.tag == GUMBO_TAG_TIME && !in_entry && !time_date) {
      if (const char* dt = attr(e, "datetime")) time_date = domain::latest_date(dt);
    }
    const bool entry = in_entry || e.tag == GUMBO_TAG_LI || e.tag == GUMBO_TAG_TR || e.tag == GUMBO_TAG_DD;
    for (unsigned idx = 0; idx < e.children.length; ++idx) {
      scan(static_cast<const GumboNode*>(e.children.data[idx]), depth + 1, entry);
    }
  }

  static bool has_entry_below(const GumboNode* node, int depth) {
    if (depth > kMaxDepth || node->type != GUMBO_NODE_ELEMENT) return false;
    const GumboElement& e = node->v.element;
    for (unsigned idx = 0; idx < e.children.length; ++idx) {
      const GumboNode* c = static_cast<const GumboNode*>(e.children.data[idx]);
      if (c->type != GUMBO_NODE_ELEMENT) continue;
      const GumboTag t = c->v.element.tag;
      if ((t == GUMBO_TAG_LI || t == GUMBO_TAG_TR || t == GUMBO_TAG_DD) && find_first(c, GUMBO_TAG_A, depth + 1)) {
        return true;
      }
      if (has_entry_below(c, depth + 1)) return true;
    }
    return false;
  }

  // Listing entries inside the content region.
  void entries(const GumboNode* node, int depth) {
    if (depth > kMaxDepth || node->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& e = node->v.element;
    if (e.tag == GUMBO_TAG_NAV || e.tag == GUMBO_TAG_HEADER || e.tag == GUMBO_TAG_FOOTER || e.tag == GUMBO_TAG_ASIDE ||
        e.tag == GUMBO_TAG_SCRIPT || e.tag == GUMBO_TAG_STYLE || e.tag == GUMBO_TAG_FORM) {
      return;
    }
    const bool container = e.tag == GUMBO_TAG_LI || e.tag == GUMBO_TAG_TR || e.tag == GUMBO_TAG_DD;
    if (container && !has_entry_below(node, depth)) {
      const GumboNode* a = find_first(node, GUMBO_TAG_A, depth);
      if (a && attr(a->v.element, "href")) {
        ListingEntry entry;
        entry.href = attr(a->v.element, "href");
        text_of(a, entry.title, depth);
        std::string text;
        text_of(node, text, depth);
        entry.date = domain::latest_date(text);
        entry.dates = domain::find_dates(text);
        for (const char* pending : {"未回复", "待回复", "未答复", "待答复", "办理中", "正在办理"}) {
          if (text.find(pending) != std::string::npos) entry.awaiting_reply = true;
        }
        if (!entry.date) {
          if (const GumboNode* t = find_first(node, GUMBO_TAG_TIME, depth)) {
            if (const char* dt = attr(t->v.element, "datetime")) entry.date = domain::latest_date(dt);
          }
        }
        page.entries.push_back(std::move(entry));
      }
      return;
    }
    for (unsigned idx = 0; idx < e.children.length; ++idx) {
      entries(static_cast<const GumboNode*>(e.children.data[idx]), depth + 1);
    }
  }
};

// The date right after a label such as 发布日期 in the text.
std::optional<domain::Date> labelled_date(const std::string& text) {
  for (std::string_view label : {"发布日期", "发布时间", "日期", "时间"}) {
    size_t at = 0;
    while ((at = text.find(label, at)) != std::string::npos) {
      at += label.size();
      const std::string_view tail = std::string_view(text).substr(at, 40);
      std::vector<domain::Date> dates = domain::find_dates(tail);
      if (!dates.empty()) return dates.front();
    }
  }
  return std::nullopt;
}

}  // namespace

HtmlPage parse_html(std::string_view utf8_html) {
  HtmlPage page;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out(
      gumbo_parse_with_options(&kGumboDefaultOptions, utf8_html.data(), utf8_html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  Walker w{page, std::nullopt, std::nullopt};
  w.scan(out->root, 0, false);
  const GumboNode* region = find_first(out->root, GUMBO_TAG_MAIN, 0);
  if (!region) region = find_first(out->root, GUMBO_TAG_BODY, 0);
  if (region) {
    w.entries(region, 0);
    text_of(find_first(out->root, GUMBO_TAG_BODY, 0) ? find_first(out->root, GUMBO_TAG_BODY, 0) : region, page.text, 0);
  }
  while (!page.text.empty() && page.text.back() == ' ') page.text.pop_back();
  if (!page.text.empty() && page.text.front() == ' ') page.text.erase(0, 1);
  while (!page.title.empty() && page.title.back() == ' ') page.title.pop_back();
  if (!page.title.empty() && page.title.front() == ' ') page.title.erase(0, 1);
  page.publication_date = w.meta_date ? w.meta_date : labelled_date(page.text);
  if (!page.publication_date) page.publication_date = w.time_date;
  return page;
}

std::string charset_of(std::string_view content_type) {
  const std::string lowered = lower(std::string(content_type));
  const size_t at = lowered.find("charset=");
  if (at == std::string::npos) return "";
  std::string cs = lowered.substr(at + 8);
  if (!cs.empty() && (cs.front() == '"' || cs.front() == '\'')) cs.erase(0, 1);
  const size_t end = cs.find_first_of("; \"'");
  if (end != std::string::npos) cs.resize(end);
  return cs;
}

std::string decode_page(std::string_view bytes, std::string_view content_type) {
  (void)content_type;  // decode_to_utf8 detects: UTF-8 stays, GBK/GB18030 converts
  Result<io::DecodedText> decoded = io::decode_to_utf8(bytes, "page");
  if (decoded) return std::move(decoded->utf8);
  return std::string(bytes);
}

}  // namespace gongkai::monitor
