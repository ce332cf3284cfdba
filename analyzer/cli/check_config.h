// Configuration for `dockml check`: per-file options from .dockml.yaml / .hadolint.yaml
// (analyzer/config) and the exit code's failure threshold per file. Kept out of
// check_command.cpp, which only calls these.
#pragma once

#include <string>
#include <vector>

#include "analyzer/cli/discover.h"
#include "analyzer/config/effective.h"
#include "analyzer/diag/diagnostic.h"

namespace dockml {

// The options of every discovered file, in order. On a configuration error prints it
// ("dockml: path:line:col: key: problem") and returns false (exit 2).
bool resolve_file_options(const std::vector<DiscoveredFile>& files, config::Resolver& configs,
                          std::vector<LintOptions>& out);

// The rules that ran for at least one file (each file's configuration applied), in registry
// order; the command line's selection when there are no files.
std::vector<const RuleMeta*> rules_run(const std::vector<LintOptions>& file_options,
                                       const LintOptions& cli);

// True when a diagnostic is at or above its threshold: `cli_threshold` when given
// (--failure-threshold), else the `failure-threshold` of the configuration of the
// diagnostic's file, else info. "none" never fails.
bool any_failure(const std::vector<Diagnostic>& diagnostics, const std::string& cli_threshold,
                 config::Resolver& configs);

}  // namespace dockml
