#include "rules/buildkit/dockerignore.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

std::string excluded_by(const DockerIgnore& ig, std::string_view path) {
  const DockerIgnore::Pattern* p = ig.excluding(path);
  return p == nullptr ? std::string("-") : p->text + "@" + std::to_string(p->line);
}

TEST(DockerIgnore, ParsesCommentsBlankLinesNegationAndCleaning) {
  DockerIgnore ig = DockerIgnore::parse("# comment\n\n  *.pyc  \n!keep.pyc\n/build/\n./a/../data\n");
  ASSERT_EQ(ig.patterns().size(), 4u);
  EXPECT_EQ(ig.patterns()[0].text, "*.pyc");
  EXPECT_EQ(ig.patterns()[0].line, 3u);
  EXPECT_TRUE(ig.patterns()[1].exclusion);
  EXPECT_EQ(ig.patterns()[1].text, "keep.pyc");
  EXPECT_EQ(ig.patterns()[2].text, "build");
  EXPECT_EQ(ig.patterns()[3].text, "data");
}

TEST(DockerIgnore, StarStaysInOneElementDoubleStarCrossesThem) {
  DockerIgnore ig = DockerIgnore::parse("*.pyc\n**/__pycache__\ndocs/**/*.md\n");
  EXPECT_EQ(excluded_by(ig, "x.pyc"), "*.pyc@1");
  EXPECT_EQ(excluded_by(ig, "src/x.pyc"), "-");
  EXPECT_EQ(excluded_by(ig, "__pycache__"), "**/__pycache__@2");
  EXPECT_EQ(excluded_by(ig, "a/b/__pycache__/m.pyc"), "**/__pycache__@2");
  EXPECT_EQ(excluded_by(ig, "docs/README.md"), "docs/**/*.md@3");
  EXPECT_EQ(excluded_by(ig, "docs/a/b/x.md"), "docs/**/*.md@3");
  EXPECT_EQ(excluded_by(ig, "docs/a/b/x.txt"), "-");
}

TEST(DockerIgnore, ParentDirectoryAndLastMatchWins) {
  DockerIgnore ig = DockerIgnore::parse("models\n!models/config.json\nmodels/config.json.bak\n");
  EXPECT_EQ(excluded_by(ig, "models/w.safetensors"), "models@1");
  EXPECT_EQ(excluded_by(ig, "models/config.json"), "-");
  EXPECT_EQ(excluded_by(ig, "models/config.json.bak"), "models/config.json.bak@3");
  EXPECT_EQ(excluded_by(ig, "modelsx"), "-");
}

TEST(DockerIgnore, ClassesQuestionMarkAndEscapes) {
  DockerIgnore ig = DockerIgnore::parse("file[0-9].txt\n?.log\nweird\\*name\n[unclosed\n");
  ASSERT_EQ(ig.patterns().size(), 3u);
  EXPECT_EQ(excluded_by(ig, "file7.txt"), "file[0-9].txt@1");
  EXPECT_EQ(excluded_by(ig, "fileA.txt"), "-");
  EXPECT_EQ(excluded_by(ig, "a.log"), "?.log@2");
  EXPECT_EQ(excluded_by(ig, "ab.log"), "-");
  EXPECT_EQ(excluded_by(ig, "weird*name"), "weird\\*name@3");
  EXPECT_EQ(excluded_by(ig, "weirdXname"), "-");
}

TEST(DockerIgnore, CleanContextPath) {
  EXPECT_EQ(clean_context_path("./a//b/./c/"), "a/b/c");
  EXPECT_EQ(clean_context_path("/abs/x"), "abs/x");
  EXPECT_EQ(clean_context_path("a/../b"), "b");
  EXPECT_EQ(clean_context_path("../up"), std::nullopt);
  EXPECT_EQ(clean_context_path("."), "");
}

}  // namespace
}  // namespace dockml
