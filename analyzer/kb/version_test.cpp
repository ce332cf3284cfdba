#include "analyzer/kb/version.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

Version V(std::string_view s) {
  auto v = Version::parse(s);
  EXPECT_TRUE(v.has_value()) << s;
  return v.value_or(Version{});
}

TEST(Version, ParsesTorchCudaAndDriverForms) {
  Version t = V("2.1.0+cu118");
  EXPECT_EQ(t.release_string(), "2.1.0");
  EXPECT_EQ(t.local(), "cu118");
  EXPECT_EQ(t.str(), "2.1.0+cu118");
  Version d = V("535.104.05");
  EXPECT_EQ(d.major(), 535u);
  EXPECT_EQ(d.minor(), 104u);
  EXPECT_EQ(d.patch(), 5u);
  EXPECT_EQ(d.str(), "535.104.05");
  Version n = V("2.0.0a0+1767026");
  EXPECT_EQ(n.pre_kind(), Version::PreKind::kA);
  EXPECT_EQ(n.local(), "1767026");
  Version dev = V("1.13.0.dev20221101");
  EXPECT_EQ(dev.dev(), 20221101u);
  Version post = V("2.5.1.post117");
  EXPECT_EQ(post.post(), 117u);
  EXPECT_EQ(V("v1.2").str(), "1.2");
}

TEST(Version, RejectsNonVersions) {
  for (std::string_view s : {"", "latest", "${TORCH}", "1..2", "1.", "cu118", "2.1.0+",
                             "1.2.3.4.5.6.7.8.9", "99999999999", "12.1.1-cudnn8"}) {
    EXPECT_FALSE(Version::parse(s).has_value()) << s;
  }
}

TEST(Version, OrdersLikePep440) {
  EXPECT_EQ(V("12.1"), V("12.1.0"));
  EXPECT_LT(V("12.1.0"), V("12.1.1"));
  EXPECT_LT(V("535.54.03"), V("535.104.05"));
  EXPECT_LT(V("570.26"), V("570.124.06"));
  EXPECT_LT(V("2.6.0a0+ecf3bae40a"), V("2.6.0"));
  EXPECT_LT(V("2.6.0.dev1"), V("2.6.0a0"));
  EXPECT_LT(V("2.6.0rc1"), V("2.6.0"));
  EXPECT_LT(V("2.6.0"), V("2.6.0.post1"));
  EXPECT_EQ(V("2.1.0+cu118"), V("2.1.0+cu121"));  // local label is ignored
  EXPECT_GT(V("2.10.0"), V("2.9.1"));
}

TEST(Version, PrefixAndTruncation) {
  EXPECT_TRUE(V("12.2.2").has_prefix(V("12.2")));
  EXPECT_TRUE(V("12.2").has_prefix(V("12")));
  EXPECT_FALSE(V("12.20").has_prefix(V("12.2")));
  EXPECT_FALSE(V("12").has_prefix(V("12.2")));
  EXPECT_EQ(V("12.1.1").truncated(2).str(), "12.1");
  EXPECT_EQ(V("12").truncated(2).str(), "12.0");
}

TEST(Version, CudaVariants) {
  EXPECT_EQ(cuda_from_variant("cu118")->str(), "11.8");
  EXPECT_EQ(cuda_from_variant("cu102")->str(), "10.2");
  EXPECT_EQ(cuda_from_variant("cu92")->str(), "9.2");
  EXPECT_EQ(cuda_from_variant("cu130")->str(), "13.0");
  EXPECT_EQ(cuda_from_variant("cuda11.8")->str(), "11.8");
  EXPECT_FALSE(cuda_from_variant("cpu"));
  EXPECT_FALSE(cuda_from_variant("rocm6.0"));
  EXPECT_FALSE(cuda_from_variant("cu"));
  EXPECT_FALSE(cuda_from_variant("cu1a8"));
  EXPECT_EQ(variant_from_cuda(V("12.8.1")), "cu128");
}

}  // namespace
}  // namespace dockml
