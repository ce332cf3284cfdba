// Unified-diff parsing for pull-request mode: exact added-line ranges per new-side path.
#include "analyzer/diff/diff_filter.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

using Ranges = std::vector<LineRange>;

TEST(DiffFilter, GitModifyWithZeroContext) {
  DiffChanges d = parse_unified_diff(
      "diff --git a/Dockerfile b/Dockerfile\n"
      "index 1111111..2222222 100644\n"
      "--- a/Dockerfile\n"
      "+++ b/Dockerfile\n"
      "@@ -3 +3 @@ FROM x\n"
      "-RUN old\n"
      "+RUN new\n"
      "@@ -7,0 +8,2 @@\n"
      "+RUN a\n"
      "+RUN b\n"
      "@@ -10,2 +11,0 @@\n"
      "-gone\n"
      "-gone too\n");
  ASSERT_EQ(d.files.size(), 1u);
  EXPECT_EQ(d.files.at("Dockerfile"), (Ranges{{3, 3}, {8, 9}}));
  EXPECT_TRUE(diff_touches(d, "Dockerfile", 9, 12));
  EXPECT_FALSE(diff_touches(d, "Dockerfile", 4, 7));
  EXPECT_FALSE(diff_touches(d, "other", 3, 3));
}

TEST(DiffFilter, ContextLinesAndNoNewlineMarker) {
  DiffChanges d = parse_unified_diff(
      "--- a/f\r\n"
      "+++ b/f\r\n"
      "@@ -1,3 +1,3 @@\r\n"
      " one\r\n"
      "-two\r\n"
      "\\ No newline at end of file\r\n"
      "+TWO\r\n"
      " three\r\n"
      "\\ No newline at end of file\r\n");
  EXPECT_EQ(d.files.at("f"), (Ranges{{2, 2}}));
}

TEST(DiffFilter, NewDeletedAndRenamedFiles) {
  DiffChanges d = parse_unified_diff(
      "diff --git a/new.Dockerfile b/new.Dockerfile\n"
      "new file mode 100644\n"
      "--- /dev/null\n"
      "+++ b/new.Dockerfile\n"
      "@@ -0,0 +1,2 @@\n"
      "+FROM a\n"
      "+--- not a header\n"
      "diff --git a/old b/old\n"
      "deleted file mode 100644\n"
      "--- a/old\n"
      "+++ /dev/null\n"
      "@@ -1 +0,0 @@\n"
      "-+++ b/fake\n"
      "diff --git a/dir/A b/dir/B\n"
      "similarity index 90%\n"
      "rename from dir/A\n"
      "rename to dir/B\n"
      "--- a/dir/A\n"
      "+++ b/dir/B\n"
      "@@ -2 +2 @@\n"
      "-x\n"
      "+y\n"
      "diff --git a/same b/moved\n"
      "similarity index 100%\n"
      "rename from same\n"
      "rename to moved\n");
  ASSERT_EQ(d.files.size(), 2u);
  EXPECT_EQ(d.files.at("new.Dockerfile"), (Ranges{{1, 2}}));
  EXPECT_EQ(d.files.at("dir/B"), (Ranges{{2, 2}}));
  EXPECT_EQ(d.files.count("old"), 0u);
  EXPECT_EQ(d.files.count("fake"), 0u);
}

TEST(DiffFilter, QuotedPathsAndPlainDiffTimestamps) {
  DiffChanges d = parse_unified_diff(
      "diff --git \"a/my dir/Docker\\tfile\" \"b/my dir/Docker\\tfile\"\n"
      "--- \"a/my dir/Docker\\tfile\"\n"
      "+++ \"b/my dir/Docker\\tfile\"\n"
      "@@ -1 +1 @@\n"
      "-a\n"
      "+b\n"
      "--- x/Containerfile\t2024-01-01 00:00:00.000000000 +0000\n"
      "+++ y/Containerfile\t2024-01-02 00:00:00.000000000 +0000\n"
      "@@ -5,0 +6 @@\n"
      "+new\n");
  ASSERT_EQ(d.files.size(), 2u);
  EXPECT_EQ(d.files.at("my dir/Docker\tfile"), (Ranges{{1, 1}}));
  EXPECT_EQ(d.files.at("y/Containerfile"), (Ranges{{6, 6}}));
  EXPECT_EQ(unquote_git_path("\"caf\\303\\251 \\\"q\\\"\""), "caf\xc3\xa9 \"q\"");
}

TEST(DiffFilter, GarbageAndEmptyInputNeverThrow) {
  EXPECT_TRUE(parse_unified_diff("").files.empty());
  EXPECT_TRUE(parse_unified_diff("@@ -1,99999999999 +1,2 @@\n+x\n").files.empty());
  DiffChanges d = parse_unified_diff("+++ b/f\n@@ -1 +1,3 @@\n+a\nnot a diff line\n");
  EXPECT_EQ(d.files.at("f"), (Ranges{{1, 1}}));
}

}  // namespace
}  // namespace dockml
