// BuildKit parser conformance: every ../shared/conformance/buildkit/parser/testfiles case
// dumps byte-identically to its `result`, every testfiles-negative case is rejected, the
// testfile-line line numbers match, and every tricky/ Dockerfile parses without error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/dockerfile/dump.h"
#include "analyzer/dockerfile/parser.h"
#include "tests/corpus_util.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

const fs::path kShared = DOCKML_SHARED_DIR;

using testing_util::read_all;

Dockerfile parse_path(const fs::path& p) {
  return parse_dockerfile(std::make_shared<SourceFile>(p.string(), read_all(p)));
}

std::string errors_of(const Dockerfile& df) {
  std::string out;
  for (const auto& e : df.errors) {
    Position pos = df.source->position(e.span.begin);
    out += std::to_string(pos.line + 1) + ":" + std::to_string(pos.column + 1) + ": " +
           e.message + "\n";
  }
  return out;
}

#define REQUIRE_SHARED(dir)                                                              \
  if (!fs::exists(dir)) GTEST_SKIP() << "conformance data not found at " << (dir).string() \
                                     << " (DOCKML_SHARED_DIR); skipping";

TEST(BuildkitConformance, PositiveCasesDumpIdentically) {
  fs::path dir = kShared / "conformance/buildkit/parser/testfiles";
  REQUIRE_SHARED(dir);
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    SCOPED_TRACE(entry.path().filename().string());
    Dockerfile df = parse_path(entry.path() / "Dockerfile");
    EXPECT_EQ(errors_of(df), "");
    EXPECT_EQ(dump_buildkit(df), read_all(entry.path() / "result"));
    ++cases;
  }
  EXPECT_EQ(cases, 33);
}

TEST(BuildkitConformance, NegativeCasesAreRejected) {
  fs::path dir = kShared / "conformance/buildkit/parser/testfiles-negative";
  REQUIRE_SHARED(dir);
  struct Expected {
    const char* name;
    const char* message_prefix;
  };
  const Expected expected[] = {
      {"empty_dockerfile", "file with no instructions"},
      {"only_comments", "file with no instructions"},
      {"env_no_value", "ENV must have two arguments"},
      {"shykes-nested-json", "when using JSON array syntax, arrays must be comprised of strings"},
  };
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    Dockerfile df = parse_path(entry.path() / "Dockerfile");
    ASSERT_FALSE(df.errors.empty());
    bool known = false;
    for (const auto& e : expected) {
      if (name == e.name) {
        known = true;
        EXPECT_EQ(df.errors[0].message.rfind(e.message_prefix, 0), 0u) << df.errors[0].message;
      }
    }
    EXPECT_TRUE(known);
    ++cases;
  }
  EXPECT_EQ(cases, 4);
}

TEST(BuildkitConformance, TestfileLineNumbers) {
  fs::path file = kShared / "conformance/buildkit/parser/testfile-line/Dockerfile";
  REQUIRE_SHARED(file);
  Dockerfile df = parse_path(file);
  EXPECT_EQ(errors_of(df), "");
  ASSERT_EQ(df.instructions.size(), 3u);
  std::vector<std::pair<uint32_t, uint32_t>> lines;
  for (const auto& i : df.instructions) lines.emplace_back(i.start_line + 1, i.end_line + 1);
  EXPECT_EQ(lines, (std::vector<std::pair<uint32_t, uint32_t>>{{5, 5}, {11, 12}, {17, 31}}));
  ASSERT_EQ(df.directives.size(), 1u);
  EXPECT_EQ(df.directives[0].key, "escape");
  EXPECT_EQ(df.directives[0].value, "\\");
}

TEST(BuildkitConformance, TrickyFilesParseWithoutErrors) {
  fs::path dir = kShared / "conformance/tricky";
  REQUIRE_SHARED(dir);
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename() == "MANIFEST.tsv") continue;
    SCOPED_TRACE(entry.path().filename().string());
    Dockerfile df = parse_path(entry.path());
    EXPECT_EQ(errors_of(df), "");
    EXPECT_FALSE(df.instructions.empty());
    ++files;
  }
  EXPECT_EQ(files, 37);
}

}  // namespace
}  // namespace dockml
