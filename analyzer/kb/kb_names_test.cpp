// KnowledgeBase accessors of names.json (ML401 token formats, ML301 weight files, ML203
// driver packages, DL3054 SPDX ids).
#include <gtest/gtest.h>

#include <algorithm>

#include "analyzer/kb/knowledge_base.h"

namespace dockml {
namespace {

const KnowledgeBase& kb() { return KnowledgeBase::builtin(); }

TEST(KbNames, SecretTokenFormats) {
  std::vector<SecretTokenFormat> f = kb().secret_token_formats();
  std::vector<std::string> prefixes;
  for (const SecretTokenFormat& t : f) prefixes.push_back(t.prefix);
  EXPECT_EQ(prefixes, (std::vector<std::string>{"hf_", "sk-ant-", "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-",
                                                "nvapi-", "r8_", "gsk_"}));
  EXPECT_EQ(f[0].service, "Hugging Face token");
  EXPECT_FALSE(f[0].dash_underscore);
  EXPECT_EQ(f[0].min_length, 30);
  EXPECT_EQ(f[0].from.sources, (std::vector<std::string>{"names:S1"}));
  EXPECT_TRUE(f[0].from.confirmed);
  EXPECT_EQ(f[6].service, "NVIDIA API key");
  EXPECT_TRUE(f[6].dash_underscore);
  EXPECT_EQ(f[6].min_length, 40);
}

TEST(KbNames, WeightFileNames) {
  WeightFileNames w = kb().weight_file_names();
  EXPECT_EQ(w.extensions, (std::vector<std::string>{"safetensors", "ckpt", "pt", "pth", "onnx", "gguf", "h5", "engine"}));
  EXPECT_EQ(w.bin_stems.front(), "pytorch_model");
  EXPECT_EQ(w.bin_dirs.size(), 11u);
  EXPECT_EQ(w.from.sources, (std::vector<std::string>{"names:W1", "names:W2", "names:W3"}));
}

TEST(KbNames, DriverPackages) {
  std::vector<DriverPackagePattern> d = kb().driver_packages();
  ASSERT_EQ(d.size(), 20u);
  EXPECT_EQ(d[0].pattern, "nvidia-driver");
  EXPECT_EQ(d[0].kind, "driver");
  EXPECT_EQ(d[10].pattern, "cuda-#-#");
  EXPECT_EQ(d[10].kind, "meta");
  EXPECT_EQ(d[10].from.sources, (std::vector<std::string>{"names:D1"}));
  EXPECT_EQ(d.back().kind, "runtime");
}

TEST(KbNames, SpdxLicenses) {
  SpdxLicenseList l = kb().spdx_licenses();
  EXPECT_EQ(l.ids.size(), 96u);
  EXPECT_EQ(l.exceptions.size(), 8u);
  EXPECT_NE(std::find(l.ids.begin(), l.ids.end(), "Apache-2.0"), l.ids.end());
  EXPECT_NE(std::find(l.exceptions.begin(), l.exceptions.end(), "LLVM-exception"), l.exceptions.end());
  EXPECT_EQ(l.from.sources, (std::vector<std::string>{"names:L1", "names:L2"}));
}

}  // namespace
}  // namespace dockml
