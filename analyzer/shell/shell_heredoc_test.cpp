// Heredoc scripts and pathological input for the shell front end.
#include <gtest/gtest.h>


#include "analyzer/shell/shell.h"
#include "analyzer/shell/shell_test_util.h"

namespace dockml::shell {
namespace {

using testing::find_span;

// A RUN with one heredoc: the marker line is line 0, the body follows, then `name` alone.
Instruction make_heredoc_run(std::string_view src, std::string name, bool chomp = false) {
  Instruction run;
  run.kind = InstructionKind::kRun;
  uint32_t line_end = static_cast<uint32_t>(src.find('\n'));
  run.rest = testing::join_continuations(src, 4, line_end);
  Heredoc h;
  h.name = name;
  h.chomp_tabs = chomp;
  size_t term = src.rfind(name);  // the terminator line (after optional tabs)
  while (term > 0 && src[term - 1] == '\t') --term;
  h.body_span = Span{line_end + 1, static_cast<uint32_t>(term)};
  h.body = std::string(src.substr(h.body_span.begin, h.body_span.size()));
  size_t term_end = src.find('\n', term);
  h.terminator_span = Span{static_cast<uint32_t>(term), static_cast<uint32_t>(term_end)};
  run.heredocs.push_back(h);
  return run;
}

TEST(ShellHeredoc, RunHeredocIsTheScript) {
  std::string src =
      "RUN <<EOF\n"
      "pip install torch\n"
      "  apt-get install -y \\\n"
      "   curl\n"
      "EOF\n";
  SourceFile file("Dockerfile", src);
  ShellScript s = parse_run(make_heredoc_run(src, "EOF"), file);
  ASSERT_EQ(s.status, ScriptStatus::kOk) << s.reason;
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].name(), "pip");
  EXPECT_EQ(s.commands[0].context, kInHeredocScript);
  EXPECT_EQ(s.commands[0].argv[2].span, find_span(src, "torch"));
  EXPECT_EQ(s.commands[1].name(), "apt-get");
  EXPECT_EQ(s.commands[1].argv[3].value, "curl");
  EXPECT_EQ(s.commands[1].argv[3].span, find_span(src, "curl"));
  EXPECT_EQ(s.commands[1].before, Connector::kSequence);
}

TEST(ShellHeredoc, TabStrippedHeredoc) {
  std::string src = "RUN <<-EOF\n\tpip install numpy\n\tEOF\n";
  SourceFile file("Dockerfile", src);
  ShellScript s = parse_run(make_heredoc_run(src, "EOF", true), file);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0].argv[2].span, find_span(src, "numpy"));
}

TEST(ShellHeredoc, DataHeredocIsNotParsedAsCommands) {
  std::string src = "RUN cat <<EOF > /etc/pip.conf && pip install x\n[global]\nfoo = 1\nEOF\n";
  SourceFile file("Dockerfile", src);
  ShellScript s = parse_run(make_heredoc_run(src, "EOF"), file);
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].name(), "cat");
  EXPECT_EQ(s.commands[0].after, Connector::kAnd);
  EXPECT_EQ(s.commands[1].name(), "pip");
  EXPECT_EQ(s.commands[1].before, Connector::kAnd);
  EXPECT_EQ(s.commands[1].argv[2].span, (Span{45, 46}));
  EXPECT_EQ(src.substr(45, 1), "x");
}

TEST(ShellHeredoc, ShellFedAHeredocRunsIt) {
  std::string src = "RUN bash -ex <<'EOF'\npip install a\nEOF\n";
  SourceFile file("Dockerfile", src);
  ShellScript s = parse_run(make_heredoc_run(src, "EOF"), file);
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].name(), "bash");
  EXPECT_EQ(s.commands[1].name(), "pip");
  EXPECT_EQ(s.commands[1].context, kInHeredocScript);
  Span a = find_span(src, "a\nEOF");
  EXPECT_EQ(s.commands[1].argv[2].span, (Span{a.begin, a.begin + 1}));
}

