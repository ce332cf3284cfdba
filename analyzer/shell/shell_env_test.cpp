// Variables a RUN puts in the environment of its commands: prefix assignments, `env A=1`
// wrapper arguments and exports (`export`, `declare -x`, `typeset -x`).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzer/shell/shell.h"
#include "analyzer/shell/shell_test_util.h"

namespace dockml::shell {
namespace {

using testing::find_span;
using testing::make_run;

ShellScript run_script(std::string_view src) {
  SourceFile file("Dockerfile", std::string(src));
  return parse_run(make_run(src), file);
}

std::vector<std::string> env_values(const ShellScript& s, const ShellCommand& c) {
  std::vector<std::string> out;
  for (const ShellWord* w : s.environment_of(c)) out.push_back(w->value);
  return out;
}

TEST(ShellEnv, ExportWithQuotedValueReachesLaterCommands) {
  std::string src =
      "RUN export TORCH_CUDA_ARCH_LIST=\"7.0 8.0\" && pip install flash-attn\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 1u);  // `export` itself is not a command
  EXPECT_EQ(s.commands[0].name(), "pip");
  ASSERT_EQ(s.exports.size(), 1u);
  const ShellExport& e = s.exports[0];
  EXPECT_EQ(e.name, "TORCH_CUDA_ARCH_LIST");
  EXPECT_EQ(e.word.raw, "TORCH_CUDA_ARCH_LIST=\"7.0 8.0\"");
  EXPECT_EQ(e.word.value, "TORCH_CUDA_ARCH_LIST=7.0 8.0");
  EXPECT_TRUE(e.word.is_static);
  EXPECT_EQ(e.word.span, find_span(src, "TORCH_CUDA_ARCH_LIST=\"7.0 8.0\""));
  EXPECT_EQ(env_values(s, s.commands[0]),
            (std::vector<std::string>{"TORCH_CUDA_ARCH_LIST=7.0 8.0"}));
  const ShellWord* w = s.env_word(s.commands[0], "TORCH_CUDA_ARCH_LIST");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->span, find_span(src, "TORCH_CUDA_ARCH_LIST=\"7.0 8.0\""));
  EXPECT_EQ(s.env_word(s.commands[0], "CUDA_HOME"), nullptr);
}

TEST(ShellEnv, SeveralExportsDeclareAndTypeset) {
  std::string src =
      "RUN export A=1 B=2; declare -x C=3; typeset -x D=4; declare E=5; local -x F=6; "
      "readonly G=7; export -n H=8; true\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.exports.size(), 5u);
  EXPECT_EQ(s.exports[0].name, "A");
  EXPECT_EQ(s.exports[0].word.span, find_span(src, "A=1"));
  EXPECT_EQ(s.exports[1].name, "B");
  EXPECT_EQ(s.exports[1].word.span, find_span(src, "B=2"));
  EXPECT_EQ(s.exports[2].name, "C");
  EXPECT_EQ(s.exports[2].word.span, find_span(src, "C=3"));
  EXPECT_EQ(s.exports[3].name, "D");
  EXPECT_EQ(s.exports[4].name, "F");
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(env_values(s, s.commands[0]),
            (std::vector<std::string>{"A=1", "B=2", "C=3", "D=4", "F=6"}));
}

TEST(ShellEnv, ExportOfAnEarlierAssignmentPointsAtTheAssignment) {
  std::string src = "RUN CUDAARCHS=90; export CUDAARCHS; cmake -B build\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.exports.size(), 1u);
  EXPECT_EQ(s.exports[0].name, "CUDAARCHS");
  EXPECT_EQ(s.exports[0].word.raw, "CUDAARCHS=90");
  EXPECT_EQ(s.exports[0].word.span, find_span(src, "CUDAARCHS=90"));
  EXPECT_EQ(s.exports[0].logical_begin, find_span(src, "export").begin - 4);
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_EQ(env_values(s, s.commands[0]), (std::vector<std::string>{"CUDAARCHS=90"}));
}

TEST(ShellEnv, PlainAssignmentIsNotExported) {
  ShellScript s = run_script("RUN A=1; export B; cmd\n");
  EXPECT_TRUE(s.exports.empty());
  ASSERT_EQ(s.commands.size(), 1u);
  EXPECT_TRUE(s.environment_of(s.commands[0]).empty());
}

TEST(ShellEnv, PrefixAndEnvWrapperAssignmentsWinOverExports) {
  std::string src = "RUN export A=1 && A=2 pip install x && env A=3 B=\"4\" python setup.py install\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(env_values(s, s.commands[0]), (std::vector<std::string>{"A=1", "A=2"}));
  EXPECT_EQ(s.env_word(s.commands[0], "A")->span, find_span(src, "A=2"));
  EXPECT_EQ(env_values(s, s.commands[1]), (std::vector<std::string>{"A=1", "A=3", "B=4"}));
  EXPECT_EQ(s.env_word(s.commands[1], "A")->span, find_span(src, "A=3"));
  EXPECT_EQ(s.env_word(s.commands[1], "B")->span, find_span(src, "B=\"4\""));
}

TEST(ShellEnv, ExportsDoNotLeaveSubshellsOrReachEarlierCommands) {
  std::string src = "RUN pip install a && (export A=1; pip install b) && pip install c\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 3u);
  ASSERT_EQ(s.exports.size(), 1u);
  EXPECT_TRUE(s.environment_of(s.commands[0]).empty());
  EXPECT_EQ(env_values(s, s.commands[1]), (std::vector<std::string>{"A=1"}));
  EXPECT_TRUE(s.environment_of(s.commands[2]).empty());
}

TEST(ShellEnv, ExportInShellDashCScript) {
  std::string src = "RUN bash -c 'export A=1 && make' && make\n";
  ShellScript s = run_script(src);
  ASSERT_EQ(s.commands.size(), 3u);  // bash, make (inside -c), make
  ASSERT_EQ(s.exports.size(), 1u);
  EXPECT_EQ(s.exports[0].word.span, find_span(src, "A=1"));
  EXPECT_EQ(env_values(s, s.commands[1]), (std::vector<std::string>{"A=1"}));
  EXPECT_TRUE(s.environment_of(s.commands[2]).empty());
}

TEST(ShellEnv, ExportedValueWithCommandSubstitutionStillWalksIt) {
  ShellScript s = run_script("RUN export V=$(cat /version) && echo $V\n");
  ASSERT_EQ(s.commands.size(), 2u);
  EXPECT_EQ(s.commands[0].name(), "cat");
  ASSERT_EQ(s.exports.size(), 1u);
  EXPECT_FALSE(s.exports[0].word.is_static);
}

}  // namespace
}  // namespace dockml::shell
