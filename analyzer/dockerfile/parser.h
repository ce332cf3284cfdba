// The Dockerfile parser: BuildKit's low-level parser (L1) with exact source spans.
#pragma once

#include "analyzer/dockerfile/ast.h"
#include "analyzer/source/source_file.h"

namespace dockml {

// Parses `source` the way BuildKit's parser.Parse does (directives, comments, line
// continuations, heredocs, per-instruction argument rules). Never throws. L1 errors are
// collected in `errors` at the offending span; parsing continues with the next line
// (BuildKit itself stops at the first error). Instructions with an error are kept with
// `has_parse_error` set. Instruction::args hold what `dockml dump` prints: for ENV/LABEL
// the triples key, value, separator ("=" or "" for the legacy form); for unknown
// instructions a single empty word.
Dockerfile parse_dockerfile(SourcePtr source);

// Largest physical line BuildKit's line reader accepts (bufio.MaxScanTokenSize - 1).
inline constexpr uint32_t kMaxDockerfileLineBytes = 65535;

}  // namespace dockml
