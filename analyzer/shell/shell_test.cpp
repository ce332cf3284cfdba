#include "analyzer/shell/shell.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "analyzer/shell/shell_test_util.h"

namespace dockml::shell {
namespace {

using testing::find_span;
using testing::make_run;

class TestVars final : public VarLookup {
 public:
  std::map<std::string, std::string, std::less<>> set;
  VarValue get(std::string_view name) const override {
    auto it = set.find(name);
    return it == set.end() ? VarValue::unknown() : VarValue::set(it->second);
  }
};

ShellScript run_script(std::string_view src, const ShellOptions& options = {}) {
  SourceFile file("Dockerfile", std::string(src));
  return parse_run(make_run(src), file, options);
}

std::vector<std::string> values(const ShellCommand& c) {
  std::vector<std::string> out;
  for (const ShellWord& w : c.argv) out.push_back(w.value);
  return out;
}

TEST(Shell, GrammarHasEveryNodeTypeWeUse) { EXPECT_EQ(check_bash_grammar(), ""); }

TEST(Shell, CommandsAndConnectors) {
  std::string src = "RUN apt-get update && apt-get install -y curl || true; echo done\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.status, ScriptStatus::kOk);
  ASSERT_EQ(s.commands.size(), 4u);
  EXPECT_EQ(values(s.commands[0]), (std::vector<std::string>{"apt-get", "update"}));
  EXPECT_EQ(s.commands[0].before, Connector::kNone);
  EXPECT_EQ(s.commands[0].after, Connector::kAnd);
  EXPECT_EQ(s.commands[1].before, Connector::kAnd);
  EXPECT_EQ(s.commands[1].after, Connector::kOr);
  EXPECT_EQ(s.commands[2].name(), "true");
  EXPECT_EQ(s.commands[2].after, Connector::kSequence);
  EXPECT_EQ(s.commands[3].before, Connector::kSequence);
  EXPECT_EQ(s.commands[3].after, Connector::kNone);
  EXPECT_EQ(s.commands[1].span, find_span(src, "apt-get install -y curl"));
  EXPECT_EQ(s.commands[1].argv[3].span, find_span(src, "curl"));
  EXPECT_TRUE(s.syntax_errors.empty());
}

TEST(Shell, SpansThroughLineContinuations) {
  std::string src =
      "RUN pip install --no-cache-dir \\\n"
      "      \"torch==2.1.0+cu118\" \\\n"
      "    && pip ins\\\ntall 'jax[cuda12]'\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 2u);
  const ShellWord& torch = s.commands[0].argv[3];
  EXPECT_EQ(torch.value, "torch==2.1.0+cu118");
  EXPECT_TRUE(torch.is_static);
  EXPECT_EQ(torch.span, find_span(src, "\"torch==2.1.0+cu118\""));
  EXPECT_EQ(s.value_span(torch, 0, 5), find_span(src, "torch"));
  EXPECT_EQ(s.value_span(torch, 7, 18), find_span(src, "2.1.0+cu118"));
  EXPECT_EQ(s.commands[1].before, Connector::kAnd);
  // A word broken by a continuation spans both lines.
  const ShellWord& install = s.commands[1].argv[1];
  EXPECT_EQ(install.value, "install");
  Span ins = find_span(src, "ins\\");
  Span tall = find_span(src, "tall '");
  EXPECT_EQ(install.span, (Span{ins.begin, tall.begin + 4}));
  EXPECT_EQ(s.commands[1].argv[2].value, "jax[cuda12]");
  EXPECT_EQ(s.value_span(s.commands[1].argv[2], 0, 3), find_span(src, "jax"));
}

TEST(Shell, QuoteRemovalAndEscapes) {
  std::string src = R"(RUN echo a"b"'c' \$x $'t\tu' "q\"r" "${HOME}/x")" "\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 1u);
  const ShellCommand& c = s.commands[0];
  ASSERT_EQ(c.argv.size(), 6u);
  EXPECT_EQ(c.argv[1].value, "abc");
  EXPECT_TRUE(c.argv[1].is_static);
  EXPECT_EQ(c.argv[1].value_shift, -1);
  EXPECT_EQ(c.argv[2].value, "$x");
  EXPECT_EQ(c.argv[3].value, "t\tu");
  EXPECT_EQ(c.argv[4].value, "q\"r");
  EXPECT_EQ(c.argv[5].value, "${HOME}/x");
  EXPECT_FALSE(c.argv[5].is_static);
}

