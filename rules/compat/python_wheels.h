// Python ranges of the framework wheels (torch, torchvision, tensorflow, jax, jaxlib) for a
// pinned version, from the knowledge base. Shared by ML106 (no wheel for the image's Python)
// and ML116 (the image's Python is unknown, so the check was skipped).
#pragma once

#include <optional>
#include <string>

#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules::compat {

struct WheelPythonRange {
  std::string package;         // "torch"
  Version version;             // 2.1.0 (public part of the pin)
  std::optional<Version> min;  // 3.8
  std::optional<Version> max;  // 3.11 (nullopt: only a floor is known, e.g. jax)
  Provenance from;
  std::string describe() const;  // "Python 3.8-3.11", "Python 3.10 or newer"
  bool supports(const Version& python) const;  // compares major.minor
};

// nullopt when the package is not one of the frameworks, is not pinned exactly, or the KB
// has no row for that version.
std::optional<WheelPythonRange> wheel_python_range(const KnowledgeBase& kb, const PipRequirement& req);

}  // namespace dockml::rules::compat
