// Inline suppressions, applied in one place after analysis (rules never see them).
//
// Comments understood in a Dockerfile (tool names and keywords are case-insensitive):
//   # dockml ignore=DL3008,ML101 reason="pinned by the base image"   next instruction
//   # dockml stage ignore=DL3059                                     the stage of the next instruction
//   # dockml global ignore=BK011                                     the whole file
//   # hadolint ignore=DL3008,SC2046      # hadolint global ignore=…   # hadolint stage ignore=…
//   # check=skip=JSONArgsRecommended     above an instruction: that instruction; above a FROM: its stage
// and the BuildKit parser directive at the top of the file:
//   # check=skip=JSONArgsRecommended,StageNameCasing;error=true      (skip=all: every BK check)
// which skips those checks in the whole file and, with error=true, makes BK findings errors.
//
// Codes are rule codes, BuildKit check names or SCxxxx (ShellCheck). A suppression comment on a
// continuation line inside an instruction applies to that instruction. A diagnostic is covered
// when its position (or, for a diagnostic in another file, its first label in this Dockerfile)
// lies anywhere on the lines of the covered instruction(s). Suppressing one code of a DL/BK twin
// pair (twins.h) also covers its twin; `skip=all` covers every BK code and the DL twins.
#pragma once

#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/dockerfile/ast.h"
#include "analyzer/engine/options.h"

namespace dockml {

enum class SuppressionScope { kInstruction, kStage, kFile };

struct SuppressedCode {
  std::string code;     // registry code ("BK007" for "JSONArgsRecommended"), SCxxxx, or as written
  Span span;            // the code as written in the comment
  bool known = true;    // a registry code, a BuildKit name or SCxxxx
  bool used = false;    // matched at least one diagnostic
};

struct Suppression {
  SuppressionScope scope = SuppressionScope::kInstruction;
  Span comment;                      // the comment (or directive) line
  Span covers;                       // bytes covered; empty when nothing follows the comment
  std::vector<SuppressedCode> codes;
  bool all_bk = false;               // `# check=skip=all`
  Span all_span;
  bool all_used = false;
  std::string reason;                // `reason=...` (dockml comments), "" when none
};

// A comment that starts with `# dockml` but is not a suppression (e.g. `# dockml ignore DL3008`).
struct MalformedPragma {
  Span span;
  std::string message;
};

struct InlineSuppressions {
  std::vector<Suppression> items;
  std::vector<MalformedPragma> malformed;
  bool bk_errors = false;  // `# check=error=true`
};

// Reads every suppression comment and the check directive of `df`.
InlineSuppressions parse_inline_suppressions(const Dockerfile& df);

// Removes the diagnostics covered by `s` (marking what was used).
void apply_suppressions(InlineSuppressions& s, const Dockerfile& df, std::vector<Diagnostic>& diags);

// The engine's single entry point: parses `df`'s suppressions (unless
// options.inline_suppressions is false), drops what they cover, turns BK findings into errors
// under `# check=error=true`, and appends DF002 diagnostics for suppressions that matched
// nothing (only when DF002 is enabled, and only for codes whose rule ran).
void apply_inline_suppressions(const Dockerfile& df, const LintOptions& options,
                               std::vector<Diagnostic>& diags);

}  // namespace dockml
