#include "analyzer/model/pep508.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

TEST(Pep508, NormalizesNames) {
  EXPECT_EQ(normalize_package_name("Torch"), "torch");
  EXPECT_EQ(normalize_package_name("nvidia_cudnn.cu12"), "nvidia-cudnn-cu12");
  EXPECT_EQ(normalize_package_name("a--_.b"), "a-b");
  EXPECT_TRUE(is_valid_package_name("opencv-python-headless"));
  EXPECT_FALSE(is_valid_package_name("-torch"));
  EXPECT_FALSE(is_valid_package_name(""));
}

TEST(Pep508, PinnedWithLocalLabel) {
  auto r = parse_requirement("torch==2.1.0+cu118");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.requirement.name, "torch");
  EXPECT_EQ(r.requirement.specifier, "==2.1.0+cu118");
  EXPECT_EQ(r.requirement.exact_version, "2.1.0+cu118");
  EXPECT_EQ(r.requirement.local_label, "cu118");
  EXPECT_EQ(r.name, (Span{0, 5}));
  EXPECT_EQ(r.specifier, (Span{5, 18}));
}

TEST(Pep508, ExtrasRangesAndMarkers) {
  auto r = parse_requirement("  TensorFlow[and-cuda] >= 2.15, < 2.17 ; python_version >= '3.9'");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.requirement.name, "tensorflow");
  EXPECT_EQ(r.requirement.display_name, "TensorFlow");
  EXPECT_EQ(r.requirement.extras, (std::vector<std::string>{"and-cuda"}));
  EXPECT_EQ(r.requirement.specifier, ">=2.15,<2.17");
  EXPECT_FALSE(r.requirement.exact_version.has_value());
  EXPECT_EQ(r.requirement.markers, "python_version >= '3.9'");
  EXPECT_EQ(r.name, (Span{2, 12}));
  EXPECT_EQ(r.specifier, (Span{23, 38}));
  EXPECT_EQ(r.requirement.raw, "TensorFlow[and-cuda] >= 2.15, < 2.17 ; python_version >= '3.9'");
}

TEST(Pep508, WildcardAndTripleEquals) {
  EXPECT_FALSE(parse_requirement("numpy==1.26.*").requirement.exact_version.has_value());
  EXPECT_EQ(parse_requirement("numpy===1.26.4").requirement.exact_version, "1.26.4");
  EXPECT_EQ(parse_requirement("jax[cuda12_local]~=0.4.20").requirement.specifier, "~=0.4.20");
  EXPECT_EQ(parse_requirement("foo (>=1.0)").requirement.specifier, ">=1.0");
  EXPECT_EQ(parse_requirement("torch>=2.0+cu121").requirement.local_label, "cu121");
}

TEST(Pep508, DirectReferences) {
  auto r = parse_requirement("mylib @ git+https://github.com/o/mylib.git@v1.2 ; sys_platform == 'linux'");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.requirement.name, "mylib");
  EXPECT_EQ(r.requirement.url, "git+https://github.com/o/mylib.git@v1.2");
  EXPECT_TRUE(r.requirement.vcs);
  EXPECT_EQ(r.requirement.markers, "sys_platform == 'linux'");

  auto w = parse_requirement(
      "https://download.pytorch.org/whl/cu118/torch-2.1.0%2Bcu118-cp310-cp310-linux_x86_64.whl");
  ASSERT_TRUE(w.ok()) << w.error;
  EXPECT_EQ(w.requirement.name, "torch");
  EXPECT_EQ(w.requirement.exact_version, "2.1.0+cu118");
  EXPECT_EQ(w.requirement.local_label, "cu118");
  EXPECT_EQ(w.requirement.specifier, "==2.1.0+cu118");
  EXPECT_EQ(w.name, (Span{39, 44}));
  EXPECT_FALSE(w.requirement.vcs);

  auto v = parse_requirement("git+https://github.com/facebookresearch/detectron2.git#egg=detectron2");
  EXPECT_TRUE(v.requirement.vcs);
  EXPECT_EQ(v.requirement.name, "detectron2");
  EXPECT_EQ(v.requirement.url, "git+https://github.com/facebookresearch/detectron2.git#egg=detectron2");
}

TEST(Pep508, LocalPaths) {
  auto dot = parse_requirement(".[dev,cuda]");
  ASSERT_TRUE(dot.ok()) << dot.error;
  EXPECT_EQ(dot.requirement.url, ".");
  EXPECT_EQ(dot.requirement.name, "");
  EXPECT_EQ(dot.requirement.extras, (std::vector<std::string>{"dev", "cuda"}));
  auto whl = parse_requirement("/tmp/wheels/flash_attn-2.5.8-cp310-cp310-linux_x86_64.whl");
  EXPECT_EQ(whl.requirement.name, "flash-attn");
  EXPECT_EQ(whl.requirement.exact_version, "2.5.8");
  auto sdist = parse_requirement("dist/my_pkg-0.3.1.tar.gz");
  EXPECT_EQ(sdist.requirement.name, "my-pkg");
  EXPECT_EQ(sdist.requirement.exact_version, "0.3.1");
  // Without pip forms, a path is not a requirement.
  EXPECT_FALSE(parse_requirement("./src", false).ok());
}

TEST(Pep508, Errors) {
  EXPECT_EQ(parse_requirement("").error, "empty requirement");
  EXPECT_EQ(parse_requirement("torch 2.0").error, "invalid version specifier '2.0'");
  EXPECT_EQ(parse_requirement("torch[cuda").error, "missing ']' after extras");
  EXPECT_EQ(parse_requirement("-torch").error, "invalid package name '-torch'");
  EXPECT_EQ(parse_requirement("[x]").error, "expected a package name at '[x]'");
  EXPECT_EQ(parse_requirement("torch==").error, "invalid version specifier '=='");
  EXPECT_EQ(parse_requirement("x @ ").error, "expected a URL after '@'");
}

TEST(Pep508, LongInputIsLinear) {
  std::string big = "a" + std::string(1 << 20, 'b') + ">=1" + std::string(1 << 20, ' ');
  auto r = parse_requirement(big);
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.requirement.specifier, ">=1");
}

}  // namespace
}  // namespace dockml
