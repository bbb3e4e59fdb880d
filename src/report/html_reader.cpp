// HTML → Document with gumbo (see html_reader.h). Gumbo never throws; its tree is walked with a depth limit.
#include "report/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <memory>

namespace gongkai::report {
namespace {

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
    case GUMBO_TAG_H6: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_PRE: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_FORM: case GUMBO_TAG_BODY:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_MAIN: case GUMBO_TAG_NAV: case GUMBO_TAG_BR:
    case GUMBO_TAG_HR: case GUMBO_TAG_CAPTION: case GUMBO_TAG_ASIDE:
      return true;
    default:
      return false;
  }
}

bool is_skipped(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_IFRAME || tag == GUMBO_TAG_SELECT;
}

int span_attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&element.attributes, name);
  if (!attr) return 1;
  const int v = std::atoi(attr->value);
  return v < 1 ? 1 : v;
}

class Walker {
 public:
  explicit Walker(Document& doc) : doc_(doc) {}

  Status walk(const GumboNode* node, int depth) {
    if (depth > kMaxNesting)
      return Status::invalid("the HTML nests elements deeper than " + std::to_string(kMaxNesting) + " levels");
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      paragraph_ += node->v.text.text;
      return Status::ok();
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE && node->type != GUMBO_NODE_DOCUMENT)
      return Status::ok();
    const GumboVector* children =
        node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children : &node->v.element.children;
    if (node->type != GUMBO_NODE_DOCUMENT) {
      const GumboTag tag = node->v.element.tag;
      if (tag == GUMBO_TAG_HEAD) {
        find_title(node, depth);
        return Status::ok();
      }
      if (is_skipped(tag)) return Status::ok();
      if (tag == GUMBO_TAG_TABLE) {
        bool nested = false;
        GK_RETURN_IF_ERROR(contains_table(node, depth, nested));
        if (!nested) return read_table(node, depth);
      }
      if (is_block(tag)) flush();
    }
    for (unsigned idx = 0; idx < children->length; ++idx)
      GK_RETURN_IF_ERROR(walk(static_cast<const GumboNode*>(children->data[idx]), depth + 1));
    if (node->type != GUMBO_NODE_DOCUMENT && is_block(node->v.element.tag)) flush();
    return Status::ok();
  }

  void flush() {
    if (paragraph_.find_first_not_of(" \t\r\n") != std::string::npos) {
      DocumentBlock block;
      block.text = std::move(paragraph_);
      doc_.blocks.push_back(std::move(block));
    }
    paragraph_.clear();
  }

 private:
  void find_title(const GumboNode* node, int depth) {
    if (depth > kMaxNesting || node->type != GUMBO_NODE_ELEMENT) return;
    if (node->v.element.tag == GUMBO_TAG_TITLE) {
      doc_.title = text_of(node, depth);
      return;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned idx = 0; idx < children.length; ++idx)
      find_title(static_cast<const GumboNode*>(children.data[idx]), depth + 1);
  }

  // The text under `node`, block boundaries as spaces, runs of ASCII whitespace collapsed to one space, trimmed.
  static std::string text_of(const GumboNode* node, int depth) {
    std::string raw;
    append_text(node, depth, raw);
    std::string out;
    for (char c : raw) {
      const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
      if (space && (out.empty() || out.back() == ' ')) continue;
      out += space ? ' ' : c;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
  static void append_text(const GumboNode* node, int depth, std::string& out) {
    if (depth > kMaxNesting) return;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      out += node->v.text.text;
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    if (is_skipped(node->v.element.tag)) return;
    const bool block = is_block(node->v.element.tag);
    if (block) out += ' ';
    const GumboVector& children = node->v.element.children;
    for (unsigned idx = 0; idx < children.length; ++idx)
      append_text(static_cast<const GumboNode*>(children.data[idx]), depth + 1, out);
    if (block) out += ' ';
  }

  static Status contains_table(const GumboNode* node, int depth, bool& found) {
    if (depth > kMaxNesting)
      return Status::invalid("the HTML nests elements deeper than " + std::to_string(kMaxNesting) + " levels");
    if (node->type != GUMBO_NODE_ELEMENT) return Status::ok();
    const GumboVector& children = node->v.element.children;
    for (unsigned idx = 0; idx < children.length && !found; ++idx) {
      const auto* child = static_cast<const GumboNode*>(children.data[idx]);
      if (child->type != GUMBO_NODE_ELEMENT) continue;
      if (child->v.element.tag == GUMBO_TAG_TABLE) {
        found = true;
        return Status::ok();
      }
      GK_RETURN_IF_ERROR(contains_table(child, depth + 1, found));
    }
    return Status::ok();
  }

  // Collects the <tr> under a table (through thead/tbody/tfoot) into span rows.
  static void collect_rows(const GumboNode* node, int depth, std::vector<std::vector<SpanCell>>& rows) {
    if (depth > kMaxNesting || node->type != GUMBO_NODE_ELEMENT) return;
    const GumboVector& children = node->v.element.children;
    for (unsigned idx = 0; idx < children.length; ++idx) {
      const auto* child = static_cast<const GumboNode*>(children.data[idx]);
      if (child->type != GUMBO_NODE_ELEMENT) continue;
      const GumboTag tag = child->v.element.tag;
      if (tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_TFOOT) {
        collect_rows(child, depth + 1, rows);
        continue;
      }
      if (tag != GUMBO_TAG_TR) continue;
      std::vector<SpanCell> cells;
      const GumboVector& tds = child->v.element.children;
      for (unsigned cell_idx = 0; cell_idx < tds.length; ++cell_idx) {
        const auto* td = static_cast<const GumboNode*>(tds.data[cell_idx]);
        if (td->type != GUMBO_NODE_ELEMENT) continue;
        if (td->v.element.tag != GUMBO_TAG_TD && td->v.element.tag != GUMBO_TAG_TH) continue;
        cells.push_back({text_of(td, depth + 2), span_attribute(td->v.element, "rowspan"),
                         span_attribute(td->v.element, "colspan")});
      }
      rows.push_back(std::move(cells));
    }
  }

  Status read_table(const GumboNode* table, int depth) {
    std::vector<std::vector<SpanCell>> rows;
    collect_rows(table, depth, rows);
    flush();
    if (rows.size() < 2) {
      // A one-row table is layout: keep its text.
      paragraph_ = text_of(table, depth);
      flush();
      return Status::ok();
    }
    Result<Grid> grid = expand_spans(rows);
    if (!grid) return grid.status();
    DocumentBlock block;
    block.kind = DocumentBlock::Kind::kGrid;
    block.grid = std::move(*grid);
    doc_.blocks.push_back(std::move(block));
    return Status::ok();
  }

  Document& doc_;
  std::string paragraph_;
};

// Elements that close themselves or whose end tag is optional: they do not deepen the tree reliably.
bool counts_for_nesting(std::string_view tag) {
  for (std::string_view t : {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param",
                             "source", "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup",
                             "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp", "html", "head",
                             "body"})
    if (tag == t) return false;
  return true;
}

// An upper estimate of the element nesting of `html` from its tags alone, stopping once it passes `limit`. Gumbo
// needs time quadratic in the depth of a deeply nested page, so such a page is refused before it is parsed.
int estimate_nesting(std::string_view html, int limit) {
  int depth = 0, deepest = 0;
  for (size_t pos = html.find('<'); pos != std::string_view::npos && deepest <= limit; pos = html.find('<', pos + 1)) {
    if (html.compare(pos, 4, "<!--") == 0) {
      const size_t end = html.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end;
      continue;
    }
    const bool closing = pos + 1 < html.size() && html[pos + 1] == '/';
    size_t name_start = pos + (closing ? 2 : 1);
    size_t name_end = name_start;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
    if (name_end == name_start) continue;
    std::string tag(html.substr(name_start, name_end - name_start));
    for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t close = html.find('>', name_end);
    if (close == std::string_view::npos) break;
    if (!counts_for_nesting(tag)) continue;
    if (closing) {
      if (depth > 0) --depth;
      continue;
    }
    if (html[close - 1] == '/') continue;  // <x/>
    if (tag == "script" || tag == "style") {
      const size_t end = html.find("</", close);
      if (end == std::string_view::npos) break;
      pos = end - 1;
      continue;
    }
    deepest = std::max(deepest, ++depth);
  }
  return deepest;
}

struct OutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

}  // namespace

Result<Document> read_html(std::string_view html) {
  if (html.size() > static_cast<size_t>(0x7FFFFFFF)) return Status::invalid("the HTML is too large");
  // 4×: the estimate ignores implicit closings, so a sloppy but shallow page must not trip it.
  if (estimate_nesting(html, 4 * kMaxNesting) > 4 * kMaxNesting)
    return Status::invalid("the HTML nests elements deeper than " + std::to_string(kMaxNesting) + " levels");
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  if (!output) return Status::invalid("the HTML could not be parsed");
  Document doc;
  Walker walker(doc);
  Status s = walker.walk(output->document, 0);
  if (!s.is_ok()) return s;
  walker.flush();
  return doc;
}

}  // namespace gongkai::report
