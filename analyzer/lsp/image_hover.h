// The FROM hover: what the base image provides (CUDA, cuDNN, flavor, Python, OS, minimum
// driver), from the image classification and the knowledge base.
#pragma once

#include <optional>
#include <string>

#include "analyzer/dockerfile/ast.h"
#include "analyzer/engine/options.h"
#include "analyzer/kb/knowledge_base.h"

namespace dockml::lsp {

// Markdown for the FROM instruction containing `offset`; nullopt when the offset is not on
// a FROM. Global ARGs (and options.build_args) are expanded in the image reference.
std::optional<std::string> from_hover_markdown(const Dockerfile& df, uint32_t offset,
                                               const LintOptions& options,
                                               const KnowledgeBase& kb);

}  // namespace dockml::lsp
