#include "rules/compat/stage_python.h"

#include <fmt/format.h>

#include "rules/compat/compat_util.h"

namespace dockml::rules::compat {

std::optional<StagePython> stage_python(const ImageModel& model, const StageModel& st) {
  if (!st.python) return std::nullopt;
  StagePython p;
  p.version = st.python->version;
  p.from = st.python->from;
  const std::string v = p.version.str();
  const std::string& origin = st.python->origin;
  if (origin == "base image" || origin == "OS default python3" || origin == "inherited" ||
      (!st.python->ref.source && st.python->ref.span.empty())) {
    const StageModel& root = root_stage(model, st);
    std::string image = !root.facts.ref.raw.empty() ? root.facts.ref.raw : root.base;
    p.ref = SourceRef{model.source, root.base_span};
    uint32_t line = line_of(p.ref);
    if (origin == "OS default python3") {
      std::string os = root.facts.os ? root.facts.os->value : "the OS";
      std::string osv = root.facts.os_version ? " " + root.facts.os_version->value : "";
      p.words = fmt::format("the python3 package of {}{} (base image {}, line {}) is Python {}", os, osv,
                            image, line, v);
    } else {
      p.words = fmt::format("the base image {} (line {}) provides Python {}", image, line, v);
    }
  } else {
    p.ref = st.python->ref;
    if (!p.ref.source) p.ref.source = model.source;
    p.words = fmt::format("the stage installs Python {} ({}, line {})", v, origin, line_of(p.ref));
  }
  return p;
}

std::optional<Version> pip_python(const PythonPackage& pkg) {
  std::string_view tool = pkg.tool;
  if (tool.starts_with("python")) tool.remove_prefix(6);
  else if (tool.starts_with("pip") && !tool.starts_with("pipx")) tool.remove_prefix(3);
  else return std::nullopt;
  size_t end = tool.find(' ');
  std::string_view v = tool.substr(0, end);
  if (v.empty() || v == "3" || v == "2") return std::nullopt;
  if (v.find('.') == std::string_view::npos) return std::nullopt;
  return Version::parse(v);
}

}  // namespace dockml::rules::compat
