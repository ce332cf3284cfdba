// `check --fix` / `--diff` / `dockml fix`: run the fix loop (analyzer/fix/fix_loop.h) on every
// linted file that has an applicable fix, then write the files, print the fixed standard input
// or collect a unified diff. Kept out of check_command.cpp, which only calls fix_results().
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analyzer/cli/commands.h"
#include "analyzer/engine/engine.h"

namespace dockml {

struct FixReport {
  size_t fixed = 0;            // fixes applied (or that --diff would apply) over all files
  size_t files_changed = 0;
  std::map<std::string, size_t> fixed_by_code;  // rule code -> fixes applied
  bool error = false;          // a write failed or a file's fixes did not converge (printed)
  bool stdin_fixed = false;    // the fixed standard input went to stdout: report on stderr
  bool diff_mode = false;      // --diff: the diff replaces the report on standard output
  std::string diff;            // --diff: unified diffs of every changed file, in input order
};

// Fixes the files of `results` per `settings` (fix / unsafe_fixes / diff), re-linting each with
// `options[i]` (the file's own options, e.g. its configuration applied; settings.lint when
// `options` is empty). With --fix each result's diagnostics become those left in the fixed
// text; with --diff they are kept (the files on disk are unchanged). Errors are printed with
// print_error().
FixReport fix_results(const std::vector<LintResult*>& results, const CheckSettings& settings,
                      const std::vector<const LintOptions*>& options = {});

// The one line printed on stderr after --diff: "Would fix 3 problems in 2 files" (or "No fixes
// available").
std::string diff_summary(const FixReport& report);

}  // namespace dockml
