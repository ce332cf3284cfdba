// Where a span is, in the units the text and JSON outputs use: 1-based lines and 1-based
// columns counted in Unicode code points (characters; a tab is one column; an invalid UTF-8
// byte is one column; a UTF-8 BOM is not counted). End positions are exclusive (the column
// just past the last character), as in LSP and ruff's JSON; a span that ends with a line
// break ends at the end of that line (render_util.h's span_range). For ASCII text,
// code-point columns equal byte columns.
#pragma once

#include <cstdint>
#include <string>

#include "analyzer/source/source_file.h"

namespace dockml {

struct Location {
  uint32_t line = 1;
  uint32_t column = 1;
  uint32_t end_line = 1;
  uint32_t end_column = 1;
};

// A diagnostic's or label's span (end adjusted as above).
Location char_location(const SourceFile& file, Span span);
// An edit's span (exact, never adjusted).
Location char_edit_location(const SourceFile& file, Span span);

// The name shown for a file in text and JSON output: the path as given or discovered
// ("<stdin>" for "-").
std::string display_path(const SourceFile& file);

}  // namespace dockml
