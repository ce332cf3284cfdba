#include "analyzer/image/image_facts.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dockml {
namespace {

// One line per image: family and every known fact ("?" marks an unconfirmed fact).
std::string describe(const ImageFacts& f) {
  std::string out(image_family_name(f.family));
  auto add = [&](const char* key, const std::string& value, const Provenance& p) {
    out += std::string(" ") + key + "=" + value + (p.confirmed ? "" : "?");
  };
  if (f.cuda) add("cuda", f.cuda->value.str(), f.cuda->from);
  if (f.cudnn_major) add("cudnn", std::to_string(f.cudnn_major->value), f.cudnn_major->from);
  if (!f.flavor.empty()) out += " flavor=" + f.flavor;
  if (f.nvcc) add("nvcc", f.nvcc->value ? "yes" : "no", f.nvcc->from);
  if (f.os) add("os", f.os->value + (f.os_version ? " " + f.os_version->value : ""), f.os->from);
  if (f.python) add("python", f.python->value.str(), f.python->from);
  if (f.os_default_python) add("os_python", f.os_default_python->value.str(), f.os_default_python->from);
  if (f.glibc) add("glibc", f.glibc->value.str(), f.glibc->from);
  if (f.torch) add("torch", f.torch->value.str(), f.torch->from);
  if (f.tensorflow) add("tf", f.tensorflow->value.str(), f.tensorflow->from);
  if (f.gpu_variant) out += " gpu";
  if (!f.ref.platform.empty()) out += " platform=" + f.ref.platform;
  return out;
}

std::string classify(std::string_view text, std::string_view platform = {}) {
  auto r = parse_image_ref(text, platform);
  if (!r.ref) return "error: " + r.error;
  return describe(classify_image(*r.ref, KnowledgeBase::builtin()));
}

struct Case {
  const char* ref;
  const char* expected;
};

// Real references from ../shared/corpus/ml FROM lines (and ARG defaults), plus the brief's examples.
const Case kCorpus[] = {
    {"nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04",
     "nvidia_cuda cuda=12.1.1 cudnn=8 flavor=cudnn-devel nvcc=yes os=ubuntu 22.04 os_python=3.10 glibc=2.35"},
    {"nvidia/cuda:12.1.1-cudnn8-devel-ubuntu20.04",
     "nvidia_cuda cuda=12.1.1 cudnn=8 flavor=cudnn-devel nvcc=yes os=ubuntu 20.04 os_python=3.8 glibc=2.31"},
    {"nvidia/cuda:11.8.0-runtime-ubuntu20.04",
     "nvidia_cuda cuda=11.8.0 flavor=runtime nvcc=no os=ubuntu 20.04 os_python=3.8 glibc=2.31"},
    {"nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04",
     "nvidia_cuda cuda=12.4.1 cudnn=9 flavor=cudnn-runtime nvcc=no os=ubuntu 22.04 os_python=3.10 glibc=2.35"},
    {"nvcr.io/nvidia/cuda:11.8.0-cudnn8-devel-ubuntu22.04",
     "nvidia_cuda cuda=11.8.0 cudnn=8 flavor=cudnn-devel nvcc=yes os=ubuntu 22.04 os_python=3.10 glibc=2.35"},
    {"nvcr.io/nvidia/cuda:12.9.1-base-ubi9", "nvidia_cuda cuda=12.9.1 flavor=base nvcc=no os=ubi 9"},
    {"nvidia/cuda:12.1.0-devel-ubuntu22.04",
     "nvidia_cuda cuda=12.1.0 flavor=devel nvcc=yes os=ubuntu 22.04 os_python=3.10 glibc=2.35"},
    {"nvidia/cuda:12.2.0-runtime-ubuntu22.04",
     "nvidia_cuda cuda=12.2.0 flavor=runtime nvcc=no os=ubuntu 22.04 os_python=3.10 glibc=2.35"},
    {"nvidia/cuda:12.9.1-runtime-ubuntu24.04",
     "nvidia_cuda cuda=12.9.1 flavor=runtime nvcc=no os=ubuntu 24.04 os_python=3.12 glibc=2.39"},
    {"nvidia/cuda:13.0.1-cudnn-runtime-ubuntu24.04",
     "nvidia_cuda cuda=13.0.1 cudnn=9 flavor=cudnn-runtime nvcc=no os=ubuntu 24.04 os_python=3.12 glibc=2.39"},
    {"nvidia/cuda:10.2-cudnn7-devel-ubuntu18.04",
     "nvidia_cuda cuda=10.2 cudnn=7 flavor=cudnn-devel nvcc=yes os=ubuntu 18.04 os_python=3.6"},
    {"nvidia/cuda:9.2-cudnn7-devel", "nvidia_cuda cuda=9.2 cudnn=7 flavor=cudnn-devel nvcc=yes"},
    {"nvidia/cuda:8.0-cudnn5-devel", "nvidia_cuda cuda=8.0 cudnn=5 flavor=cudnn-devel nvcc=yes"},
    {"nvidia/cuda:10.0-base-ubuntu16.04", "nvidia_cuda cuda=10.0 flavor=base nvcc=no os=ubuntu 16.04 os_python=3.5"},
    {"nvidia/cuda@sha256:5b4a2ecdf7e7594e8f6fc41c0ed0e6a716bfb6ddc0e4852a3dde58eae4692d73", "nvidia_cuda"},
    {"pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime",
     "pytorch cuda=11.8 cudnn=8 flavor=runtime nvcc=no torch=2.1.0"},
    {"pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime",
     "pytorch cuda=12.1 cudnn=8 flavor=runtime nvcc=no torch=2.3.0"},
    {"pytorch/pytorch:2.8.0-cuda12.8-cudnn9-devel", "pytorch cuda=12.8 cudnn=9 flavor=devel nvcc=yes torch=2.8.0"},
    {"pytorch/pytorch:1.13.1-cuda11.6-cudnn8-runtime",
     "pytorch cuda=11.6 cudnn=8 flavor=runtime nvcc=no torch=1.13.1"},
    {"pytorch/pytorch:1.0.1-cuda10.0-cudnn7-runtime",
     "pytorch cuda=10.0 cudnn=7 flavor=runtime nvcc=no torch=1.0.1"},
    {"pytorch/pytorch:latest", "pytorch"},
    {"docker.io/pytorch/manylinux2_28-builder:cuda12.1", "unknown"},
    {"nvcr.io/nvidia/pytorch:24.07-py3",
     "ngc_pytorch cuda=12.5.1 cudnn=9 nvcc=yes os=ubuntu 22.04? python=3.10 glibc=2.35? torch=2.4.0a0+3bcc3cddb5"},
    {"nvcr.io/nvidia/pytorch:22.12-py3",
     "ngc_pytorch cuda=11.8.0? cudnn=8? nvcc=yes os=ubuntu 20.04? python=3.8? glibc=2.31? torch=1.14.0a0+410ce96?"},
    {"nvcr.io/nvidia/pytorch:25.12-py3", "ngc_pytorch cuda=13.1.0 cudnn=9 nvcc=yes python=3.12 torch=2.10.0a0+b4e4ee81d3"},
    {"nvcr.io/nvidia/pytorch:24.01-py3", "ngc_pytorch nvcc=yes python=3.10? torch=2.2.0a0+81ea7a4"},
    {"nvcr.io/nvidia/pytorch:20.01-py3", "ngc_pytorch nvcc=yes"},
    {"nvcr.io/nvidia/tensorflow:22.12-tf2-py3", "ngc_tensorflow nvcc=yes?"},
    {"nvcr.io/nvidia/tritonserver:23.06-py3", "ngc_tritonserver"},
    {"nvcr.io/nvidia/cuda-dl-base:25.06-cuda12.9-devel-ubuntu24.04",
     "ngc_cuda_dl_base cuda=12.9 flavor=devel nvcc=yes os=ubuntu 24.04 os_python=3.12 glibc=2.39"},
    {"tensorflow/tensorflow:2.15.0-gpu", "tensorflow cuda=12.2? cudnn=8? tf=2.15.0 gpu"},
    {"tensorflow/tensorflow:2.11.0-gpu", "tensorflow cuda=11.2? cudnn=8? tf=2.11.0 gpu"},
    {"tensorflow/tensorflow:1.14.0-gpu-py3", "tensorflow cuda=10.0? cudnn=7? tf=1.14.0 gpu"},
    {"tensorflow/tensorflow:latest-gpu", "tensorflow gpu"},
    {"tensorflow/tensorflow:latest-py3", "tensorflow"},
    {"tensorflow/tensorflow:1.12.0-py3", "tensorflow tf=1.12.0"},
    {"rocm/pytorch:rocm6.4_ubuntu22.04_py3.10_pytorch_release_2.6.0", "rocm"},
    {"rocm/dev-ubuntu-22.04:6.3.1-complete", "rocm"},
    {"python:3.11-slim", "python python=3.11"},
    {"python:3.12-slim-bookworm", "python os=debian 12 python=3.12 glibc=2.36"},
    {"python:3.10-slim", "python python=3.10"},
    {"python:2.7-slim", "python python=2.7"},
    {"ubuntu:22.04", "ubuntu os=ubuntu 22.04 os_python=3.10 glibc=2.35"},
    {"ubuntu:20.04", "ubuntu os=ubuntu 20.04 os_python=3.8 glibc=2.31"},
    {"ubuntu:24.04", "ubuntu os=ubuntu 24.04 os_python=3.12 glibc=2.39"},
    {"ubuntu:16.04", "ubuntu os=ubuntu 16.04 os_python=3.5"},
    {"ubuntu:14.04", "ubuntu os=ubuntu 14.04"},
    {"ubuntu:latest", "ubuntu"},
    {"ubuntu:22.04@sha256:eb29ed27b0821dca09c2e28b39135e185fc1302036427d5f4d70a41ce8fd7659",
     "ubuntu os=ubuntu 22.04 os_python=3.10 glibc=2.35"},
    {"library/ubuntu:24.04", "ubuntu os=ubuntu 24.04 os_python=3.12 glibc=2.39"},
    {"arm64v8/ubuntu:20.04", "unknown"},
    {"debian:bookworm-slim", "debian os=debian 12 os_python=3.11 glibc=2.36"},
    {"debian:12", "debian os=debian 12 os_python=3.11 glibc=2.36"},
    {"debian:trixie-slim", "debian os=debian 13 os_python=3.13"},
    {"continuumio/miniconda3:latest", "unknown"},
    {"mcr.microsoft.com/azureml/o16n-base/python-assets:20230222.v4", "unknown"},
    {"nvcr.io/nvidia/l4t-base:r36.2.0", "unknown"},
    {"${BASE_IMAGE}", "unresolved"},
    {"nvcr.io/nvidia/pytorch:${DOCKER_VERSION}-py3", "unresolved"},
    {"scratch", "scratch"},
};

TEST(ImageFacts, CorpusReferences) {
  for (const auto& c : kCorpus) EXPECT_EQ(classify(c.ref), c.expected) << c.ref;
}

TEST(ImageFacts, PlatformIsKeptSeparately) {
  EXPECT_EQ(classify("almalinux:8", "linux/arm64"), "unknown platform=linux/arm64");
  EXPECT_EQ(classify("ubuntu:22.04", "$BUILDPLATFORM"),
            "ubuntu os=ubuntu 22.04 os_python=3.10 glibc=2.35 platform=$BUILDPLATFORM");
}

TEST(ImageFacts, FactsCarryTheirSources) {
  auto ref = parse_image_ref("nvidia/cuda:12.1.0-devel-ubuntu22.04").ref.value();
  ImageFacts f = classify_image(ref, KnowledgeBase::builtin());
  EXPECT_EQ(f.family_from.sources, (std::vector<std::string>{"images:I1", "images:I3"}));
  EXPECT_EQ(f.nvcc->from.sources, (std::vector<std::string>{"images:I5", "images:I2"}));
  EXPECT_EQ(f.os_default_python->from.sources, (std::vector<std::string>{"python:Y1", "python:Y6"}));
  ASSERT_TRUE(f.cuda_tag);
  EXPECT_EQ(f.cuda_tag->status, TagStatus::kEol);
  EXPECT_EQ(f.cuda_tag->suggestion, "12.1.1");

  ref = parse_image_ref("nvcr.io/nvidia/pytorch:24.07-py3").ref.value();
  f = classify_image(ref, KnowledgeBase::builtin());
  // A row's sources cover all of its values (N16 states the CUDA/cuDNN of this release).
  EXPECT_EQ(f.torch->from.sources, (std::vector<std::string>{"ngc:N12", "ngc:N14", "ngc:N17", "ngc:N16"}));
  EXPECT_TRUE(f.torch->from.confirmed);
}

// Every FROM line of the corpus classifies without crashing; the count of recognised families
// guards against silent regressions of the reference parser.
TEST(ImageFacts, WholeCorpusClassifies) {
  namespace fs = std::filesystem;
  fs::path corpus = fs::path(DOCKML_SHARED_DIR) / "corpus" / "ml";
  if (!fs::is_directory(corpus)) GTEST_SKIP() << "no " << corpus << " (shared corpus not present)";
  size_t from_lines = 0, recognised = 0;
  for (const auto& entry : fs::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      size_t i = line.find_first_not_of(" \t");
      if (i == std::string::npos || (line.compare(i, 5, "FROM ") != 0 && line.compare(i, 5, "from ") != 0)) continue;
      std::istringstream words(line.substr(i + 5));
      std::string word, platform;
      while (words >> word && word.starts_with("--")) {
        if (word.starts_with("--platform=")) platform = word.substr(11);
      }
      if (word.empty()) continue;
      ++from_lines;
      auto r = parse_image_ref(word, platform);
      if (!r.ref) continue;
      auto f = classify_image(*r.ref, KnowledgeBase::builtin());
      if (f.family != ImageFamily::kUnknown && f.family != ImageFamily::kUnresolved) ++recognised;
    }
  }
  EXPECT_GT(from_lines, 1500u);
  EXPECT_GT(recognised, 250u);
}

}  // namespace
}  // namespace dockml
