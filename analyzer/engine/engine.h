// The engine: lints one SourceFile. Detects the file kind, parses, turns parse and validation
// errors into DF001 diagnostics, walks the instructions once calling every enabled rule
// (fresh instances per file), then applies selection, severity overrides and sorting.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/dockerfile/ast.h"
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"

namespace dockml {

struct LintResult {
  SourcePtr source;
  FileKind kind = FileKind::kDockerfile;
  std::vector<Diagnostic> diagnostics;            // sorted with diagnostic_less
  std::shared_ptr<const Dockerfile> dockerfile;   // null for other kinds and non-text files
  std::shared_ptr<const ImageModel> model;        // image model of the Dockerfile (same nulls)
  // The options this file was linted with (its configuration applied): re-lint with these
  // (e.g. after fixes) to get the same rules, severities and suppressions.
  std::shared_ptr<const LintOptions> options;
};

// Lints `source`. `kind` overrides detection (detect_kind) when set.
// Files that are not text are not analysed: a NUL byte or invalid UTF-8 gives one DF001
// error at that byte ("binary file: NUL byte at byte offset N ..." / "invalid UTF-8 ...").
LintResult lint_source(SourcePtr source, const LintOptions& options,
                       std::optional<FileKind> kind = std::nullopt);

}  // namespace dockml
