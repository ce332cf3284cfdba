#include "analyzer/engine/twins.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/engine/engine.h"
#include "analyzer/engine/rule.h"

namespace dockml {
namespace {

TEST(RuleTwins, TableNamesRegisteredDlAndBkRulesSortedByBk) {
  std::string previous;
  for (const RuleTwin& t : rule_twins()) {
    SCOPED_TRACE(std::string(t.dl) + "/" + std::string(t.bk));
    EXPECT_NE(find_rule(t.dl), nullptr);
    EXPECT_NE(find_rule(t.bk), nullptr);
    EXPECT_EQ(t.dl.substr(0, 2), "DL");
    EXPECT_EQ(t.bk.substr(0, 2), t.bk_owns ? "ML" : "BK");  // owner pairs: an ML rule
    EXPECT_LE(previous, std::string(t.bk));
    previous = std::string(t.bk);
  }
  EXPECT_EQ(rule_twins().size(), 13u);
  EXPECT_TRUE(are_twins("DL3007", "ML402"));
  EXPECT_TRUE(are_twins("ML402", "DL3006"));
  EXPECT_TRUE(are_twins("BK007", "DL3025"));
  EXPECT_TRUE(are_twins("DL4003", "BK012"));
  EXPECT_FALSE(are_twins("BK007", "DL3000"));
  EXPECT_FALSE(are_twins("DL3025", "DL3025"));
}

// "CODE line" per diagnostic of a lint with `select`.
std::vector<std::string> lint(const std::string& text, std::vector<std::string> select) {
  LintOptions o;
  o.select = std::move(select);
  auto source = std::make_shared<SourceFile>("Dockerfile", text);
  LintResult r = lint_source(source, o, FileKind::kDockerfile);
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics)
    out.push_back(d.code + " " + std::to_string(d.source->position(d.span.begin).line + 1));
  return out;
}

using V = std::vector<std::string>;

constexpr const char* kFile =
    "FROM a:1\nMAINTAINER me\nWORKDIR app\nCMD echo hi\nFROM b:1 AS x\nFROM c:1 AS x\n";

TEST(RuleTwins, DefaultReportsTheDlCodeOnce) {
  EXPECT_EQ(lint(kFile, {}), (V{"DL4000 2", "DL3000 3", "DL3025 4", "DL3024 6"}));
  EXPECT_EQ(lint(kFile, {"ALL"}).size(), lint(kFile, {"ALL", "DF"}).size());
}

TEST(RuleTwins, ExplicitBkSelectionReportsTheBkCode) {
  EXPECT_EQ(lint(kFile, {"BK008", "DL3000"}), (V{"BK008 2", "DL3000 3"}));
  EXPECT_EQ(lint(kFile, {"MaintainerDeprecated", "DL3000"}), (V{"BK008 2", "DL3000 3"}));
}

TEST(RuleTwins, BkPrefixCountsAsExplicit) {
  EXPECT_EQ(lint(kFile, {"ALL", "BK0"}), (V{"BK008 2", "BK010 3", "BK007 4", "BK005 6"}));
}

TEST(RuleTwins, BothExplicitKeepsBoth) {
  EXPECT_EQ(lint(kFile, {"BK008", "DL4000"}), (V{"BK008 2", "DL4000 2"}));
  // Both families named (by prefix): the user asked for both (BK00 does not cover BK010).
  EXPECT_EQ(lint(kFile, {"BK00", "DL30"}),
            (V{"BK008 2", "DL3000 3", "DL3025 4", "BK007 4", "BK005 6", "DL3024 6"}));
}

TEST(RuleTwins, IgnoringTheDlCodeIgnoresItsTwin) {
  LintOptions o;
  o.ignore = {"DL4000", "DL30"};
  auto source = std::make_shared<SourceFile>("Dockerfile", kFile);
  std::vector<std::string> got;
  for (const Diagnostic& d : lint_source(source, o, FileKind::kDockerfile).diagnostics) got.push_back(d.code);
  EXPECT_EQ(got, V{});
  // Selecting the BK code explicitly keeps it.
  EXPECT_EQ(lint(kFile, {"BK008"}), (V{"BK008 2"}));
}

TEST(RuleTwins, OnlyTheSameInstructionPairs) {
  std::vector<Diagnostic> diags(3);
  auto source = std::make_shared<SourceFile>("Dockerfile", "FROM a\nCMD x\nCMD y\n");
  diags[0] = Diagnostic{"DL3025", Severity::kWarning, "dl", source, Span{7, 10}, {}, {}, {}};
  diags[1] = Diagnostic{"BK007", Severity::kWarning, "bk", source, Span{11, 12}, {}, {}, {}};
  diags[2] = Diagnostic{"BK007", Severity::kWarning, "bk", source, Span{17, 18}, {}, {}, {}};
  LintOptions o;
  drop_twin_duplicates(diags, nullptr, o);
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(diags[0].code, "DL3025");
  EXPECT_EQ(diags[1].code, "BK007");
  EXPECT_EQ(diags[1].span, (Span{17, 18}));
}

// ML402 owns floating ML framework bases: DL3006/DL3007 never report the same FROM with it.
constexpr const char* kFloating =
    "FROM pytorch/pytorch:latest\n"
    "FROM pytorch/pytorch AS b\n"
    "FROM tensorflow/tensorflow:latest-gpu AS c\n"
    "FROM ubuntu:latest AS d\n"
    "FROM debian AS e\n";

TEST(RuleTwinsOwner, Ml402OwnsFloatingMlBases) {
  EXPECT_EQ(lint(kFloating, {}), (V{"ML402 1", "ML402 2", "ML402 3", "DL3007 4", "DL3006 5"}));
  EXPECT_EQ(lint(kFloating, {"ALL"}), (V{"ML402 1", "ML402 2", "ML402 3", "DL3007 4", "DL3006 5"}));
}

TEST(RuleTwinsOwner, ExplicitDlSelectionReportsTheDlCode) {
  EXPECT_EQ(lint(kFloating, {"DL3006", "DL3007"}), (V{"DL3007 1", "DL3006 2", "DL3007 4", "DL3006 5"}));
  EXPECT_EQ(lint(kFloating, {"DL3007", "ML"}), (V{"ML402 1", "ML402 2", "ML402 3", "DL3007 4"}));
}

TEST(RuleTwinsOwner, IgnoringEitherCodeKeepsTheOther) {
  auto ignoring = [](std::vector<std::string> ignore) {
    LintOptions o;
    o.ignore = std::move(ignore);
    auto source = std::make_shared<SourceFile>("Dockerfile", kFloating);
    V got;
    for (const Diagnostic& d : lint_source(source, o, FileKind::kDockerfile).diagnostics)
      got.push_back(d.code + " " + std::to_string(d.source->position(d.span.begin).line + 1));
    return got;
  };
  EXPECT_EQ(ignoring({"DL3006", "DL3007"}), (V{"ML402 1", "ML402 2", "ML402 3"}));
  EXPECT_EQ(ignoring({"ML402"}), (V{"DL3007 1", "DL3006 2", "DL3007 4", "DL3006 5"}));
}

TEST(RuleTwinsOwner, HadolintPragmaForTheDlCodeSilencesTheOwner) {
  EXPECT_EQ(lint("# hadolint ignore=DL3007\nFROM pytorch/pytorch:latest\n", {}), V{});
}

// Never both codes on one span for the same reason, whatever is selected.
TEST(RuleTwinsOwner, NeverBothOnOneSpan) {
  for (const std::vector<std::string>& select : {std::vector<std::string>{}, {"ALL"}, {"DL", "ML4"}}) {
    LintOptions o;
    o.select = select;
    auto source = std::make_shared<SourceFile>("Dockerfile", kFloating);
    std::vector<Diagnostic> d = lint_source(source, o, FileKind::kDockerfile).diagnostics;
    for (const Diagnostic& a : d)
      for (const Diagnostic& b : d)
        EXPECT_FALSE(a.code == "ML402" && (b.code == "DL3006" || b.code == "DL3007") && a.span == b.span)
            << b.code << " and ML402 on one span";
  }
}

}  // namespace
}  // namespace dockml
