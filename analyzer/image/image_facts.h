// What a base image provides, from its reference and the knowledge base: family, CUDA,
// cuDNN, flavor, OS, Python, frameworks shipped, nvcc. Every fact carries the KB provenance
// it rests on; facts the tag or the KB do not state stay empty (unknown images are
// "unknown", never guessed).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analyzer/image/image_ref.h"
#include "analyzer/kb/knowledge_base.h"

namespace dockml {

enum class ImageFamily {
  kUnknown,
  kUnresolved,  // the reference still contains variables
  kScratch,
  kNvidiaCuda,
  kPytorch,          // pytorch/pytorch
  kTensorflow,       // tensorflow/tensorflow
  kNgcPytorch,       // nvcr.io/nvidia/pytorch
  kNgcTensorflow,
  kNgcJax,
  kNgcTritonserver,
  kNgcCudaDlBase,
  kRocm,             // rocm/*
  kPython,           // python:*
  kUbuntu,
  kDebian,
};

// "nvidia_cuda", "ngc_pytorch", "unknown", ... (the names used in images.json).
std::string_view image_family_name(ImageFamily f);

struct ImageFacts {
  ImageRef ref;
  ImageFamily family = ImageFamily::kUnknown;
  Provenance family_from;

  std::optional<Fact<Version>> cuda;         // "12.1.1" (nvidia/cuda), "11.8" (pytorch/pytorch)
  std::optional<Fact<int>> cudnn_major;
  std::optional<Fact<Version>> cudnn;        // full cuDNN version when the KB records it
  std::string flavor;                        // base/runtime/devel/cudnn-runtime/cudnn-devel ("" unknown)
  std::optional<Fact<bool>> nvcc;            // CUDA compiler present
  std::optional<Fact<std::string>> os;       // "ubuntu", "debian", "rockylinux", "ubi", "alpine"
  std::optional<Fact<std::string>> os_version;  // "22.04", "12"
  std::optional<Fact<Version>> python;       // interpreter shipped in the image
  std::optional<Fact<Version>> os_default_python;  // what the OS's python3 package installs
  std::optional<Fact<Version>> glibc;
  std::optional<Fact<Version>> torch;        // torch shipped (pytorch/pytorch, NGC build string)
  std::optional<Fact<Version>> tensorflow;   // TF shipped
  bool gpu_variant = false;                  // tensorflow "-gpu" tags
  std::optional<CudaTagCheck> cuda_tag;      // nvidia/cuda tags only

  bool has_cuda() const { return cuda.has_value(); }
};

// Classifies a parsed reference. Unresolved references yield kUnresolved and nothing else.
ImageFacts classify_image(const ImageRef& ref, const KnowledgeBase& kb);

}  // namespace dockml
