// The HTML templates (templates/*.mustache, compiled into the binary) and the page layout around them.
// Rendering escapes every {{value}} for HTML; only {{{raw}}} slots (sanitized content, pagers) are unescaped.
#pragma once

#include <string>

#include <kainjow/mustache.hpp>

namespace gongkai::web {

using Data = kainjow::mustache::data;

// Renders template `name` ("item" for templates/item.mustache) with `data`. Templates are parsed once per thread
// (the mustache engine keeps state while rendering, so threads do not share parsed templates). A missing or
// broken template is a bug: the result is a short error text and the problem is logged to stderr.
std::string render(const std::string& name, const Data& data);

// Returns a list value for `data`.
inline Data list() { return Data(Data::type::list); }

// Sets list `name` and the flag "has_<name>" (true when the list is not empty), which templates use to wrap a
// list in its container: {{#has_items}}<ul>{{#items}}…{{/items}}</ul>{{/has_items}}.
inline void set_list(Data& data, const std::string& name, const Data& values) {
  data.set(name, values);
  data.set("has_" + name, !values.is_empty_list());
}

}  // namespace gongkai::web