TEST(Shell, KnownVariablesAreSubstituted) {
  TestVars vars;
  vars.set["TORCH_VERSION"] = "2.1.0";
  vars.set["CUDA"] = "cu118";
  ShellOptions o;
  o.vars = &vars;
  std::string src =
      "RUN pip install torch==${TORCH_VERSION}+$CUDA \"x==${NOPE}\" y==${MISSING:-1.0} && "
      "V=3.1 && pip install z==$V\n";
  ShellScript s = run_script(src, o);
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].argv[2].value, "torch==2.1.0+cu118");
  EXPECT_TRUE(s.commands[0].argv[2].is_static);
  EXPECT_EQ(s.commands[0].argv[2].value_shift, -1);
  EXPECT_EQ(s.commands[0].argv[3].value, "x==${NOPE}");
  EXPECT_FALSE(s.commands[0].argv[3].is_static);
  EXPECT_FALSE(s.commands[0].argv[4].is_static);  // MISSING is unknown, so is the result
  EXPECT_EQ(s.commands[1].argv[2].value, "z==3.1");
  EXPECT_TRUE(s.commands[1].argv[2].is_static);
}

TEST(Shell, UnquotedExpansionsAreFieldSplit) {
  std::string src = "RUN deps=' torch==2.1.0 \\\n numpy ' && pip install $deps \"$deps\" ${deps}x\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 1u);
  const ShellCommand& c = s.commands[0];
  EXPECT_EQ(values(c), (std::vector<std::string>{"pip", "install", "torch==2.1.0", "numpy",
                                                 " torch==2.1.0  numpy ", "torch==2.1.0",
                                                 "numpy", "x"}));  // deps ends in a blank
  EXPECT_EQ(c.argv[2].span, find_span(src, "$deps"));
  EXPECT_EQ(c.argv[3].span, find_span(src, "$deps"));
  EXPECT_EQ(c.argv[2].value_shift, -1);
}

TEST(Shell, WithoutLookupVariablesAreUnknown) {
  ShellScript s = run_script("RUN pip install torch==$V\n");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_FALSE(s.commands[0].argv[2].is_static);
  EXPECT_EQ(s.commands[0].argv[2].value, "torch==$V");
}

TEST(Shell, Contexts) {
  std::string src =
      "RUN (cd /x && make) ; echo $(uname -m) ; if true; then a; else b; fi ; "
      "for i in 1 2; do c $i; done ; while false; do d; done ; f() { e; } ; ! g ; h & "
      "case $x in y) k;; esac\n";
  ShellScript s = run_script(src);
  std::map<std::string, uint16_t> ctx;
  for (const ShellCommand& c : s.commands) ctx[std::string(c.name())] = c.context;
  EXPECT_EQ(ctx["cd"], kInSubshell);
  EXPECT_EQ(ctx["make"], kInSubshell);
  EXPECT_EQ(ctx["echo"], 0);
  EXPECT_EQ(ctx["uname"], kInCommandSubstitution);
  EXPECT_EQ(ctx["a"], kInIf);
  EXPECT_EQ(ctx["b"], kInIf);
  EXPECT_EQ(ctx["true"], kInIf);
  EXPECT_EQ(ctx["c"], kInFor);
  EXPECT_EQ(ctx["d"], kInWhile);
  EXPECT_EQ(ctx["e"], kInFunction);
  EXPECT_EQ(ctx["g"], kNegated);
  for (const ShellCommand& c : s.commands) {
    if (c.name() == "g") {
      EXPECT_EQ(c.before, Connector::kSequence);
      EXPECT_EQ(c.after, Connector::kSequence);
    }
    if (c.name() == "h") EXPECT_EQ(c.after, Connector::kBackground);
  }
  EXPECT_EQ(ctx["h"], kBackground);
  EXPECT_EQ(ctx["k"], kInCase);
  // The command comes before the commands of its $(...).
  std::vector<std::string> order;
  for (const ShellCommand& c : s.commands) order.emplace_back(c.name());
  EXPECT_EQ(order, (std::vector<std::string>{"cd", "make", "echo", "uname", "true", "a", "b",
                                             "c", "false", "d", "e", "g", "h", "k"}));
}

