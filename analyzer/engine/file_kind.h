// Which front end a file goes to: by name (discovery) and by content for YAML.
#pragma once

#include <optional>
#include <string_view>

#include "analyzer/engine/rule.h"

namespace dockml {

// The kind implied by a file name (the last path component) under the discovery rules of
// DESIGN.md: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile(.*) ->
// Dockerfile; requirements*.txt -> requirements; docker-compose*.y(a)ml, compose*.y(a)ml ->
// compose. nullopt for anything else (including other YAML files: see looks_like_kubernetes).
std::optional<FileKind> kind_from_name(std::string_view file_name);

// True for *.yml / *.yaml.
bool is_yaml_name(std::string_view file_name);

// True when the YAML text has top-level (column 0) `apiVersion:` and `kind:` keys.
bool looks_like_kubernetes(std::string_view text);

// The kind of an explicitly named file, which is always linted: by name first, then YAML by
// content (Kubernetes when it looks like a manifest, else compose), other *.txt/*.in files as
// requirements, and Dockerfile for everything else (including "-", stdin).
FileKind detect_kind(std::string_view path, std::string_view text);

std::string_view file_kind_name(FileKind kind);  // "dockerfile", "requirements", ...

}  // namespace dockml
