// Helpers shared by the compose and Kubernetes halves of the ComposeModel builder.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/compose/compose_model.h"

namespace dockml::compose_detail {

// The value of `key` in `map` as a YamlValue (present = false when missing).
YamlValue value_at(const yaml::Node* map, std::string_view key);
// Scalar items of a sequence (a single scalar counts as one item).
std::vector<std::string> scalar_items(const yaml::Node* node);
// Compose `environment` / `build.args`: list (`- KEY=value`, `- KEY`) or map form.
std::vector<EnvVar> compose_env(const SourceFile& src, const yaml::Node* node);
// Kubernetes `env`: a list of {name, value | valueFrom}.
std::vector<EnvVar> k8s_env(const yaml::Node* node);
// Column of a span's start.
uint32_t column_of(const SourceFile& src, Span span);

void build_kubernetes(const yaml::Stream& stream, const KnowledgeBase& kb, ComposeModel& model);
void build_compose(const yaml::Stream& stream, const LintOptions& options, const KnowledgeBase& kb,
                   ComposeModel& model);
// Resolves, parses and models the Dockerfile of `build` for service `svc`.
void link_dockerfile(const SourcePtr& compose_source, const LintOptions& options,
                     const KnowledgeBase& kb, ComposeService& svc, ComposeModel& model);

}  // namespace dockml::compose_detail
