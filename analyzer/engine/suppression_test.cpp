#include "analyzer/engine/suppression.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/dockerfile/parser.h"
#include "analyzer/engine/engine.h"
#include "analyzer/engine/rule.h"
#include "analyzer/engine/twins.h"

namespace dockml {
namespace {

// "CODE line:col severity" per diagnostic, 1-based, in output order.
std::vector<std::string> lint(const std::string& text, std::vector<std::string> select,
                              bool inline_suppressions = true) {
  LintOptions o;
  o.select = std::move(select);
  o.inline_suppressions = inline_suppressions;
  auto source = std::make_shared<SourceFile>("Dockerfile", text);
  LintResult r = lint_source(source, o, FileKind::kDockerfile);
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) {
    Position p = d.source->position(d.span.begin);
    out.push_back(d.code + " " + std::to_string(p.line + 1) + ":" + std::to_string(p.column + 1) + " " +
                  std::string(severity_name(d.severity)));
  }
  return out;
}

using V = std::vector<std::string>;

TEST(Suppression, NextInstructionOnly) {
  std::string df = "FROM a:1\n# dockml ignore=DL3025\nCMD echo hi\nCMD echo bye\n";
  EXPECT_EQ(lint(df, {"DL3025"}), (V{"DL3025 4:1 warning"}));
}

TEST(Suppression, BlankLinesBetweenCommentAndInstruction) {
  std::string df = "FROM a:1\n# hadolint ignore=DL3025\n\nCMD echo hi\n";
  EXPECT_EQ(lint(df, {"DL3025"}), V{});
}

TEST(Suppression, HadolintListWithSpacesAndTrailingComment) {
  std::string df = "FROM a:1\n# hadolint ignore=DL3007, DL3025 # because\nCMD echo hi\n";
  EXPECT_EQ(lint(df, {"DL3025"}), V{});
}

TEST(Suppression, GlobalCoversTheWholeFile) {
  std::string df = "# hadolint global ignore=DL3025\nFROM a:1\nCMD echo hi\nFROM b:1\nCMD echo bye\n";
  EXPECT_EQ(lint(df, {"DL3025"}), V{});
  std::string dockml = "FROM a:1\nCMD echo hi\n# dockml global ignore=DL3025\n";
  EXPECT_EQ(lint(dockml, {"DL3025"}), V{});
}

TEST(Suppression, StageOfTheNextInstruction) {
  std::string after_from = "FROM a:1 AS one\n# dockml stage ignore=DL3025\nRUN true\nCMD echo 1\n"
                           "FROM b:1\nCMD echo 2\n";
  EXPECT_EQ(lint(after_from, {"DL3025"}), (V{"DL3025 6:1 warning"}));
  std::string before_from = "# hadolint stage ignore=DL3025\nFROM a:1\nCMD x\nFROM b:1\nCMD y\n";
  EXPECT_EQ(lint(before_from, {"DL3025"}), (V{"DL3025 5:1 warning"}));
}

TEST(Suppression, CommentInsideContinuationAppliesToItsInstruction) {
  std::string df = "FROM a:1\nCMD echo one \\\n    # dockml ignore=DL3025\n    two\nCMD echo three\n";
  EXPECT_EQ(lint(df, {"DL3025"}), (V{"DL3025 5:1 warning"}));
}

TEST(Suppression, EveryLineOfAMultiLineInstructionIsCovered) {
  // BK007 points at the arguments on the instruction's second line.
  std::string df = "FROM a:1\n# dockml ignore=BK007\nCMD \\\n  echo hi\nCMD \\\n  echo bye\n";
  EXPECT_EQ(lint(df, {"BK007"}), (V{"BK007 6:3 warning"}));
}

TEST(Suppression, BuildKitNamesAreAccepted) {
  std::string df = "FROM a:1\n# dockml ignore=jsonargsrecommended\nCMD echo hi\n";
  EXPECT_EQ(lint(df, {"BK007"}), V{});
}

TEST(Suppression, CheckDirectiveSkipsInTheWholeFile) {
  std::string df = "# check=skip=JSONArgsRecommended,StageNameCasing\nFROM a:1 AS Build\nCMD echo hi\n";
  EXPECT_EQ(lint(df, {"BK"}), V{});
  // The DL twin of a skipped check is the same finding: skipped too.
  EXPECT_EQ(lint(df, {"DL3025"}), V{});
}

TEST(Suppression, CheckSkipAllCoversBuildKitChecksOnly) {
  std::string df = "# check=skip=all\nFROM a:latest AS Build\nCMD echo hi\n";
  EXPECT_EQ(lint(df, {"BK", "DL3007"}), (V{"DL3007 2:6 warning"}));
}

TEST(Suppression, CheckErrorTrueMakesBuildKitFindingsErrors) {
  std::string df = "# check=error=true\nFROM a:1 AS Build\nCMD echo hi\n";
  EXPECT_EQ(lint(df, {"BK001", "BK007", "DL3025"}),
            (V{"BK001 2:13 error", "DL3025 3:1 warning", "BK007 3:5 error"}));
}

TEST(Suppression, CheckCommentAboveAnInstructionOrAStage) {
  std::string inst = "FROM a:1\n# check=skip=JSONArgsRecommended\nCMD echo hi\nCMD echo bye\n";
  EXPECT_EQ(lint(inst, {"BK007"}), (V{"BK007 4:5 warning"}));
  // Not at the top of the file (there it is a parser directive for the whole file).
  std::string stage = "FROM z:1\n# check=skip=JSONArgsRecommended\nFROM a:1\nCMD echo hi\nFROM b:1\nCMD echo bye\n";
  EXPECT_EQ(lint(stage, {"BK007"}), (V{"BK007 6:5 warning"}));
}

TEST(Suppression, DisabledPragmasSuppressNothing) {
  std::string df = "FROM a:1\n# hadolint ignore=DL3025\nCMD echo hi\n";
  EXPECT_EQ(lint(df, {"DL3025"}, /*inline_suppressions=*/false), (V{"DL3025 3:1 warning"}));
}

TEST(Suppression, ParsesScopesCodesAndReason) {
  auto source = std::make_shared<SourceFile>(
      "Dockerfile",
      "# check=skip=all;error=true\nFROM a:1\n# dockml ignore=DL3008 , ML101 reason=\"pinned upstream\"\n"
      "RUN x\n# hadolint shell=pwsh\n# dockml ignored DL3008\n");
  Dockerfile df = parse_dockerfile(source);
  InlineSuppressions s = parse_inline_suppressions(df);
  EXPECT_TRUE(s.bk_errors);
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].scope, SuppressionScope::kFile);
  EXPECT_TRUE(s.items[0].all_bk);
  EXPECT_EQ(source->slice(s.items[0].all_span), "all");
  EXPECT_EQ(s.items[1].scope, SuppressionScope::kInstruction);
  ASSERT_EQ(s.items[1].codes.size(), 2u);
  EXPECT_EQ(s.items[1].codes[0].code, "DL3008");
  EXPECT_EQ(source->slice(s.items[1].codes[1].span), "ML101");
  EXPECT_EQ(s.items[1].reason, "pinned upstream");
  EXPECT_EQ(source->slice(s.items[1].covers), "RUN x");
  ASSERT_EQ(s.malformed.size(), 1u);
  EXPECT_EQ(source->slice(s.malformed[0].span), "# dockml ignored DL3008");
}

