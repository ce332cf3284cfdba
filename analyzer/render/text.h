// The text renderer's pieces, shared by `render_text`, the rule snapshot harness and the LSP.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"

namespace dockml {

// One diagnostic as a compiler-style block:
//   path:line:col: severity[CODE]: message
//     |
//   3 | RUN apt-get install curl
//     |     ^^^^^^^^^^^^^^^^^^^^
//     = note: ...
//     = help: <fix title>
//     = docs: <rule url>        (when `with_url`)
// followed by an empty line. Columns in the header are 1-based code points (location.h);
// carets use display cells (tabs to 4-column stops, wide CJK/emoji characters 2 cells).
void render_text_diagnostic(std::ostream& out, const Diagnostic& d, bool color,
                            bool with_url = true);

// "2 errors, 1 warning in 3 files; 1 with a safe fix" (info/style counts added when
// non-zero; the fixable part only when some diagnostic has a safe fix; "; N fixed" when
// `fixed` fixes were applied by --fix).
std::string summary_line(const std::vector<Diagnostic>& diagnostics, size_t files_checked,
                         size_t fixed = 0);

// Display cells of a code point (0 for combining marks, 2 for wide characters, else 1).
int char_cells(char32_t cp);

}  // namespace dockml
