#include "analyzer/cli/cli.h"

#include <fmt/core.h>

namespace dockml {

int run_cli(int argc, char** argv) {
  fmt::print(stderr, "dockml: not implemented yet\n");
  return 2;
}

}  // namespace dockml
