// The shell front end on RUN instructions produced by the real Dockerfile parser: carets on
// words inside continued lines, comment lines inside continuations and heredoc bodies.
#include <gtest/gtest.h>

#include "analyzer/dockerfile/parser.h"
#include "analyzer/shell/recognize.h"
#include "analyzer/shell/shell.h"

namespace dockml::shell {
namespace {

// The source text under a span, as a caret line would underline it.
std::string under(const SourceFile& f, Span s) { return std::string(f.slice(s)); }

TEST(ShellOnDockerfile, CaretsThroughContinuationsAndComments) {
  std::string text =
      "FROM python:3.10\n"
      "RUN pip install --no-cache-dir \\\n"
      "# a comment inside the continuation\n"
      "      torch==2.1.0+cu118 \\\n"
      "    && apt-get install -y \\\n"
      "       curl\n";
  auto src = std::make_shared<SourceFile>("Dockerfile", text);
  Dockerfile df = parse_dockerfile(src);
  ASSERT_EQ(df.instructions.size(), 2u);
  ShellScript s = parse_run(df.instructions[1], *src);
  ASSERT_EQ(s.status, ScriptStatus::kOk);
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(under(*src, s.commands[0].argv[3].span), "torch==2.1.0+cu118");
  EXPECT_EQ(src->position(s.commands[0].argv[3].span.begin), (Position{3, 6}));
  EXPECT_EQ(under(*src, s.commands[1].argv[3].span), "curl");
  EXPECT_EQ(src->position(s.commands[1].argv[3].span.begin), (Position{5, 7}));

  InstallFacts f = recognize(s, src);
  ASSERT_EQ(f.pip.size(), 1u);
  EXPECT_EQ(under(*src, f.pip[0].requirements[0].specifier_ref.span), "==2.1.0+cu118");
  EXPECT_EQ(f.pip[0].requirements[0].ref.source, src);
  ASSERT_EQ(f.system.size(), 1u);
  EXPECT_EQ(under(*src, f.system[0].packages[0].ref.span), "curl");
}

TEST(ShellOnDockerfile, CaretsInHeredocBodies) {
  std::string text =
      "FROM ubuntu:22.04\n"
      "RUN <<EOF\n"
      "set -e\n"
      "pip install \\\n"
      "   jax[cuda12]==0.4.23\n"
      "EOF\n"
      "RUN cat <<CONF > /etc/pip.conf && pip install numpy\n"
      "[global]\n"
      "CONF\n";
  auto src = std::make_shared<SourceFile>("Dockerfile", text);
  Dockerfile df = parse_dockerfile(src);
  ASSERT_EQ(df.instructions.size(), 3u);

  ShellScript a = parse_run(df.instructions[1], *src);
  ASSERT_EQ(a.status, ScriptStatus::kOk) << a.reason;
  ASSERT_EQ(a.commands.size(), 2u);
  EXPECT_EQ(a.commands[1].name(), "pip");
  EXPECT_EQ(under(*src, a.commands[1].argv[2].span), "jax[cuda12]==0.4.23");
  EXPECT_EQ(src->position(a.commands[1].argv[2].span.begin), (Position{4, 3}));

  ShellScript b = parse_run(df.instructions[2], *src);
  ASSERT_EQ(b.commands.size(), 2u);
  EXPECT_EQ(b.commands[0].name(), "cat");
  EXPECT_EQ(b.commands[1].name(), "pip");
  EXPECT_EQ(under(*src, b.commands[1].argv[2].span), "numpy");
}

TEST(ShellOnDockerfile, HeredocMarkerBeforeTheCommand) {
  std::string text =
      "FROM x\n"
      "RUN <<\"EOF\" bash -exu\n"
      "  pip install flax\n"
      "EOF\n";
  auto src = std::make_shared<SourceFile>("Dockerfile", text);
  Dockerfile df = parse_dockerfile(src);
  ASSERT_EQ(df.instructions.size(), 2u);
  ShellScript s = parse_run(df.instructions[1], *src);
  EXPECT_TRUE(s.syntax_errors.empty());
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].name(), "bash");
  EXPECT_EQ(under(*src, s.commands[0].span), "bash -exu");
  EXPECT_EQ(s.commands[1].name(), "pip");
  EXPECT_EQ(s.commands[1].context, kInHeredocScript);
  EXPECT_EQ(under(*src, s.commands[1].argv[2].span), "flax");
}

TEST(ShellOnDockerfile, OnbuildRunAndExecForm) {
  std::string text =
      "FROM x\n"
      "ONBUILD RUN pip install onnx\n"
      "RUN [\"pip\", \"install\", \"tensorrt\"]\n";
  auto src = std::make_shared<SourceFile>("Dockerfile", text);
  Dockerfile df = parse_dockerfile(src);
  ASSERT_EQ(df.instructions.size(), 3u);
  ShellScript on = parse_run(df.instructions[1], *src);
  ASSERT_EQ(on.commands.size(), 1u);
  EXPECT_EQ(under(*src, on.commands[0].argv[2].span), "onnx");
  ShellScript ex = parse_run(df.instructions[2], *src);
  ASSERT_EQ(ex.commands.size(), 1u);
  EXPECT_EQ(ex.commands[0].argv[2].value, "tensorrt");
  InstallFacts f = recognize(ex, src);
  ASSERT_EQ(f.pip.size(), 1u);
  EXPECT_EQ(f.pip[0].requirements[0].name, "tensorrt");
}

}  // namespace
}  // namespace dockml::shell
