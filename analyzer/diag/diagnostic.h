// Diagnostic: what a rule reports. Spans are byte ranges in `source`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/source_file.h"

namespace dockml {

// Ordered from most to least severe.
enum class Severity { kError = 0, kWarning = 1, kInfo = 2, kStyle = 3 };

std::string_view severity_name(Severity s);                 // "error", "warning", ...
std::optional<Severity> parse_severity(std::string_view s);  // inverse of severity_name

// How a fix may be applied (see STYLE.md): safe fixes keep behaviour and are applied by
// --fix; unsafe ones need --unsafe-fixes; display-only fixes are shown, never applied.
enum class Applicability { kSafe, kUnsafe, kDisplay };
std::string_view applicability_name(Applicability a);  // "safe", "unsafe", "display"

// Replace the bytes of `span` (in the diagnostic's file) with `text`. An empty span inserts.
struct Edit {
  Span span;
  std::string text;
};

struct Fix {
  Applicability applicability = Applicability::kSafe;
  std::string title;  // says what to do, e.g. "Add --no-cache-dir"
  std::vector<Edit> edits;
};

// A secondary location, possibly in another file (e.g. the RUN that installed a requirement file).
struct Label {
  SourcePtr source;
  Span span;
  std::string message;
};

struct Diagnostic {
  std::string code;  // "DL3008", "ML101", "DF001", ...
  Severity severity = Severity::kWarning;
  std::string message;
  SourcePtr source;  // the file the primary span points into
  Span span;
  std::vector<Label> labels;
  std::vector<std::string> notes;
  std::optional<Fix> fix;
};

// Stable order for output: file path, then start offset, then code.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

}  // namespace dockml
