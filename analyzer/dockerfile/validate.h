// BuildKit's instruction-level validation (L2, instructions.Parse): unknown instructions,
// flags, argument counts, stage names, ONBUILD limits, SHELL/HEALTHCHECK forms and the
// "no build stage" rule. Errors point at the offending token.
#pragma once

#include <vector>

#include "analyzer/dockerfile/ast.h"

namespace dockml {

// Instructions with has_parse_error (L1) are skipped. Unlike BuildKit, which stops at the
// first error, every error is reported.
std::vector<ParseError> validate_instructions(const Dockerfile& df);

}  // namespace dockml
