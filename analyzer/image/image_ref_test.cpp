#include "analyzer/image/image_ref.h"

#include <gtest/gtest.h>

namespace dockml {
namespace {

std::string show(std::string_view text, std::string_view platform = {}) {
  auto r = parse_image_ref(text, platform);
  if (!r.ref) return "error: " + r.error;
  const ImageRef& i = *r.ref;
  if (i.unresolved) return "unresolved";
  return i.registry + " | " + i.path + " | " + i.tag + " | " + i.digest + " | " + i.platform;
}

TEST(ImageRef, NormalisesLikeDocker) {
  EXPECT_EQ(show("ubuntu:22.04"), "docker.io | library/ubuntu | 22.04 |  | ");
  EXPECT_EQ(show("library/ubuntu:24.04"), "docker.io | library/ubuntu | 24.04 |  | ");
  EXPECT_EQ(show("docker.io/pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime"),
            "docker.io | pytorch/pytorch | 2.1.0-cuda11.8-cudnn8-runtime |  | ");
  EXPECT_EQ(show("index.docker.io/library/python:3.11-slim"), "docker.io | library/python | 3.11-slim |  | ");
  EXPECT_EQ(show("nvcr.io/nvidia/pytorch:24.07-py3"), "nvcr.io | nvidia/pytorch | 24.07-py3 |  | ");
  EXPECT_EQ(show("localhost:5000/team/img"), "localhost:5000 | team/img |  |  | ");
  EXPECT_EQ(show("localhost/img:1"), "localhost | img | 1 |  | ");
  EXPECT_EQ(show("almalinux:8", "linux/arm64"), "docker.io | library/almalinux | 8 |  | linux/arm64");
}

TEST(ImageRef, DigestsAndTags) {
  const std::string digest = "sha256:eb29ed27b0821dca09c2e28b39135e185fc1302036427d5f4d70a41ce8fd7659";
  EXPECT_EQ(show("ubuntu:22.04@" + digest), "docker.io | library/ubuntu | 22.04 | " + digest + " | ");
  auto r = parse_image_ref("nvidia/cuda@" + digest);
  ASSERT_TRUE(r.ref);
  EXPECT_EQ(r.ref->tag, "");
  EXPECT_EQ(r.ref->effective_tag(), "");
  EXPECT_EQ(r.ref->familiar(), "nvidia/cuda@" + digest);
  auto latest = parse_image_ref("pytorch/pytorch");
  EXPECT_EQ(latest.ref->effective_tag(), "latest");
  EXPECT_EQ(parse_image_ref("nvcr.io/nvidia/cuda:12.1.1-devel-ubuntu22.04").ref->familiar(),
            "nvcr.io/nvidia/cuda:12.1.1-devel-ubuntu22.04");
  EXPECT_EQ(parse_image_ref("ubuntu:22.04").ref->familiar(), "ubuntu:22.04");
}

TEST(ImageRef, VariablesStayUnresolvedAndScratchIsSpecial) {
  EXPECT_EQ(show("${BASE_IMAGE}"), "unresolved");
  EXPECT_EQ(show("nvcr.io/nvidia/pytorch:${DOCKER_VERSION}-py3"), "unresolved");
  EXPECT_EQ(show("$BASE_IMG"), "unresolved");
  auto s = parse_image_ref("scratch");
  ASSERT_TRUE(s.ref);
  EXPECT_TRUE(s.ref->is_scratch());
}

TEST(ImageRef, RejectsMalformedReferences) {
  EXPECT_EQ(show(""), "error: invalid reference format: empty image reference");
  EXPECT_EQ(show("Ubuntu:22.04"), "error: invalid reference format: repository name must be lowercase");
  EXPECT_EQ(show("ubuntu:"), "error: invalid reference format: invalid tag \"\"");
  EXPECT_EQ(show("ubuntu:-x"), "error: invalid reference format: invalid tag \"-x\"");
  EXPECT_EQ(show("ubuntu@sha256:abc"), "error: invalid reference format: invalid digest \"sha256:abc\"");
  EXPECT_EQ(show("a//b"), "error: invalid reference format: invalid repository name \"a//b\"");
  EXPECT_EQ(show(std::string(600, 'a')), "error: invalid reference format: reference longer than 512 characters");
}

}  // namespace
}  // namespace dockml
