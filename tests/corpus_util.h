// Helpers for the tests that read ../shared (the corpus and the conformance fixtures).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace dockml::testing_util {

// The bytes of `path` ("" when it cannot be read).
inline std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The rows of a corpus MANIFEST.tsv after its header, split at tabs (no row when the file is
// missing). Columns: local_path repo commit original_path bytes category license kind sha256
// related.
inline std::vector<std::vector<std::string>> manifest_rows(const std::filesystem::path& manifest) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_all(manifest));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string>& cols = rows.emplace_back();
    std::stringstream row(line);
    for (std::string col; std::getline(row, col, '\t');) cols.push_back(col);
    if (!line.empty() && line.back() == '\t') cols.emplace_back();
  }
  return rows;
}

}  // namespace dockml::testing_util
