// KnowledgeBase::cuda_build_addons / addon build fields / file_fact (wheels.json addons,
// python.json facts), as the image model's CUDA-build detection and ML108 read them.
#include <gtest/gtest.h>

#include "analyzer/kb/knowledge_base.h"

namespace dockml {
namespace {

TEST(KbAddons, CudaBuildAddonsComeFromWheelsJson) {
  std::vector<AddonFacts> addons = KnowledgeBase::builtin().cuda_build_addons();
  std::vector<std::string> names;
  for (const AddonFacts& a : addons) names.push_back(a.package);
  EXPECT_EQ(names, (std::vector<std::string>{"flash-attn", "apex", "deepspeed", "mamba-ssm", "causal-conv1d",
                                             "auto-gptq", "vllm", "xformers", "bitsandbytes"}));
  auto fa = KnowledgeBase::builtin().addon("flash-attn");
  ASSERT_TRUE(fa);
  EXPECT_TRUE(fa->sdist_only);
  EXPECT_TRUE(fa->build_from.confirmed);
  EXPECT_EQ(fa->build_from.sources, (std::vector<std::string>{"wheels:F1", "wheels:X3", "wheels:X5"}));
  auto ds = KnowledgeBase::builtin().addon("deepspeed");
  ASSERT_TRUE(ds);
  EXPECT_FALSE(ds->sdist_only);
  EXPECT_EQ(ds->build_env, (std::vector<std::string>{"DS_BUILD_OPS", "DS_BUILD_"}));
  EXPECT_TRUE(ds->build_from.confirmed);
  EXPECT_FALSE(ds->build_env_from.confirmed);  // listed in unconfirmed_fields
  auto vllm = KnowledgeBase::builtin().addon("vllm");
  ASSERT_TRUE(vllm);
  EXPECT_TRUE(vllm->from.confirmed);          // the pins are confirmed
  EXPECT_FALSE(vllm->build_from.confirmed);   // needs_nvcc is not
}

TEST(KbAddons, FileFact) {
  auto f = KnowledgeBase::builtin().file_fact("python", "no_cuda_in_python_images");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, "true");
  EXPECT_TRUE(f->from.confirmed);
  EXPECT_EQ(f->from.sources, (std::vector<std::string>{"python:Y7"}));
  EXPECT_FALSE(KnowledgeBase::builtin().file_fact("python", "no_such_fact"));
  EXPECT_FALSE(KnowledgeBase::builtin().file_fact("nosuchfile", "x"));
}

}  // namespace
}  // namespace dockml
