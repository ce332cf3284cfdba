// Editor settings (`dockml.args`, `dockml.gpuDriver`, `dockml.failureThreshold`) and
// .dockml.yaml discovery for a document's folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/options.h"

namespace dockml::lsp {

struct Settings {
  std::vector<std::string> args;                 // extra command-line arguments for the lint
  std::optional<std::string> gpu_driver;         // overrides --gpu-driver in args
  std::optional<std::string> failure_threshold;  // "error" | "warning" | "info" | "style" | "none"
};

// Reads `{"dockml": {...}}` (didChangeConfiguration) or the bare object (initializationOptions).
// Ill-typed fields are skipped with a warning; unknown fields are ignored.
Settings parse_settings(const nlohmann::json& j, std::vector<std::string>& warnings);

// What the settings mean for a lint run.
struct ResolvedSettings {
  LintOptions options;  // config_path set only by --config (else discovered per document)
  // Diagnostics less severe than this are published as hints (nullopt: keep severities).
  std::optional<Severity> threshold;
};

// Maps settings to options. Supported args: --select, --ignore (comma lists, repeatable),
// --build-arg K=V, --context, --config, --no-config, --kb, --gpu-driver, --gpu-arch,
// --shellcheck, --failure-threshold. Others are reported in `warnings` and ignored.
ResolvedSettings resolve_settings(const Settings& s, std::vector<std::string>& warnings);

// The nearest `.dockml.yaml` (or `.dockml.yml`) in the document's folder or its parents,
// stopping after `stop_dir` when it is an ancestor (the workspace root); nullopt when none.
std::optional<std::string> discover_config(const std::string& document_path,
                                           const std::string& stop_dir);

}  // namespace dockml::lsp