TEST(Shell, Pipelines) {
  std::string src = "RUN curl -fsSL https://x/install.sh | sudo -E bash - && tar xf a | tee b\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 4u);
  EXPECT_EQ(s.commands[0].pipeline, s.commands[1].pipeline);
  EXPECT_EQ(s.commands[0].pipeline_index, 0u);
  EXPECT_EQ(s.commands[1].pipeline_index, 1u);
  EXPECT_EQ(s.commands[0].after, Connector::kPipe);
  EXPECT_EQ(s.commands[1].before, Connector::kPipe);
  EXPECT_EQ(s.commands[1].after, Connector::kAnd);
  EXPECT_EQ(s.commands[1].name(), "bash");
  EXPECT_EQ(s.commands[1].program, 2u);
  EXPECT_NE(s.commands[2].pipeline, s.commands[0].pipeline);
  EXPECT_EQ(s.commands[2].before, Connector::kAnd);
}

TEST(Shell, WrappersAreSkippedForTheName) {
  ShellScript s = run_script(
      "RUN sudo -u root env PIP_X=1 time nice -n 5 /usr/local/bin/pip3 install x\n");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0].name(), "pip3");
  EXPECT_EQ(s.commands[0].program, 9u);
  EXPECT_EQ(s.commands[0].arg_count(), 2u);
  EXPECT_EQ(s.commands[0].arg(1).value, "x");
}

TEST(Shell, RedirectsAndAssignments) {
  std::string src = "RUN A=1 B=\"2\" curl -s https://x > /tmp/out 2>/dev/null\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 1u);
  const ShellCommand& c = s.commands[0];
  ASSERT_EQ(c.assignments.size(), 2u);
  EXPECT_EQ(c.assignments[0].raw, "A=1");
  EXPECT_EQ(c.name(), "curl");
  ASSERT_EQ(c.redirects.size(), 2u);
  EXPECT_EQ(c.redirects[0].op, ">");
  EXPECT_EQ(c.redirects[0].target.value, "/tmp/out");
  EXPECT_EQ(c.redirects[0].target.span, find_span(src, "/tmp/out"));
  EXPECT_EQ(c.redirects[1].op, "2>");
}

TEST(Shell, ShellDashC) {
  std::string src = "RUN bash -o pipefail -ec 'pip install torch && echo ok'\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 3u);
  EXPECT_EQ(s.commands[0].name(), "bash");
  EXPECT_EQ(s.commands[1].name(), "pip");
  EXPECT_EQ(s.commands[1].context, kInShellC);
  EXPECT_EQ(s.commands[1].argv[2].span, find_span(src, "torch"));
  EXPECT_EQ(s.commands[2].before, Connector::kAnd);
}

TEST(Shell, NonPosixShellIsSkipped) {
  ShellOptions o;
  o.shell = {"powershell", "-Command"};
  ShellScript s = run_script("RUN Install-Package foo; $x = 1\n", o);
  EXPECT_EQ(s.status, ScriptStatus::kNotShell);
  EXPECT_EQ(s.reason, "SHELL is powershell, not a POSIX shell");
  EXPECT_TRUE(s.commands.empty());
  EXPECT_FALSE(is_posix_shell({"cmd", "/S", "/C"}));
  EXPECT_FALSE(is_posix_shell({"C:\\Windows\\pwsh.exe"}));
  EXPECT_TRUE(is_posix_shell({"/bin/bash", "-o", "pipefail", "-c"}));
  EXPECT_TRUE(is_posix_shell({"/usr/bin/env", "bash", "-c"}));
  EXPECT_TRUE(is_posix_shell({}));
}

TEST(Shell, ExecFormIsOneCommandWithoutShell) {
  std::string src = "RUN [\"pip\", \"install\", \"torch\"]\n";
  SourceFile file("Dockerfile", src);
  Instruction run;
  run.kind = InstructionKind::kRun;
  run.json_form = true;
  run.args = {{"pip", find_span(src, "\"pip\"")},
              {"install", find_span(src, "\"install\"")},
              {"torch", find_span(src, "\"torch\"")}};
  ShellScript s = parse_run(run, file);
  EXPECT_EQ(s.status, ScriptStatus::kNotShell);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(values(s.commands[0]), (std::vector<std::string>{"pip", "install", "torch"}));
  EXPECT_EQ(s.commands[0].argv[2].span, find_span(src, "\"torch\""));
}

TEST(Shell, OnbuildRun) {
  std::string src = "ONBUILD RUN pip install x\n";
  SourceFile file("Dockerfile", src);
  Instruction onbuild;
  onbuild.kind = InstructionKind::kOnbuild;
  onbuild.trigger = std::make_unique<Instruction>();
  onbuild.trigger->kind = InstructionKind::kRun;
  onbuild.trigger->rest = testing::join_continuations(src, 12, 25);
  ShellScript s = parse_run(onbuild, file);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(s.commands[0].argv[2].span, (Span{24, 25}));
}

}  // namespace
}  // namespace dockml::shell
