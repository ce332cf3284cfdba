#include "analyzer/lsp/package_hover.h"

#include <gtest/gtest.h>

#include "analyzer/dockerfile/parser.h"

namespace dockml::lsp {
namespace {

struct Hovered {
  Dockerfile df;
  std::unique_ptr<ImageModel> model;
};

Hovered model_of(const std::string& text) {
  Hovered h;
  h.df = parse_dockerfile(std::make_shared<SourceFile>("Dockerfile", text));
  h.model = build_image_model(h.df, LintOptions{}, KnowledgeBase::builtin());
  return h;
}

TEST(PackageHover, PinnedTorchShowsVariantPythonRangeAndPairs) {
  const std::string text =
      "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04 AS app\n"
      "RUN pip install torch==2.1.0\n";
  Hovered h = model_of(text);
  uint32_t offset = static_cast<uint32_t>(text.find("torch==") + 2);
  auto md = package_hover_markdown(*h.model, "Dockerfile", offset, KnowledgeBase::builtin());
  ASSERT_TRUE(md);
  EXPECT_EQ(md->substr(0, md->find('\n')), "**torch 2.1.0** — stage `app`");
  EXPECT_NE(md->find("- Build: `cu121` (CUDA 12.1), from the PyPI default"), std::string::npos) << *md;
  EXPECT_NE(md->find("- Python wheels: 3.8–3.11"), std::string::npos) << *md;
  EXPECT_NE(md->find("- Pairs with torchvision 0.16.0"), std::string::npos) << *md;
  EXPECT_NE(md->find("- The stage's CUDA: 12.1.1 (base image)"), std::string::npos) << *md;
}

TEST(PackageHover, IndexVariantAndUnknownBuild) {
  const std::string text =
      "FROM python:3.11\n"
      "RUN pip install torch==2.3.1 --index-url https://download.pytorch.org/whl/cu118 && pip install jax\n";
  Hovered h = model_of(text);
  auto torch = package_hover_markdown(*h.model, "Dockerfile", static_cast<uint32_t>(text.find("torch==")),
                                      KnowledgeBase::builtin());
  ASSERT_TRUE(torch);
  EXPECT_NE(torch->find("- Build: `cu118` (CUDA 11.8), from the index URL https://download.pytorch.org/whl/cu118"),
            std::string::npos) << *torch;
  EXPECT_NE(torch->find("- The stage's CUDA: none known"), std::string::npos) << *torch;
  EXPECT_NE(torch->find("- The stage's Python: 3.11 (base image)"), std::string::npos) << *torch;
  auto jax = package_hover_markdown(*h.model, "Dockerfile", static_cast<uint32_t>(text.find("jax")),
                                    KnowledgeBase::builtin());
  ASSERT_TRUE(jax);
  EXPECT_EQ(jax->substr(0, jax->find('\n')), "**jax (unpinned)** — stage 0");
  EXPECT_NE(jax->find("- Build: unknown"), std::string::npos) << *jax;
}

TEST(PackageHover, NothingOutsideFrameworkRequirements) {
  const std::string text = "FROM python:3.11\nRUN pip install numpy==1.26.4 torch==2.1.0\n";
  Hovered h = model_of(text);
  EXPECT_FALSE(package_hover_markdown(*h.model, "Dockerfile", static_cast<uint32_t>(text.find("numpy")),
                                      KnowledgeBase::builtin()));
  EXPECT_FALSE(package_hover_markdown(*h.model, "other/Dockerfile", static_cast<uint32_t>(text.find("torch")),
                                      KnowledgeBase::builtin()));
}

}  // namespace
}  // namespace dockml::lsp