TEST(ShellHeredoc, OtherInterpretersAreNotShell) {
  std::string py = "RUN python3 <<EOF\nimport os\nEOF\n";
  SourceFile f1("Dockerfile", py);
  ShellScript s1 = parse_run(make_heredoc_run(py, "EOF"), f1);
  ASSERT_EQ(s1.commands.size(), 1u);
  EXPECT_EQ(s1.commands[0].name(), "python3");

  std::string shebang = "RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n";
  SourceFile f2("Dockerfile", shebang);
  ShellScript s2 = parse_run(make_heredoc_run(shebang, "EOF"), f2);
  EXPECT_EQ(s2.status, ScriptStatus::kNotShell);
  EXPECT_EQ(s2.reason, "the heredoc runs python3");
  EXPECT_TRUE(s2.commands.empty());
}

TEST(ShellPathological, FiveThousandCommands) {
  std::string src = "RUN true";
  for (int i = 1; i < 5000; ++i) src += " && true";
  src += "\n";
  SourceFile file("Dockerfile", src);
  ShellScript s = parse_run(testing::make_run(src), file);
  EXPECT_EQ(s.status, ScriptStatus::kOk);
  EXPECT_EQ(s.commands.size(), 5000u);
  EXPECT_EQ(s.commands[4999].before, Connector::kAnd);
  EXPECT_EQ(s.commands[4999].span, (Span{static_cast<uint32_t>(src.size() - 5),
                                         static_cast<uint32_t>(src.size() - 1)}));
}

TEST(ShellPathological, DeeplyNestedSubstitutions) {
  std::string src = "RUN echo ";
  for (int i = 0; i < 10000; ++i) src += "$(";
  src += "x";
  for (int i = 0; i < 10000; ++i) src += ")";
  src += "\n";
  SourceFile file("Dockerfile", src);
  ShellScript s = parse_run(testing::make_run(src), file);
  // Whatever tree-sitter recovers, the walk must finish without recursion.
  EXPECT_GE(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0].name(), "echo");
}

TEST(ShellPathological, DeeplyNestedSubshells) {
  std::string src = "RUN ";
  for (int i = 0; i < 10000; ++i) src += "( ";  // "((" would be arithmetic
  src += "pip install x";
  for (int i = 0; i < 10000; ++i) src += " )";
  src += "\n";
  SourceFile file("Dockerfile", src);
  ShellScript s = parse_run(testing::make_run(src), file);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0].context, kInSubshell);
  EXPECT_GT(s.tree_depth, 10000u);
}

TEST(ShellPathological, CommandLimitTruncates) {
  ShellOptions o;
  o.max_commands = 10;
  std::string src = "RUN a; a; a; a; a; a; a; a; a; a; a; a\n";
  SourceFile file("Dockerfile", src);
  ShellScript s = parse_run(testing::make_run(src), file, o);
  EXPECT_EQ(s.status, ScriptStatus::kTruncated);
  EXPECT_EQ(s.reason, "more than 10 commands");
  EXPECT_EQ(s.commands.size(), 10u);
}

TEST(ShellPathological, GarbageDoesNotCrash) {
  for (std::string body : std::vector<std::string>{"((((", "$(", "'unterminated", "\"x", "if then fi", "a &&", "|||",
                           "<<EOF", "${", "`", "case", std::string(1000, '\\')}) {
    std::string src = "RUN " + body + "\n";
    SourceFile file("Dockerfile", src);
    ShellScript s = parse_run(testing::make_run(src), file);
    for (const ShellCommand& c : s.commands) {
      EXPECT_LE(c.span.end, src.size()) << body;
      for (const ShellWord& w : c.argv) EXPECT_LE(w.span.end, src.size()) << body;
    }
  }
}

}  // namespace
}  // namespace dockml::shell
