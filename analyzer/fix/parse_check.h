// How many parse errors a file has, independent of rule selection: the fixer's guard that a
// fix never leaves a file that parses worse than before.
#pragma once

#include <cstddef>

#include "analyzer/engine/rule.h"
#include "analyzer/source/source_file.h"

namespace dockml {

// Dockerfiles: BuildKit parse (L1) plus instruction validation (L2) errors, as DF001 reports
// them; compose and Kubernetes files: YAML errors; requirement files: 0.
size_t parse_error_count(const SourcePtr& source, FileKind kind);

}  // namespace dockml
