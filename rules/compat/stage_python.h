// The stage's Python worded for messages (ML106, ML116), like compat::stage_cuda for CUDA.
#pragma once

#include <optional>
#include <string>

#include "analyzer/model/image_model.h"

namespace dockml::rules::compat {

struct StagePython {
  Version version;    // 3.10 (or 3.10.12)
  SourceRef ref;      // the FROM image word (base image / OS default) or the install word
  Provenance from;
  // "the base image python:3.11-slim (line 1) provides Python 3.11",
  // "ubuntu 22.04's python3 (base image nvidia/cuda:... line 1) is Python 3.10",
  // "the stage installs Python 3.10 (apt python3.10, line 4)"
  std::string words;
};

// nullopt when the stage's Python is unknown.
std::optional<StagePython> stage_python(const ImageModel& model, const StageModel& st);

// The Python a pip command names itself ("python3.10 -m pip" -> 3.10), nullopt otherwise.
std::optional<Version> pip_python(const PythonPackage& pkg);

}  // namespace dockml::rules::compat
