#include "rules/compat/arch_values.h"

#include <gtest/gtest.h>

namespace dockml::rules::compat {
namespace {

std::string dump(const std::vector<ArchToken>& tokens) {
  std::string out;
  for (const ArchToken& t : tokens) out += t.sm.str() + "=" + t.text + "@" + std::to_string(t.offset) + " ";
  return out;
}

TEST(ArchValues, Digits) {
  EXPECT_EQ(sm_from_digits("90")->str(), "9.0");
  EXPECT_EQ(sm_from_digits("100")->str(), "10.0");
  EXPECT_EQ(sm_from_digits("35")->str(), "3.5");
  EXPECT_FALSE(sm_from_digits("9"));
  EXPECT_FALSE(sm_from_digits("1000"));
  EXPECT_FALSE(sm_from_digits("8a"));
  EXPECT_EQ(parse_gpu_arch("sm_61")->str(), "6.1");
  EXPECT_EQ(parse_gpu_arch("sm120")->str(), "12.0");
  EXPECT_EQ(parse_gpu_arch("8.9")->str(), "8.9");
  EXPECT_FALSE(parse_gpu_arch("ampere"));
  EXPECT_EQ(sm_name(*parse_gpu_arch("10.0")), "sm_100");
}

TEST(ArchValues, TorchList) {
  EXPECT_EQ(dump(torch_arch_tokens("7.0 8.0;8.6+PTX")), "7.0=7.0@0 8.0=8.0@4 8.6=8.6+PTX@8 ");
  EXPECT_EQ(dump(torch_arch_tokens("Kepler;Maxwell+Tegra")), "");
  EXPECT_EQ(dump(torch_arch_tokens("")), "");
}

TEST(ArchValues, CmakeList) {
  EXPECT_EQ(dump(cmake_arch_tokens("70;80-real;90a-virtual")), "7.0=70@0 8.0=80-real@3 9.0=90a-virtual@11 ");
  EXPECT_EQ(dump(cmake_arch_tokens("native")), "");
  EXPECT_EQ(dump(cmake_arch_tokens("all-major")), "");
}

TEST(ArchValues, NvccFlags) {
  EXPECT_EQ(dump(nvcc_arch_tokens("arch=compute_80,code=sm_80")), "8.0=compute_80@5 8.0=sm_80@21 ");
  EXPECT_EQ(dump(nvcc_arch_tokens("-arch=sm_90a")), "9.0=sm_90a@6 ");
  // Words that do not look like nvcc architecture flags are ignored.
  EXPECT_EQ(dump(nvcc_arch_tokens("/opt/sm_80/lib")), "");
}

}  // namespace
}  // namespace dockml::rules::compat
