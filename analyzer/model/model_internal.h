// Internal pieces of build_image_model (image_model.cpp), split by topic.
#pragma once

#include <string>
#include <string_view>

#include "analyzer/model/image_model.h"

namespace dockml::model_detail {

// Per-stage filesystem state while walking: WORKDIR and what COPY/ADD brought in.
struct CopyRecord {
  size_t instruction = 0;
  std::vector<std::string> sources;  // context-relative, as expanded
  std::string dest;                  // absolute in the image ("?/..." for unknown WORKDIR)
  bool dest_is_dir = false;          // ends with '/', or several sources
};

struct StageState {
  std::string workdir;               // "" = unknown (the base image's)
  std::vector<CopyRecord> copies;    // inherited from the parent stage first
};

// Joins `path` onto `dir` the way Docker does ("?" stands for an unknown WORKDIR) and
// normalises "." and "..".
std::string join_image_path(const std::string& dir, std::string_view path);

// Maps requirement/environment files the stage's RUNs install into the context, reads
// them and fills StageModel::files, python_packages and conda_packages (+ model notes).
void collect_packages(ImageModel& model, StageModel& stage, const StageState& state,
                      const RunAnalysis& run, const std::string& cwd_after_cd_base);

// Framework CUDA variants and CUDA builds, after all packages of the stage are known.
void resolve_frameworks(const ImageModel& model, StageModel& stage, const KnowledgeBase& kb);
// The packages whose builds compile CUDA code come from the KB (wheels.json addons).
void detect_cuda_builds(const ImageModel& model, StageModel& stage, const KnowledgeBase& kb);

}  // namespace dockml::model_detail
