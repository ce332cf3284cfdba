// A small JSON Schema validator for the knowledge-base files (rules/kb/schema.json).
// Supports the keywords the KB schema uses: $ref (local "#/$defs/..." only), type,
// properties, required, additionalProperties (bool or schema), items, enum, pattern (RE2),
// minimum, minItems. Unknown keywords (description, $schema, title, ...) are ignored.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace dockml {

struct SchemaViolation {
  std::string pointer;  // JSON pointer into the document ("/toolkits/3/releases/0/linux", "" = root)
  std::string message;  // "expected string, got number"
};

// Validates `doc` against `schema`; `root` resolves "$ref". Stops after `max_errors`.
std::vector<SchemaViolation> validate_json_schema(const nlohmann::json& root,
                                                  const nlohmann::json& schema,
                                                  const nlohmann::json& doc,
                                                  size_t max_errors = 20);

}  // namespace dockml
