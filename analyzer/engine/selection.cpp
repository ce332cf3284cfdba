#include "analyzer/engine/selection.h"

#include <algorithm>

namespace dockml {

namespace {

char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (upper(a[i]) != upper(b[i])) return false;
  return true;
}

bool iprefix(std::string_view prefix, std::string_view s) {
  return prefix.size() <= s.size() && iequal(prefix, s.substr(0, prefix.size()));
}

std::string_view alias_of(std::string_view code) {
  const RuleEntry* e = find_rule(code);
  return e ? e->meta->alias : std::string_view();
}

bool any_match(const std::vector<std::string>& selectors, std::string_view code,
               std::string_view alias, bool* exact) {
  bool matched = false;
  for (const std::string& s : selectors) {
    bool ex = false;
    if (selector_matches(s, code, alias, &ex)) {
      matched = true;
      if (exact && ex) *exact = true;
    }
  }
  return matched;
}

}  // namespace

bool selector_matches(std::string_view selector, std::string_view code, std::string_view alias,
                      bool* exact) {
  if (exact) *exact = false;
  if (selector.empty()) return false;
  if (iequal(selector, code) || (!alias.empty() && iequal(selector, alias))) {
    if (exact) *exact = true;
    return true;
  }
  return iequal(selector, "ALL") || iprefix(selector, code);
}

RuleSelection::RuleSelection(const LintOptions& options) : options_(options) {}

bool RuleSelection::rule_enabled(const RuleMeta& meta) const {
  bool on = meta.enabled_by_default;
  if (!options_.select.empty()) {
    bool exact = false;
    bool matched = any_match(options_.select, meta.code, meta.alias, &exact);
    on = matched && (meta.enabled_by_default || exact);
    if (meta.code == "DF001") on = true;
  }
  if (any_match(options_.ignore, meta.code, meta.alias, nullptr)) on = false;
  return on;
}

std::vector<const RuleEntry*> RuleSelection::enabled_rules() const {
  std::vector<const RuleEntry*> out;
  for (const RuleEntry& e : rule_registry())
    if (rule_enabled(*e.meta)) out.push_back(&e);
  return out;
}

bool RuleSelection::keep(const Diagnostic& d) const {
  if (const RuleEntry* e = find_rule(d.code)) return rule_enabled(*e->meta);
  // Codes outside the registry (ShellCheck's SCxxxx): plain selector matching.
  if (!options_.select.empty() && !any_match(options_.select, d.code, {}, nullptr)) return false;
  return !any_match(options_.ignore, d.code, {}, nullptr);
}

std::vector<std::string> unknown_selectors(const std::vector<std::string>& selectors) {
  std::vector<std::string> unknown;
  for (const std::string& s : selectors) {
    if (iequal(s, "ALL") || iprefix("SC", s)) continue;
    bool known = false;
    for (const RuleEntry& e : rule_registry())
      if (selector_matches(s, e.meta->code, e.meta->alias)) { known = true; break; }
    if (!known) unknown.push_back(s);
  }
  return unknown;
}

void finalize_diagnostics(std::vector<Diagnostic>& diags, const LintOptions& options) {
  RuleSelection selection(options);
  std::erase_if(diags, [&](const Diagnostic& d) { return !selection.keep(d); });
  for (Diagnostic& d : diags) {
    for (const auto& [key, severity] : options.severity_overrides) {
      if (iequal(key, d.code) || (!alias_of(d.code).empty() && iequal(key, alias_of(d.code))))
        d.severity = severity;
    }
  }
  std::stable_sort(diags.begin(), diags.end(), diagnostic_less);
}

}  // namespace dockml
