#include "analyzer/engine/engine.h"

#include <gtest/gtest.h>

#include "analyzer/engine/file_kind.h"
#include "analyzer/engine/selection.h"

namespace dockml {
namespace {

TEST(FileKind, ByName) {
  EXPECT_EQ(kind_from_name("Dockerfile"), FileKind::kDockerfile);
  EXPECT_EQ(kind_from_name("a/b/Dockerfile.gpu"), FileKind::kDockerfile);
  EXPECT_EQ(kind_from_name("train.Dockerfile"), FileKind::kDockerfile);
  EXPECT_EQ(kind_from_name("x.dockerfile"), FileKind::kDockerfile);
  EXPECT_EQ(kind_from_name("Containerfile"), FileKind::kDockerfile);
  EXPECT_EQ(kind_from_name("requirements-dev.txt"), FileKind::kRequirements);
  EXPECT_EQ(kind_from_name("docker-compose.override.yml"), FileKind::kCompose);
  EXPECT_EQ(kind_from_name("compose.yaml"), FileKind::kCompose);
  EXPECT_EQ(kind_from_name("deploy.yaml"), std::nullopt);
  EXPECT_EQ(kind_from_name("dockerfile"), std::nullopt);
  EXPECT_EQ(kind_from_name("notes.txt"), std::nullopt);
}

TEST(FileKind, ByContent) {
  EXPECT_TRUE(looks_like_kubernetes("# c\napiVersion: v1\nkind: Pod\n"));
  EXPECT_FALSE(looks_like_kubernetes("spec:\n  apiVersion: v1\n  kind: Pod\n"));
  EXPECT_EQ(detect_kind("job.yaml", "apiVersion: batch/v1\nkind: Job\n"), FileKind::kKubernetes);
  EXPECT_EQ(detect_kind("stack.yml", "services:\n  a: {}\n"), FileKind::kCompose);
  EXPECT_EQ(detect_kind("constraints.txt", ""), FileKind::kRequirements);
  EXPECT_EQ(detect_kind("-", "FROM a\n"), FileKind::kDockerfile);
  EXPECT_EQ(detect_kind("README.md", ""), FileKind::kDockerfile);
}

TEST(Selection, Selectors) {
  bool exact = false;
  EXPECT_TRUE(selector_matches("DL3008", "DL3008", "", &exact));
  EXPECT_TRUE(exact);
  EXPECT_TRUE(selector_matches("dl30", "DL3008", "", &exact));
  EXPECT_FALSE(exact);
  EXPECT_TRUE(selector_matches("ALL", "ML101", "", &exact));
  EXPECT_FALSE(exact);
  EXPECT_TRUE(selector_matches("JSONArgsRecommended", "BK007", "JSONArgsRecommended", &exact));
  EXPECT_TRUE(exact);
  EXPECT_FALSE(selector_matches("DL31", "DL3008", ""));
  EXPECT_FALSE(selector_matches("", "DL3008", ""));
}

TEST(Selection, OffByDefaultRulesNeedExactSelection) {
  RuleMeta on{"ZZ101", "on-rule", Severity::kWarning, true, FixAvailability::kNone, "s", "d"};
  RuleMeta off{"ZZ102", "off-rule", Severity::kWarning, false, FixAvailability::kNone, "s", "d",
               "OffRule"};
  LintOptions o;
  EXPECT_TRUE(RuleSelection(o).rule_enabled(on));
  EXPECT_FALSE(RuleSelection(o).rule_enabled(off));
  o.select = {"ZZ"};
  EXPECT_TRUE(RuleSelection(o).rule_enabled(on));
  EXPECT_FALSE(RuleSelection(o).rule_enabled(off));
  o.select = {"ZZ102"};
  EXPECT_FALSE(RuleSelection(o).rule_enabled(on));
  EXPECT_TRUE(RuleSelection(o).rule_enabled(off));
  o.select = {"offrule"};
  EXPECT_TRUE(RuleSelection(o).rule_enabled(off));
  o.ignore = {"ZZ1"};
  EXPECT_FALSE(RuleSelection(o).rule_enabled(off));
}

TEST(Engine, ParseErrorsBecomeDf001AndSelectionKeepsThem) {
  auto src = std::make_shared<SourceFile>("Dockerfile", "FROM alpine\nRUNN echo\n");
  LintOptions o;
  o.select = {"ML1"};
  LintResult r = lint_source(src, o);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].code, "DF001");
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kError);
  EXPECT_EQ(r.diagnostics[0].span, (Span{12, 16}));
  EXPECT_EQ(r.diagnostics[0].message, "unknown instruction: RUNN (did you mean RUN?)");
  o.ignore = {"DF001"};
  EXPECT_TRUE(lint_source(src, o).diagnostics.empty());
}

TEST(Engine, SeverityOverride) {
  auto src = std::make_shared<SourceFile>("Dockerfile", std::string("FROM alpine\0\n", 13));
  LintOptions o;
  o.severity_overrides["DF001"] = Severity::kInfo;
  LintResult r = lint_source(src, o);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kInfo);
}

TEST(Engine, NonTextInputIsOneDiagnostic) {
  std::string bytes = "FROM alpine\nRUN echo \xc3\n";
  auto src = std::make_shared<SourceFile>("Dockerfile", bytes);
  LintResult r = lint_source(src, LintOptions{});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].span, (Span{21, 22}));
  EXPECT_EQ(r.diagnostics[0].message,
            "invalid UTF-8: byte 0xC3 at byte offset 21; expected UTF-8 text, the file is not linted");
  EXPECT_EQ(r.dockerfile, nullptr);
}

}  // namespace
}  // namespace dockml
