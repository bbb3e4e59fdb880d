// Template registry: parsed lazily per thread from the embedded sources.
#include "web/templates.h"

#include <cstdio>
#include <map>
#include <memory>

#include "common/embedded.h"

namespace gongkai::web {

std::string render(const std::string& name, const Data& data) {
  thread_local std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>> parsed;
  auto it = parsed.find(name);
  if (it == parsed.end()) {
    const std::string file = name + ".mustache";
    const embedded::File* source = nullptr;
    for (const embedded::File& f : embedded::templates()) {
      if (f.name == file) source = &f;
    }
    if (!source) {
      std::fprintf(stderr, "gongkai: template %s is missing\n", file.c_str());
      return "template " + name + " missing";
    }
    auto tmpl = std::make_unique<kainjow::mustache::mustache>(std::string(source->content));
    if (!tmpl->is_valid()) {
      std::fprintf(stderr, "gongkai: template %s: %s\n", file.c_str(), tmpl->error_message().c_str());
      return "template " + name + " broken";
    }
    it = parsed.emplace(name, std::move(tmpl)).first;
  }
  return it->second->render(data);
}

}  // namespace gongkai::web
