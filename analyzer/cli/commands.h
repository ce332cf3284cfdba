// The commands behind `dockml`'s subcommands. cli.cpp parses the arguments (CLI11) into
// these settings; each command returns the process exit code and never throws.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/options.h"

namespace dockml {

// Exit codes of the command-line contract (DESIGN.md).
inline constexpr int kExitOk = 0;        // nothing at or above the failure threshold
inline constexpr int kExitFindings = 1;  // findings at or above it
inline constexpr int kExitError = 2;     // usage, configuration or I/O error

struct CheckSettings {
  std::vector<std::string> paths;          // default "."
  std::vector<std::string> formats;        // default {"text"}; paired with outputs in order
  std::vector<std::string> outputs;        // --output FILE per format; extra formats -> stdout
  std::string failure_threshold;           // error|warning|info|style|none; "": the config's, else info
  std::vector<std::string> build_args;     // raw KEY=VALUE (KEY alone: from the environment)
  std::string color = "auto";              // auto|always|never
  int jobs = 0;                            // 0: one per core
  std::string diff_base;                   // --diff-base REV: report only lines changed since REV
  std::string diff_file;                   // --diff-file PATCH ("-": stdin): same, from a unified diff
  bool fix = false;                        // --fix: apply safe fixes (analyzer/cli/fix_files.h)
  bool unsafe_fixes = false;               // --unsafe-fixes: also unsafe ones (with --fix or --diff)
  bool diff = false;                       // --diff: print the fixes as a unified diff, write nothing
  LintOptions lint;
};

int run_check(CheckSettings settings);
int run_rules(const std::string& format);     // text|json|markdown
int run_explain(const std::string& code);
int run_dump(const std::string& path);

// `dockml inspect FILE` (the image model as JSON).
struct InspectSettings {
  std::string path;
  std::vector<std::string> build_args;  // raw KEY=VALUE
  std::string context_dir;
  std::string kb_dir;
};
int run_inspect(const InspectSettings& settings);

class KnowledgeBase;
// Loads `--kb DIR` (null pointer for ""); prints the error and returns nullopt on failure.
std::optional<std::shared_ptr<const KnowledgeBase>> load_kb_option(const std::string& dir);

// Prints "dockml: <message>" on stderr (one line).
void print_error(const std::string& message);

}  // namespace dockml
