#include "analyzer/fix/apply.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

TEST(ApplyEdits, SortsAndApplies) {
  std::vector<Edit> edits = {{Span{10, 13}, "XYZ"}, {Span{0, 0}, ">"}, {Span{4, 5}, ""}};
  ApplyResult r = apply_edits("0123456789abcdef", edits);
  EXPECT_EQ(r.text, ">012356789XYZdef");
  EXPECT_EQ(r.applied, 3u);
  EXPECT_TRUE(r.conflicts.empty());
}

TEST(ApplyEdits, InsertionsAtOneOffsetKeepOrderAndOverlapsConflict) {
  std::vector<Edit> edits = {{Span{2, 2}, "a"}, {Span{2, 2}, "b"}, {Span{3, 5}, "Y"}, {Span{4, 6}, "Z"}};
  ApplyResult r = apply_edits("012345", edits);
  EXPECT_EQ(r.conflicts, (std::vector<size_t>{3}));
  EXPECT_EQ(r.text, "01ab2Y5");
  EXPECT_EQ(r.applied, 3u);
  EXPECT_FALSE(edits_disjoint(edits, 6));
  EXPECT_FALSE(edits_disjoint({{Span{5, 9}, ""}}, 6));  // outside the text
  EXPECT_TRUE(edits_disjoint({{Span{0, 2}, ""}, {Span{2, 2}, "x"}}, 6));
}

TEST(UnifiedDiff, SmallHunk) {
  std::string before = "FROM a\nRUN apt-get install -y curl\nCMD x\n";
  std::string after = "FROM a\nRUN apt-get install -y --no-install-recommends curl\nCMD x\n";
  EXPECT_EQ(unified_diff(before, after, "Dockerfile"),
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM a\n"
            "-RUN apt-get install -y curl\n+RUN apt-get install -y --no-install-recommends curl\n CMD x\n");
  EXPECT_EQ(unified_diff(before, before, "Dockerfile"), "");
  EXPECT_EQ(unified_diff("a\n", "a\nb", "f"),
            "--- a/f\n+++ b/f\n@@ -1,1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n");
}

}  // namespace
}  // namespace dockml
