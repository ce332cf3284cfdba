// Runs the dockml binary (DOCKML_BINARY) of this build in a test's temporary folder.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/corpus_util.h"

namespace dockml::testing_util {

struct CliRun {
  int code = -1;  // exit code; -1 when killed (60 s limit) or not exited
  std::string out;
  std::string err;
};

// `dockml ARGS` (shell words) with `dir` as working folder and `input` on stdin; stdout and
// stderr go through the files .stdin/.stdout/.stderr of `dir`.
inline CliRun run_dockml(const std::filesystem::path& dir, const std::string& args, const std::string& input = "") {
  std::string d = dir.string();
  std::ofstream(dir / ".stdin", std::ios::binary) << input;
  std::string cmd = "cd '" + d + "' && timeout 60 '" + std::string(DOCKML_BINARY) + "' " + args + " <'" + d +
                    "/.stdin' >'" + d + "/.stdout' 2>'" + d + "/.stderr'";
  int status = std::system(cmd.c_str());
  CliRun r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_all(dir / ".stdout");
  r.err = read_all(dir / ".stderr");
  return r;
}

}  // namespace dockml::testing_util
