#include "analyzer/lsp/image_hover.h"

#include <gtest/gtest.h>

#include "analyzer/dockerfile/parser.h"

namespace dockml::lsp {
namespace {

Dockerfile parse(const std::string& text) {
  return parse_dockerfile(std::make_shared<SourceFile>("/w/Dockerfile", text));
}

TEST(LspImageHover, CudaImageFactsWithGlobalArgs) {
  Dockerfile df = parse(
      "ARG CUDA=12.1.1\n"
      "FROM nvidia/cuda:${CUDA}-cudnn8-runtime-ubuntu22.04 AS base\n"
      "RUN true\n"
      "FROM base\n");
  auto md = from_hover_markdown(df, 30, LintOptions{}, KnowledgeBase::builtin());
  ASSERT_TRUE(md);
  EXPECT_EQ(md->substr(0, md->find('\n')),
            "**nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04** (nvidia_cuda)");
  EXPECT_NE(md->find("| CUDA | 12.1.1 |\n"), std::string::npos) << *md;
  EXPECT_NE(md->find("| cuDNN | 8"), std::string::npos) << *md;
  EXPECT_NE(md->find("| Flavor | cudnn-runtime (no nvcc: cannot compile CUDA code) |\n"), std::string::npos) << *md;
  EXPECT_NE(md->find("| OS | ubuntu 22.04 |\n"), std::string::npos) << *md;
  EXPECT_NE(md->find("| Minimum driver | >= "), std::string::npos) << *md;
  EXPECT_NE(md->find("\nSources: `"), std::string::npos) << *md;
  // The second FROM names the first stage.
  uint32_t second = static_cast<uint32_t>(df.instructions.back().span.begin + 6);
  EXPECT_EQ(from_hover_markdown(df, second, LintOptions{}, KnowledgeBase::builtin()),
            "**base**: an earlier build stage of this Dockerfile");
  // Not on a FROM.
  EXPECT_EQ(from_hover_markdown(df, 80, LintOptions{}, KnowledgeBase::builtin()), std::nullopt);
}

TEST(LspImageHover, BuildArgsOverrideAndUnknownValues) {
  Dockerfile df = parse("ARG BASE\nFROM ${BASE}\n");
  EXPECT_EQ(from_hover_markdown(df, 12, LintOptions{}, KnowledgeBase::builtin()),
            "**${BASE}**: the image depends on build arguments of unknown value "
            "(set them with `--build-arg` in `dockml.args`)");
  LintOptions options;
  options.build_args["BASE"] = "python:3.11-slim";
  auto md = from_hover_markdown(df, 12, options, KnowledgeBase::builtin());
  ASSERT_TRUE(md);
  EXPECT_EQ(md->substr(0, md->find('\n')), "**python:3.11-slim** (python)");
  EXPECT_NE(md->find("| CUDA | none |\n"), std::string::npos) << *md;
  EXPECT_NE(md->find("| Python | 3.11"), std::string::npos) << *md;
}

TEST(LspImageHover, UnknownImage) {
  Dockerfile df = parse("FROM example.com/team/base:1\n");
  EXPECT_EQ(from_hover_markdown(df, 3, LintOptions{}, KnowledgeBase::builtin()),
            "**example.com/team/base:1**\n\nNot in dockml's knowledge base: no CUDA, Python or "
            "OS facts are known.");
}

}  // namespace
}  // namespace dockml::lsp