TEST(UnusedSuppression, ReportsUnusedUnknownAndMalformed) {
  std::string df =
      "FROM a:1\n"
      "# dockml ignore=DL3025\n"
      "RUN echo hi\n"
      "# hadolint ignore=DL9999,DL3025\n"
      "CMD echo x\n"
      "# dockml ignore DL3025\n"
      "# dockml ignore=DL3007,DL3025\n";
  LintOptions o;
  o.select = {"DF002", "DL3025"};
  auto source = std::make_shared<SourceFile>("Dockerfile", df);
  LintResult r = lint_source(source, o, FileKind::kDockerfile);
  std::vector<std::string> got;
  for (const Diagnostic& d : r.diagnostics) {
    Position p = source->position(d.span.begin);
    got.push_back(d.code + " " + std::to_string(p.line + 1) + ":" + std::to_string(p.column + 1) + " " +
                  std::string(source->slice(d.span)) + " | " + d.message);
  }
  EXPECT_EQ(got, (V{
      "DF002 2:17 DL3025 | unused suppression of DL3025: no DL3025 diagnostic on the instruction it "
      "applies to",
      "DF002 4:19 DL9999 | `DL9999` is not a rule code or BuildKit check name: this suppression has no "
      "effect",
      "DF002 6:1 # dockml ignore DL3025 | this `# dockml` comment is not a suppression: expected "
      "`# dockml [global|stage] ignore=CODE[,CODE] [reason=...]`",
      // DL3007 did not run (not selected): not reported as unused.
      "DF002 7:24 DL3025 | unused suppression of DL3025: no instruction follows it",
  }));
}

TEST(UnusedSuppression, OffByDefault) {
  std::string df = "FROM a:1\n# dockml ignore=DL3025\nRUN echo hi\n";
  EXPECT_EQ(lint(df, {}), V{});
}

TEST(UnusedSuppression, CanItselfBeSuppressed) {
  std::string df = "# dockml global ignore=DF002\nFROM a:1\n# dockml ignore=DL3025\nRUN echo hi\n";
  EXPECT_EQ(lint(df, {"DF002", "DL3025"}), V{});
}

}  // namespace
}  // namespace dockml
