// libFuzzer target: the whole engine on a fuzzed Dockerfile with every rule enabled, then
// the fixer: each diagnostic's fix is applied on its own and re-linted, and all safe fixes
// are applied together and re-linted. Crashes if a fix's edits overlap or leave the file,
// or if a fix turns a file that parsed cleanly into one with parse errors (DF001).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/engine/engine.h"
#include "analyzer/fix/apply.h"

namespace {

bool has_parse_error(const dockml::LintResult& r) {
  for (const dockml::Diagnostic& d : r.diagnostics)
    if (d.code == "DF001") return true;
  return false;
}

dockml::LintResult lint(const std::string& text, const dockml::LintOptions& options) {
  auto source = std::make_shared<const dockml::SourceFile>("fuzz/Dockerfile", text);
  return dockml::lint_source(source, options, dockml::FileKind::kDockerfile);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16384) return 0;  // the engine is linear; keep executions fast
  static const dockml::LintOptions options = [] {
    dockml::LintOptions o;
    o.select = {"ALL"};
    o.no_config = true;
    return o;
  }();
  std::string text(reinterpret_cast<const char*>(data), size);
  dockml::LintResult first = lint(text, options);
  bool parsed_clean = !has_parse_error(first);

  std::vector<dockml::Edit> safe;
  for (const dockml::Diagnostic& d : first.diagnostics) {
    if (!d.fix || d.source != first.source) continue;  // fixes in other files: not here
    if (!dockml::edits_disjoint(d.fix->edits, text.size())) std::abort();
    dockml::ApplyResult fixed = dockml::apply_edits(text, d.fix->edits);
    if (!fixed.conflicts.empty()) std::abort();
    dockml::LintResult again = lint(fixed.text, options);
    if (parsed_clean && d.fix->applicability != dockml::Applicability::kDisplay &&
        has_parse_error(again))
      std::abort();
    if (d.fix->applicability == dockml::Applicability::kSafe)
      safe.insert(safe.end(), d.fix->edits.begin(), d.fix->edits.end());
  }
  if (!safe.empty()) (void)lint(dockml::apply_edits(text, safe).text, options);
  return 0;
}
