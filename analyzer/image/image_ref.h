// Image references as written after FROM: [registry/]path[:tag][@digest], normalised the way
// Docker does (docker.io default registry, "library/" for official images, index.docker.io ->
// docker.io). The --platform flag is kept separately. References that still contain variables
// ("$BASE", "${CUDA}-devel") are not parsed: the caller expands ARGs first.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dockml {

struct ImageRef {
  std::string raw;       // as written ("nvidia/cuda:12.1.1-devel-ubuntu22.04")
  std::string registry;  // "docker.io", "nvcr.io", "ghcr.io", "localhost:5000"
  std::string path;      // "nvidia/cuda", "library/ubuntu"
  std::string tag;       // "" when none is written
  std::string digest;    // "sha256:<hex>" or ""
  std::string platform;  // value of FROM --platform, "" when absent
  bool unresolved = false;  // still contains '$': nothing else is filled in

  // The tag Docker pulls: the written tag, "latest" when neither tag nor digest is given,
  // "" for digest-only references.
  std::string effective_tag() const;
  // Familiar form: "ubuntu:22.04", "nvidia/cuda:12.1.1-...", "nvcr.io/nvidia/pytorch:24.07-py3".
  std::string familiar() const;
  bool is_scratch() const { return registry.empty() && path == "scratch"; }
};

struct ImageRefResult {
  std::optional<ImageRef> ref;
  std::string error;  // "invalid reference format: repository name must be lowercase"
};

// Parses `text` (no surrounding whitespace). "scratch" yields a ref with an empty registry.
ImageRefResult parse_image_ref(std::string_view text, std::string_view platform = {});

}  // namespace dockml
