// ShellCheck on RUN: findings at exact Dockerfile positions (skipped when shellcheck is missing).
#include "rules/hadolint/shellcheck.h"

#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "analyzer/dockerfile/parser.h"
#include "analyzer/engine/engine.h"
#include "analyzer/engine/options.h"
#include "analyzer/render/render.h"

namespace dockml {
namespace {

// "line:col-end_line:end_col CODE severity message" per SC finding (1-based, end exclusive).
std::vector<std::string> sc_findings(const std::string& text, std::vector<std::string> select = {"SC"}) {
  auto source = std::make_shared<SourceFile>("Dockerfile", text);
  LintOptions options;
  options.shellcheck = true;
  options.select = std::move(select);
  LintResult result = lint_source(source, options, FileKind::kDockerfile);
  std::vector<std::string> out;
  for (const Diagnostic& d : result.diagnostics) {
    if (!d.code.starts_with("SC")) continue;
    Position b = source->position(d.span.begin), e = source->position(d.span.end);
    out.push_back(fmt::format("{}:{}-{}:{} {} {} {}", b.line + 1, b.column + 1, e.line + 1, e.column + 1, d.code,
                              severity_name(d.severity), d.message));
  }
  return out;
}

#define REQUIRE_SHELLCHECK()                                                                       \
  if (rules::hl::shellcheck_path().empty()) GTEST_SKIP() << "shellcheck is not on PATH: ShellCheck " \
                                                            "integration not tested"

TEST(Shellcheck, MapsThroughContinuationLines) {
  REQUIRE_SHELLCHECK();
  EXPECT_EQ(sc_findings("FROM alpine:3.20\n"
                        "ARG VERSION=1\n"
                        "RUN echo \"$VERSION\" && \\\n"
                        "    cd /tmp && \\\n"
                        "\techo $undefined_var\n"),
            (std::vector<std::string>{
                "5:7-5:21 SC2086 info Double quote to prevent globbing and word splitting.",
                "5:7-5:21 SC2154 warning undefined_var is referenced but not assigned.",
            }));
}

TEST(Shellcheck, HeredocAndOnbuild) {
  REQUIRE_SHELLCHECK();
  EXPECT_EQ(sc_findings("FROM alpine:3.20\n"
                        "RUN <<EOF\n"
                        "set -e\n"
                        "echo $1\n"
                        "EOF\n"
                        "ONBUILD RUN cd /app\n"),
            (std::vector<std::string>{
                "4:6-4:8 SC2086 info Double quote to prevent globbing and word splitting.",
                "6:13-6:20 SC2164 warning Use 'cd ... || exit' or 'cd ... || return' in case cd fails.",
            }));
}

TEST(Shellcheck, BashShellAndSkippedForms) {
  REQUIRE_SHELLCHECK();
  EXPECT_EQ(sc_findings("FROM alpine:3.20\n"
                        "RUN [ -n \"$HOME\" ] && echo ok\n"
                        "RUN [\"sh\", \"-c\", \"echo $1\"]\n"
                        "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                        "RUN [[ -n $HOSTNAME ]] && echo \"${PATH}\"\n"
                        "RUN python3 <<EOF\nprint('$1')\nEOF\n"),
            (std::vector<std::string>{}));
}

TEST(Shellcheck, DefaultShellIsPosixSh) {
  REQUIRE_SHELLCHECK();
  EXPECT_EQ(sc_findings("FROM alpine:3.20\nRUN [[ -n $HOSTNAME ]] && echo ok\n"),
            (std::vector<std::string>{"2:5-2:23 SC3010 warning In POSIX sh, [[ ]] is undefined."}));
}

TEST(Shellcheck, OnlyWhenSelectedAndEnabled) {
  REQUIRE_SHELLCHECK();
  const std::string text = "FROM alpine:3.20\nRUN echo $1\n";
  EXPECT_EQ(sc_findings(text, {"DL3008"}), (std::vector<std::string>{}));
  EXPECT_EQ(sc_findings(text, {"SC2086"}).size(), 1u);
  auto source = std::make_shared<SourceFile>("Dockerfile", text);
  LintResult off = lint_source(source, LintOptions{}, FileKind::kDockerfile);
  for (const Diagnostic& d : off.diagnostics) EXPECT_FALSE(d.code.starts_with("SC")) << d.code;
}

TEST(Shellcheck, DirectCallWithoutModel) {
  REQUIRE_SHELLCHECK();
  auto source = std::make_shared<SourceFile>("Dockerfile", "FROM alpine:3.20\nARG V=1\nRUN echo $1 $V\n");
  Dockerfile df = parse_dockerfile(source);
  FileContext ctx;
  ctx.source = source;
  ctx.dockerfile = &df;
  ctx.lint_id = 0xD1;
  std::vector<rules::hl::ShellcheckInput> inputs = rules::hl::shellcheck_inputs(ctx);
  ASSERT_EQ(inputs.size(), 1u);
  EXPECT_EQ(inputs[0].header_lines, 12u);  // shebang, V, ten proxy names
  EXPECT_TRUE(inputs[0].file_text.starts_with("#!/bin/sh\nexport V=1\nexport HTTP_PROXY=1\n")) << inputs[0].file_text;
  std::vector<Diagnostic> out;
  EXPECT_EQ(rules::hl::run_shellcheck(ctx, out), std::nullopt);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].code, "SC2086");
  EXPECT_EQ(source->slice(out[0].span), "$1");
}

TEST(Shellcheck, DocsLinkIsTheShellCheckWiki) {
  EXPECT_EQ(rule_url("SC2086"), "https://www.shellcheck.net/wiki/SC2086");
  EXPECT_EQ(rule_url("DL3008"), "https://github.com/dockml/dockml/blob/main/docs/rules/DL3008.md");
}

TEST(Shellcheck, Selection) {
  LintOptions o;
  EXPECT_TRUE(rules::hl::shellcheck_selected(o));
  o.select = {"DL"};
  EXPECT_FALSE(rules::hl::shellcheck_selected(o));
  o.select = {"DL", "sc2086"};
  EXPECT_TRUE(rules::hl::shellcheck_selected(o));
  o.select = {"ALL"};
  EXPECT_TRUE(rules::hl::shellcheck_selected(o));
  o.ignore = {"SC"};
  EXPECT_FALSE(rules::hl::shellcheck_selected(o));
}

}  // namespace
}  // namespace dockml
