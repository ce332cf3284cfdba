// Every Dockerfile of ../shared/corpus (categories ml and general) parses without a crash;
// real Dockerfiles parse without L1 errors unless they are truly invalid (listed below);
// the BuildKit negative parser testfile must be rejected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "analyzer/dockerfile/dump.h"
#include "analyzer/dockerfile/parser.h"
#include "analyzer/dockerfile/validate.h"
#include "tests/corpus_util.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

using testing_util::read_all;

// Corpus files that BuildKit itself rejects at L1 (investigated one by one).
const std::set<std::string> kKnownInvalid = {};

TEST(CorpusParse, EveryDockerfileParses) {
  fs::path root = fs::path(DOCKML_SHARED_DIR) / "corpus";
  fs::path manifest = root / "MANIFEST.tsv";
  if (!fs::exists(manifest)) {
    GTEST_SKIP() << "corpus not found at " << root.string() << " (DOCKML_SHARED_DIR); skipping";
  }
  int parsed = 0, with_errors = 0, with_l2 = 0;
  for (const std::vector<std::string>& cols : testing_util::manifest_rows(manifest)) {
    if (cols.size() < 8) continue;
    const std::string& path = cols[0];
    const std::string& category = cols[5];
    const std::string& kind = cols[7];
    if (category != "ml" && category != "general") continue;
    if (kind != "dockerfile" && kind != "dockerfile-parser-testfile" &&
        kind != "dockerfile-parser-testfile-negative") {
      continue;
    }
    SCOPED_TRACE(path);
    auto src = std::make_shared<SourceFile>(path, read_all(root / path));
    Dockerfile df = parse_dockerfile(src);
    std::string dump = dump_buildkit(df);  // must not crash either
    auto l2 = validate_instructions(df);
    ++parsed;
    if (!l2.empty()) ++with_l2;
    if (kind == "dockerfile-parser-testfile-negative") {
      EXPECT_FALSE(df.errors.empty());
      continue;
    }
    if (!df.errors.empty()) {
      ++with_errors;
      Position p = src->position(df.errors[0].span.begin);
      if (!kKnownInvalid.count(path)) {
        ADD_FAILURE() << path << ":" << p.line + 1 << ":" << p.column + 1 << ": "
                      << df.errors[0].message;
      }
    }
  }
  std::cout << "[corpus] parsed " << parsed << " Dockerfiles; " << with_errors
            << " with L1 parse errors; " << with_l2 << " with L2 instruction errors\n";
  EXPECT_GT(parsed, 1600);
}

}  // namespace
}  // namespace dockml
