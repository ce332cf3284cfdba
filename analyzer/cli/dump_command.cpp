// `dockml dump FILE`: the parse tree in BuildKit's parser-test `result` format.
#include <iostream>

#include <fmt/format.h>

#include "analyzer/cli/commands.h"
#include "analyzer/render/location.h"

#include "analyzer/dockerfile/dump.h"
#include "analyzer/dockerfile/parser.h"

namespace dockml {

// Exit 0 with the dump on stdout; exit 1 with "path:line:col: message" lines on stderr when
// the parser (BuildKit's L1 parser, not instruction validation) rejects the file; exit 2
// when the file cannot be read.
int run_dump(const std::string& path) {
  LoadResult loaded = load_source(path);
  if (!loaded.file) {
    print_error(loaded.error.message);
    return kExitError;
  }
  Dockerfile df = parse_dockerfile(loaded.file);
  if (!df.errors.empty()) {
    for (const ParseError& e : df.errors) {
      Location loc = char_location(*loaded.file, e.span);
      std::cerr << fmt::format("{}:{}:{}: {}\n", display_path(*loaded.file), loc.line, loc.column,
                               e.message);
    }
    return kExitFindings;
  }
  std::cout << dump_buildkit(df) << std::flush;
  return kExitOk;
}

}  // namespace dockml
