// `dockml rules [--format text|json|markdown]` and `dockml explain CODE`.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyzer/cli/commands.h"
#include "analyzer/engine/rule.h"
#include "analyzer/render/render.h"

namespace dockml {

namespace {

void rules_text() {
  size_t name_width = 4;
  for (const RuleEntry& e : rule_registry()) name_width = std::max(name_width, e.meta->name.size());
  std::cout << fmt::format("{:<7} {:<{}} {:<8} {:<9} {:<7} {}\n", "CODE", "NAME", name_width,
                           "SEVERITY", "FIX", "DEFAULT", "SUMMARY");
  for (const RuleEntry& e : rule_registry()) {
    const RuleMeta& m = *e.meta;
    std::cout << fmt::format("{:<7} {:<{}} {:<8} {:<9} {:<7} {}\n", m.code, m.name, name_width,
                             severity_name(m.severity), fix_availability_name(m.fix),
                             m.enabled_by_default ? "on" : "off", m.summary);
  }
}

void rules_json() {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const RuleEntry& e : rule_registry()) {
    const RuleMeta& m = *e.meta;
    nlohmann::ordered_json j;
    j["code"] = m.code;
    j["name"] = m.name;
    j["alias"] = m.alias.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.alias);
    j["severity"] = severity_name(m.severity);
    j["enabled_by_default"] = m.enabled_by_default;
    j["fix"] = fix_availability_name(m.fix);
    j["summary"] = m.summary;
    j["url"] = rule_url(m.code);
    j["doc"] = m.doc;
    arr.push_back(std::move(j));
  }
  std::cout << arr.dump(2) << '\n';
}

std::string md_cell(std::string_view s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void rules_markdown() {
  std::cout << "| Code | Name | Severity | Fix | Default | Summary |\n"
            << "|---|---|---|---|---|---|\n";
  for (const RuleEntry& e : rule_registry()) {
    const RuleMeta& m = *e.meta;
    std::cout << fmt::format("| [{}]({}) | {} | {} | {} | {} | {} |\n", m.code, rule_url(m.code),
                             md_cell(m.name), severity_name(m.severity), fix_availability_name(m.fix),
                             m.enabled_by_default ? "on" : "off", md_cell(m.summary));
  }
}

}  // namespace

int run_rules(const std::string& format) {
  if (format == "json") rules_json();
  else if (format == "markdown") rules_markdown();
  else if (format == "text") rules_text();
  else {
    print_error(fmt::format("unknown --format '{}' for rules (expected text, json or markdown)", format));
    return kExitError;
  }
  return kExitOk;
}

int run_explain(const std::string& code) {
  const RuleEntry* e = find_rule(code);
  if (!e) {
    // Codes are case-insensitive on the command line.
    std::string upper = code;
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    e = find_rule(upper);
  }
  if (!e) {
    print_error(fmt::format("unknown rule '{}' (see `dockml rules`)", code));
    return kExitError;
  }
  const RuleMeta& m = *e->meta;
  std::cout << fmt::format("# {} {}\n\n{}\n\n", m.code, m.name, m.summary);
  std::cout << fmt::format("Severity: {}. Enabled by default: {}. Fix: {}.{}\n\n", severity_name(m.severity),
                           m.enabled_by_default ? "yes" : "no", fix_availability_name(m.fix),
                           m.alias.empty() ? "" : fmt::format(" BuildKit name: {}.", m.alias));
  std::cout << m.doc;
  if (!m.doc.empty() && m.doc.back() != '\n') std::cout << '\n';
  return kExitOk;
}

}  // namespace dockml
