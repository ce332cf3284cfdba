// One diagnostic as a JSON object (the `--format json` element), for reuse by other
// JSON-based outputs.
#pragma once

#include <nlohmann/json.hpp>

#include "analyzer/diag/diagnostic.h"

namespace dockml {

// {code, severity, message, file, line, column, end_line, end_column, url, fix, notes, labels}
nlohmann::ordered_json diagnostic_json(const Diagnostic& d);

}  // namespace dockml
