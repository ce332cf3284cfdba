// Patterns built from knowledge-base data at run time (rules/kb/names.json, `--kb DIR`) cannot
// be function-local statics: cached_regex() compiles each distinct pattern text once per
// process (thread-safe) and keeps it, so such rules keep the compile-once cost of a static.
#pragma once

#include <string>

#include <re2/re2.h>

namespace dockml::rules {

const RE2& cached_regex(const std::string& pattern);

}  // namespace dockml::rules
