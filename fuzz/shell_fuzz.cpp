// libFuzzer target: the shell front end (tree-sitter-bash + command recognition). The input
// is one RUN script; the first byte picks the SHELL and whether variables are known.
#include <cstddef>
#include <cstdint>
#include <string>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/shell/shell.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  uint8_t flags = data[0];
  dockml::LogicalText text;
  text.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  text.segments.push_back({0, 0, static_cast<uint32_t>(text.text.size())});

  dockml::VarMap vars;
  vars.set("PYTHON_VERSION", "3.10");
  vars.set_unknown("CUDA");
  dockml::shell::ShellOptions options;
  if (flags & 1) options.shell = {"/bin/bash", "-o", "pipefail", "-c"};
  if (flags & 2) options.vars = &vars;
  options.parse_budget_ms = 500;
  dockml::shell::ShellScript script = dockml::shell::parse_shell(text, options);
  for (const dockml::shell::ShellCommand& c : script.commands) (void)c;
  return 0;
}
