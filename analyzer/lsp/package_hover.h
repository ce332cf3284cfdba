// The framework hover: on a pinned torch / torchvision / torchaudio / tensorflow / jax /
// jaxlib requirement (a RUN word or a requirement-file line), its resolved CUDA variant and
// where that came from, the Python range its wheels cover, its paired companions, and the
// stage's own CUDA and Python to compare with — every KB fact with its source ids.
#pragma once

#include <optional>
#include <string>

#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/image_model.h"

namespace dockml::lsp {

// Markdown for the framework requirement whose span contains `offset` in the file `path`
// (the Dockerfile, or a requirement file the model read); nullopt when there is none.
std::optional<std::string> package_hover_markdown(const ImageModel& model, const std::string& path,
                                                  uint32_t offset, const KnowledgeBase& kb);

}  // namespace dockml::lsp
