// GPU architecture values as written in build settings: TORCH_CUDA_ARCH_LIST ("7.0 8.0;8.6+PTX"),
// CMAKE_CUDA_ARCHITECTURES ("80;86-real;90a"), nvcc flags ("-gencode arch=compute_90,code=sm_90",
// "-arch=sm_80") and the fleet option `--gpu-arch sm_80`. Used by ML107 and ML117.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/kb/version.h"

namespace dockml::rules::compat {

struct ArchToken {
  Version sm;         // 9.0
  std::string text;   // the token as written ("9.0+PTX", "compute_90", "90a")
  size_t offset = 0;  // byte offset of `text` in the scanned value
};

// "90" -> 9.0, "100" -> 10.0, "35" -> 3.5; nullopt for anything else.
std::optional<Version> sm_from_digits(std::string_view digits);
// "sm_80", "sm80", "80", "8.0" -> 8.0 (the `--gpu-arch` forms); nullopt otherwise.
std::optional<Version> parse_gpu_arch(std::string_view s);

// TORCH_CUDA_ARCH_LIST: numeric entries separated by spaces, ';' or ','; names ("Ampere") skipped.
std::vector<ArchToken> torch_arch_tokens(std::string_view value);
// CMAKE_CUDA_ARCHITECTURES: "80;86-real;90a-virtual"; "native", "all", "all-major" skipped.
std::vector<ArchToken> cmake_arch_tokens(std::string_view value);
// nvcc flags anywhere in `value`: compute_XY / sm_XY / lto_XY after arch=, code=, -arch, --gpu-architecture.
std::vector<ArchToken> nvcc_arch_tokens(std::string_view value);

// "sm_90" for 9.0.
std::string sm_name(const Version& sm);

}  // namespace dockml::rules::compat
