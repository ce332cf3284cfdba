// Node types of tree-sitter-requirements used by the requirements front end, resolved once
// and checked against the grammar (a test asserts the table is complete).
#pragma once

#include "analyzer/ts/ts.h"

namespace dockml::reqs {

struct RequirementSymbols {
  ts::Symbol requirement, package, extras, version_spec, version_cmp, version, url_spec, url,
      marker_spec, requirement_opt, option, argument, quoted_string, path, global_opt, comment,
      linebreak;
};

const RequirementSymbols& requirement_symbols();
// The table the symbols came from ("" error when every name exists in the grammar).
const ts::SymbolTable& requirement_symbol_table();

}  // namespace dockml::reqs
