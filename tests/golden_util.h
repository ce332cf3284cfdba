// Golden-file comparison shared by the golden and snapshot tests. With DOCKML_BLESS=1 the
// expected file is (re)written instead of compared.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace dockml::testing {

inline bool blessing() {
  const char* v = std::getenv("DOCKML_BLESS");
  return v && std::string(v) == "1";
}

inline bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

// Compares `actual` with the file at `path` (or rewrites it when blessing).
inline void expect_golden(const std::string& path, const std::string& actual) {
  if (blessing()) {
    write_text(path, actual);
    return;
  }
  std::string expected;
  if (!read_text(path, expected)) {
    ADD_FAILURE() << "missing golden file " << path << " (run with DOCKML_BLESS=1 to create it)";
    return;
  }
  EXPECT_EQ(expected, actual) << "golden file " << path
                              << " differs (re-bless with DOCKML_BLESS=1 after reviewing)";
}

}  // namespace dockml::testing
