// The fix loop shared by `dockml check --fix` and the LSP "fix all" action: pick the
// applicable fixes that do not conflict, apply them, re-lint, repeat until nothing applies.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"

namespace dockml {

// Which fixes a run applies: safe ones always, unsafe ones with --unsafe-fixes, display-only never.
bool fix_applies(const Fix& fix, bool unsafe);

// One round's choice: the fixes of `diagnostics` (in `file`) that apply, taken whole or not at
// all in span order; a fix whose edits overlap or touch an edit already taken, or lie outside
// the file, waits for the next round.
struct FixSelection {
  std::vector<Edit> edits;                 // disjoint, sorted by span
  std::vector<const Diagnostic*> applied;  // the diagnostics whose fix was taken
  size_t deferred = 0;                     // applicable fixes left for a later round
};
FixSelection select_fixes(const SourceFile& file, const std::vector<Diagnostic>& diagnostics, bool unsafe);

// True when `after` keeps the BOM, the final newline (or its absence) and, in a CRLF file,
// adds no bare LF line break. Rounds that break this are not applied.
bool keeps_file_format(const SourceFile& before, std::string_view after);

struct FixLoopOptions {
  bool unsafe = false;  // also apply unsafe fixes
  int max_rounds = 10;  // rounds of applying before giving up (non-convergence)
  // Do not apply a round whose result has more parse errors (DF001) than the text before it;
  // retry its fixes one at a time and skip those that break parsing (or the format, always).
  bool guard_parse_errors = true;
  // Counts a text's parse errors (e.g. parse_error_count from parse_check.h); when unset, the
  // DF001 diagnostics of the re-lint are counted (blind when --select leaves DF001 out).
  std::function<size_t(const SourcePtr&)> count_parse_errors;
};

struct FixLoopResult {
  std::string text;               // the fixed text (the input when nothing applied)
  SourcePtr source;               // the fixed file (the input's when nothing applied)
  bool changed = false;
  size_t fixes_applied = 0;       // fixes applied over all rounds
  std::map<std::string, size_t> applied_by_code;
  int rounds = 0;                 // rounds that applied something
  std::vector<Diagnostic> remaining;  // diagnostics of `text` (after the last re-lint)
  // Non-empty when the loop stopped on a problem: it did not converge within max_rounds,
  // went round in a cycle, or a round would have broken parsing (that round is not applied).
  std::string error;
  std::vector<std::string> error_codes;  // the rules involved, sorted
};

using RelintFn = std::function<std::vector<Diagnostic>(const SourcePtr&)>;

// Runs the loop from `source` and its diagnostics. `relint` lints a new text (same path).
FixLoopResult run_fix_loop(const SourcePtr& source, const std::vector<Diagnostic>& diagnostics,
                           const RelintFn& relint, const FixLoopOptions& options = {});

}  // namespace dockml
