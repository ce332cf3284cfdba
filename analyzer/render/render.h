// Renderers turn diagnostics into one output format. Each format lives in its own file
// (render/text.cpp, render/json.cpp, render/sarif.cpp, ...).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/rule.h"

namespace dockml {

struct RenderInput {
  const std::vector<Diagnostic>* diagnostics = nullptr;  // sorted with diagnostic_less
  std::vector<const RuleMeta*> rules_run;                // rules that were enabled, by code
  size_t files_checked = 0;
  bool color = false;
  // Paths in output are relative to this folder when they lie below it (SARIF %SRCROOT%).
  std::string root_dir;
  // Fixes applied by --fix before these (remaining) diagnostics were found; the text
  // summary says "N fixed".
  size_t fixed = 0;
};

// Documentation link for a rule ("https://.../docs/rules/DL3008.md").
std::string rule_url(std::string_view code);

void render_text(std::ostream& out, const RenderInput& in);
void render_json(std::ostream& out, const RenderInput& in);
void render_sarif(std::ostream& out, const RenderInput& in);
void render_github(std::ostream& out, const RenderInput& in);
void render_checkstyle(std::ostream& out, const RenderInput& in);
void render_gitlab(std::ostream& out, const RenderInput& in);
void render_rdjson(std::ostream& out, const RenderInput& in);
void render_gnu(std::ostream& out, const RenderInput& in);

}  // namespace dockml
