// Runs the requirements, conda and YAML front ends over the real files of the shared corpus:
// no crash, no hang, and the number of reported problems is printed (and bounded).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "analyzer/reqs/conda_env.h"
#include "analyzer/reqs/requirements.h"
#include "analyzer/yaml/yaml.h"

namespace dockml::reqs {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_yaml(const fs::path& p) { return p.extension() == ".yml" || p.extension() == ".yaml"; }

TEST(FrontendCorpus, MlRequirementsAndCondaEnvs) {
  fs::path dir = fs::path(DOCKML_SHARED_DIR) / "corpus" / "ml-requirements";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "shared corpus not found at " << dir;
  size_t files = 0, requirements = 0, errors = 0, conda = 0;
  for (const fs::path& p : files_under(dir)) {
    LoadResult loaded = load_source(p.string());
    ASSERT_TRUE(loaded.file) << loaded.error.message;
    ++files;
    if (is_yaml(p)) {
      CondaEnvironment env = parse_conda_env(loaded.file);
      conda += env.dependencies.size();
      requirements += env.pip.requirements.size();
      for (const auto& e : env.errors) {
        ++errors;
        std::cout << p.filename().string() << ":" << e.position.line + 1 << ": " << e.message << "\n";
      }
      continue;
    }
    RequirementFile f = parse_requirement_file(loaded.file);
    requirements += f.requirements.size();
    for (const ParseError& e : f.errors) {
      ++errors;
      std::cout << p.filename().string() << ":" << e.position.line + 1 << ": " << e.message << "\n";
    }
  }
  std::cout << "ml-requirements: " << files << " files, " << requirements
            << " pip requirements, " << conda << " conda specs, " << errors << " errors\n";
  EXPECT_GT(requirements, 1000u);
  EXPECT_GT(conda, 20u);
  EXPECT_LE(errors, 5u);
}

TEST(FrontendCorpus, ComposeAndKubernetesYaml) {
  fs::path dir = fs::path(DOCKML_SHARED_DIR) / "corpus" / "compose";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "shared corpus not found at " << dir;
  size_t files = 0, documents = 0, errors = 0;
  for (const fs::path& p : files_under(dir)) {
    if (!is_yaml(p)) continue;
    LoadResult loaded = load_source(p.string());
    ASSERT_TRUE(loaded.file) << loaded.error.message;
    ++files;
    yaml::Stream s = yaml::parse_yaml(loaded.file);
    documents += s.documents.size();
    for (const yaml::Error& e : s.errors) {
      ++errors;
      std::cout << p.filename().string() << ":" << e.position.line + 1 << ":"
                << e.position.column + 1 << ": " << e.message << "\n";
    }
  }
  std::cout << "compose: " << files << " YAML files, " << documents << " documents, " << errors
            << " errors\n";
  EXPECT_GT(files, 60u);
  EXPECT_GE(documents, files);
  EXPECT_LE(errors, 3u);
}

}  // namespace
}  // namespace dockml::reqs
