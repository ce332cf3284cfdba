#include "analyzer/cli/check_config.h"

#include <map>

#include "analyzer/cli/commands.h"
#include "analyzer/engine/selection.h"

namespace dockml {

bool resolve_file_options(const std::vector<DiscoveredFile>& files, config::Resolver& configs,
                          std::vector<LintOptions>& out) {
  out.clear();
  out.reserve(files.size());
  for (const DiscoveredFile& f : files) {
    config::Effective e = configs.resolve(f.path);
    if (!e.error.empty()) {
      print_error(e.error);
      return false;
    }
    out.push_back(std::move(e.options));
  }
  return true;
}

std::vector<const RuleMeta*> rules_run(const std::vector<LintOptions>& file_options,
                                       const LintOptions& cli) {
  std::vector<RuleSelection> selections;
  if (file_options.empty()) selections.emplace_back(cli);
  for (const LintOptions& o : file_options) selections.emplace_back(o);
  std::vector<const RuleMeta*> out;
  for (const RuleEntry& e : rule_registry()) {
    for (const RuleSelection& s : selections) {
      if (s.rule_enabled(*e.meta)) {
        out.push_back(e.meta);
        break;
      }
    }
  }
  return out;
}

bool any_failure(const std::vector<Diagnostic>& diagnostics, const std::string& cli_threshold,
                 config::Resolver& configs) {
  std::map<std::string, std::string> by_path;  // file -> threshold
  for (const Diagnostic& d : diagnostics) {
    std::string threshold = cli_threshold;
    if (threshold.empty()) {
      std::string path = d.source ? d.source->path() : "-";
      auto it = by_path.find(path);
      if (it == by_path.end())
        it = by_path.emplace(path, configs.resolve(path).failure_threshold.value_or("info")).first;
      threshold = it->second;
    }
    if (threshold == "none") continue;
    Severity limit = parse_severity(threshold).value_or(Severity::kInfo);
    if (static_cast<int>(d.severity) <= static_cast<int>(limit)) return true;
  }
  return false;
}

}  // namespace dockml
