// --select / --ignore / severity overrides, applied in one place after analysis.
//
// A selector is "ALL", a rule code ("DL3008"), a code prefix ("DL30", "ML1"), or a BuildKit
// check name ("JSONArgsRecommended"); codes and prefixes are case-insensitive.
// - No --select: the rules enabled by default run. With --select: only matching rules run;
//   a rule that is off by default runs only when selected by its exact code or alias.
// - --ignore removes matching rules (and diagnostics with matching codes) afterwards.
// - DF001 (parse errors) is always reported unless ignored, whatever --select says.
#pragma once

#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"

namespace dockml {

class RuleSelection {
 public:
  explicit RuleSelection(const LintOptions& options);

  bool rule_enabled(const RuleMeta& meta) const;
  // The registry entries to instantiate for a file, in code order.
  std::vector<const RuleEntry*> enabled_rules() const;
  // Whether a diagnostic survives selection (also for codes outside the registry, e.g. SCxxxx).
  bool keep(const Diagnostic& d) const;

 private:
  const LintOptions& options_;
};

// True when `selector` matches `code` (exact code, prefix, alias or ALL); `exact` is set when
// the match is by full code or alias.
bool selector_matches(std::string_view selector, std::string_view code, std::string_view alias,
                      bool* exact = nullptr);

// Selectors that match no known rule (for a warning on stderr; not an error, so configs that
// name rules of newer versions keep working). SCxxxx (ShellCheck) selectors are accepted.
std::vector<std::string> unknown_selectors(const std::vector<std::string>& selectors);

// Drops unselected diagnostics, applies severity overrides and sorts with diagnostic_less.
void finalize_diagnostics(std::vector<Diagnostic>& diags, const LintOptions& options);

}  // namespace dockml
