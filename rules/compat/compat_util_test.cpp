#include "rules/compat/compat_util.h"

#include <gtest/gtest.h>

namespace dockml::rules::compat {
namespace {

Version V(const char* s) { return *Version::parse(s); }

TEST(CompatUtil, MatchingTorchVariant) {
  const KnowledgeBase& kb = KnowledgeBase::builtin();
  auto t210 = kb.torch_release(V("2.1.0"));
  ASSERT_TRUE(t210.has_value());
  EXPECT_EQ(matching_torch_variant(*t210, V("11.8.0")), "cu118");
  EXPECT_EQ(matching_torch_variant(*t210, V("12.1.1")), "cu121");
  EXPECT_EQ(matching_torch_variant(*t210, V("12.4.1")), "cu121");  // newest older minor of 12
  EXPECT_EQ(matching_torch_variant(*t210, V("12.0.1")), "");       // cu121 is newer than 12.0
  EXPECT_EQ(matching_torch_variant(*t210, V("13.0.2")), "");
  auto t201 = kb.torch_release(V("2.0.1"));
  ASSERT_TRUE(t201.has_value());
  EXPECT_EQ(matching_torch_variant(*t201, V("12.1.1")), "");       // only cu117 / cu118
}

TEST(CompatUtil, EvidenceIgnoresDockerfileFacts) {
  Evidence ev;
  ev.add(Provenance{});                       // read from the Dockerfile
  ev.add(Provenance{{"pytorch:S2"}, true});
  EXPECT_TRUE(ev.confirmed());
  ev.add(Provenance{{"pytorch:S3x"}, false}).add(Provenance{{"pytorch:S3x", "tensorflow:T6"}, false});
  EXPECT_FALSE(ev.confirmed());
  EXPECT_EQ(ev.unconfirmed_sources(), "pytorch:S3x, tensorflow:T6");
}

TEST(CompatUtil, ApplyEvidenceDowngradesToInfo) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.message = "torch 2.4.0 needs cuDNN 9";
  apply_evidence(d, Evidence{});
  EXPECT_EQ(d.severity, Severity::kError);
  Evidence ev;
  ev.add(Provenance{{"pytorch:S3x"}, false});
  apply_evidence(d, ev);
  EXPECT_EQ(d.severity, Severity::kInfo);
  EXPECT_EQ(d.message, "torch 2.4.0 needs cuDNN 9 (unconfirmed)");
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0],
            "this rests on a knowledge-base fact not confirmed by a primary source (pytorch:S3x); "
            "it is reported as information only");
}

TEST(CompatUtil, VariantOriginWords) {
  FrameworkVariant f;
  f.package = "torch";
  f.version = V("2.1.0");
  f.variant = "cu121";
  f.cuda = V("12.1");
  f.origin = "PyPI default";
  EXPECT_EQ(variant_origin_words(f), "the CUDA build PyPI serves for torch 2.1.0");
  f.origin = "index URL https://download.pytorch.org/whl/cu121";
  EXPECT_EQ(variant_origin_words(f), "from the index URL https://download.pytorch.org/whl/cu121");
  f.origin = "local version label";
  EXPECT_EQ(variant_origin_words(f), "from its local version label +cu121");
  f.origin = "conda pytorch-cuda";
  EXPECT_EQ(variant_origin_words(f), "from pytorch-cuda=12.1");
  EXPECT_EQ(framework_words(f), "torch 2.1.0");
}

TEST(CompatUtil, PackageWords) {
  PipRequirement r;
  r.name = "torch";
  r.display_name = "Torch";
  EXPECT_EQ(package_words(r), "Torch (unpinned)");
  r.specifier = ">=2.1";
  EXPECT_EQ(package_words(r), "Torch >=2.1");
  r.exact_version = "2.1.0+cu118";
  EXPECT_EQ(package_words(r), "Torch 2.1.0+cu118");
}

}  // namespace
}  // namespace dockml::rules::compat
