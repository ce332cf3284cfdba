#include "analyzer/reqs/conda_env.h"

#include <gtest/gtest.h>

#include <memory>

namespace dockml::reqs {
namespace {

SourcePtr file(std::string text) {
  return std::make_shared<SourceFile>("environment.yml", std::move(text));
}
std::string at(const SourcePtr& src, Span s) { return std::string(src->slice(s)); }

TEST(CondaEnv, NameChannelsSpecsAndPipSection) {
  auto src = file(
      "name: train\n"
      "channels:\n"
      "  - pytorch\n"
      "  - nvidia\n"
      "dependencies:\n"
      "  - python=3.10\n"
      "  - pytorch::pytorch=2.1.0=py3.10_cuda12.1_cudnn8.9.2_0\n"
      "  - pytorch-cuda=12.1\n"
      "  - cudatoolkit==11.8\n"
      "  - numpy>=1.24,<2\n"
      "  - scipy 1.11.* py310_0\n"
      "  - pip\n"
      "  - pip:\n"
      "    - torch==2.1.0+cu121\n"
      "    - \"--extra-index-url https://download.pytorch.org/whl/cu121\"\n"
      "    - -r requirements.txt\n"
      "    - not valid !!\n");
  CondaEnvironment env = parse_conda_env(src);
  ASSERT_TRUE(env.errors.empty()) << env.errors[0].message;
  EXPECT_EQ(env.name, "train");
  EXPECT_EQ(at(src, env.name_span), "train");
  EXPECT_EQ(env.channels, (std::vector<std::string>{"pytorch", "nvidia"}));
  ASSERT_EQ(env.dependencies.size(), 7u);
  const CondaSpec& py = env.dependencies[0];
  EXPECT_EQ(py.name, "python");
  EXPECT_EQ(py.version, "3.10");
  EXPECT_EQ(py.specifier, "=3.10");
  EXPECT_EQ(at(src, py.specifier_span), "=3.10");
  const CondaSpec& torch = env.dependencies[1];
  EXPECT_EQ(torch.channel, "pytorch");
  EXPECT_EQ(torch.name, "pytorch");
  EXPECT_EQ(torch.version, "2.1.0");
  EXPECT_EQ(torch.build, "py3.10_cuda12.1_cudnn8.9.2_0");
  EXPECT_EQ(at(src, torch.name_span), "pytorch");
  EXPECT_EQ(torch.name_span.begin, 88u);
  EXPECT_EQ(at(src, torch.specifier_span), "=2.1.0");
  EXPECT_EQ(env.dependencies[2].name, "pytorch-cuda");
  EXPECT_EQ(env.dependencies[2].version, "12.1");
  EXPECT_EQ(env.dependencies[3].version, "11.8");
  EXPECT_EQ(env.dependencies[4].specifier, ">=1.24,<2");
  EXPECT_EQ(env.dependencies[4].version, "");
  EXPECT_EQ(env.dependencies[5].specifier, "1.11.*");
  EXPECT_EQ(env.dependencies[5].build, "py310_0");
  EXPECT_EQ(env.dependencies[6].name, "pip");
  EXPECT_EQ(env.dependencies[6].specifier_span.size(), 0u);
  ASSERT_EQ(env.pip.requirements.size(), 1u);
  const PipRequirement& t = env.pip.requirements[0];
  EXPECT_EQ(t.name, "torch");
  EXPECT_EQ(t.local_label, "cu121");
  EXPECT_EQ(at(src, t.name_ref.span), "torch");
  EXPECT_EQ(at(src, t.specifier_ref.span), "==2.1.0+cu121");
  EXPECT_EQ(env.pip.options.extra_index_urls,
            (std::vector<std::string>{"https://download.pytorch.org/whl/cu121"}));
  ASSERT_EQ(env.pip.includes.size(), 1u);
  EXPECT_EQ(at(src, env.pip.includes[0].span), "requirements.txt");
  ASSERT_EQ(env.pip.errors.size(), 1u);
  EXPECT_EQ(at(src, env.pip.errors[0].span), "not valid !!");
}

TEST(CondaEnv, BadShapesAndYamlErrorsAreValues) {
  CondaEnvironment a = parse_conda_env(file("dependencies: numpy\n"));
  ASSERT_EQ(a.errors.size(), 1u);
  EXPECT_EQ(a.errors[0].message, "'dependencies' should be a list");
  EXPECT_EQ(a.errors[0].position, (Position{0, 14}));
  CondaEnvironment b = parse_conda_env(file("- just\n- a list\n"));
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].message, "a conda environment file should be a mapping");
  CondaEnvironment c = parse_conda_env(file("name: [x\ndependencies:\n  - numpy\n"));
  EXPECT_FALSE(c.errors.empty());
}

}  // namespace
}  // namespace dockml::reqs
