#pragma once

namespace dockml {

// Parses arguments and runs the command; returns the process exit code (0, 1 or 2 as in
// DESIGN.md). Never lets an exception escape.
int run_cli(int argc, char** argv);

}  // namespace dockml
