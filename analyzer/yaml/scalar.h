// Decoding of YAML scalar text as written into its value (used by the YAML front end).
#pragma once

#include <string>
#include <string_view>

namespace dockml::yaml {

// Plain scalar: line folding (a single line break becomes a space, n empty lines n breaks).
std::string decode_plain(std::string_view text);
// Single-quoted scalar including its quotes: '' becomes ', then line folding.
std::string decode_single_quoted(std::string_view text);
// Double-quoted scalar including its quotes: escapes (\n, \t, \", \\, \xXX, \uXXXX,
// \UXXXXXXXX, escaped line breaks...) and line folding. Invalid escapes are kept as written.
std::string decode_double_quoted(std::string_view text);
// Block scalar from its indicator ("|", ">-", "|2+") to its last content character.
// `header_indent` is the indentation of the line holding the indicator (used with an
// explicit indentation indicator); `trailing_breaks` counts the empty lines after the node
// (kept with the `+` chomping indicator).
std::string decode_block(std::string_view text, uint32_t header_indent, uint32_t trailing_breaks);

}  // namespace dockml::yaml
