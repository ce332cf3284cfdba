// `dockml dump`: the parse tree in BuildKit's parser-test `result` format.
#pragma once

#include <string>
#include <string_view>

#include "analyzer/dockerfile/ast.h"

namespace dockml {

// One S-expression per instruction, e.g. `(copy ["--from=build"] "a" "/b")`, each line
// ending in "\n", exactly like BuildKit's `AST.Dump() + "\n"`.
std::string dump_buildkit(const Dockerfile& df);

// One instruction's S-expression without the parentheses (BuildKit's Node.Dump).
std::string dump_instruction(const Instruction& inst);

// Go's strconv.Quote (printable runes kept, the rest escaped).
std::string go_quote(std::string_view s);

}  // namespace dockml
