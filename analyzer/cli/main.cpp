// dockml entry point: only hands the arguments to the CLI library.
#include "analyzer/cli/cli.h"

int main(int argc, char** argv) { return dockml::run_cli(argc, argv); }
