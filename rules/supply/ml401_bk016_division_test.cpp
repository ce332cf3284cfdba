// ML401 and BK016 divide the secret findings: BK016 reports the secret-looking NAME of an
// ARG/ENV, ML401 the secret material (values, literals, RUNs consuming a build argument).
// They must never report the same token.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/engine/engine.h"
#include "analyzer/engine/options.h"

namespace dockml {
namespace {

std::vector<Diagnostic> lint(const std::string& text) {
  auto source = std::make_shared<SourceFile>("Dockerfile", text);
  LintOptions options;
  options.select = {"ML401", "BK016"};
  return lint_source(source, options).diagnostics;
}

TEST(Ml401Bk016Division, NeverTheSameToken) {
  const std::string text =
      "FROM python:3.11-slim\n"
      "ARG HF_TOKEN\n"
      "ENV WANDB_API_KEY=0123456789abcdef0123456789abcdef01234567\n"
      "RUN huggingface-cli login --token $HF_TOKEN\n";
  std::vector<Diagnostic> d = lint(text);
  ASSERT_EQ(d.size(), 4u);
  // Sorted by offset: ARG name (BK016), ENV name (BK016), ENV value (ML401), $HF_TOKEN (ML401).
  EXPECT_EQ(d[0].code, "BK016");
  EXPECT_EQ(text.substr(d[0].span.begin, d[0].span.size()), "HF_TOKEN");
  EXPECT_EQ(d[1].code, "BK016");
  EXPECT_EQ(text.substr(d[1].span.begin, d[1].span.size()), "WANDB_API_KEY");
  EXPECT_EQ(d[2].code, "ML401");
  EXPECT_EQ(text.substr(d[2].span.begin, d[2].span.size()), "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(d[3].code, "ML401");
  EXPECT_EQ(text.substr(d[3].span.begin, d[3].span.size()), "$HF_TOKEN");
  for (const Diagnostic& a : d)
    for (const Diagnostic& b : d)
      if (&a != &b && a.code != b.code) EXPECT_FALSE(a.span.begin < b.span.end && b.span.begin < a.span.end);
}

TEST(Ml401Bk016Division, UnusedArgIsBk016Only) {
  std::vector<Diagnostic> d = lint("FROM python:3.11-slim\nARG HF_TOKEN\nRUN echo hi\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].code, "BK016");
}

}  // namespace
}  // namespace dockml
