// Options that shape one lint run (from the command line and .dockml.yaml).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"

namespace dockml {

class KnowledgeBase;

struct LintOptions {
  std::map<std::string, std::string> build_args;   // --build-arg KEY=VALUE
  std::string context_dir;                          // --context (empty: the Dockerfile's folder)
  std::vector<std::string> select;                  // codes or prefixes ("DL", "ML1"); empty = defaults
  std::vector<std::string> ignore;
  std::map<std::string, Severity> severity_overrides;
  std::optional<std::string> gpu_driver;            // "535.104.05"
  std::optional<std::string> gpu_arch;              // "sm_80"
  std::vector<std::string> trusted_registries;      // DL3026
  // DL3048-DL3058 label schema (hadolint's `label-schema`): label name -> type
  // ("text", "url", "semver", "hash", "rfc3339", "spdx", "email").
  std::map<std::string, std::string> label_schema;
  bool strict_labels = false;                        // hadolint's `strict-labels` (DL3049/DL3050)
  bool shellcheck = false;
  std::string kb_dir;                               // --kb (empty: the built-in knowledge base)
  // The loaded --kb knowledge base (KnowledgeBase::load_directory); null: builtin().
  std::shared_ptr<const KnowledgeBase> kb;
  std::string config_path;                          // --config (empty: search .dockml.yaml)
  bool no_config = false;                           // --no-config
  // false: `# dockml ignore=`, `# hadolint ignore=` and `# check=skip=` comments are not
  // honoured (hadolint's `disable-ignore-pragma`); `# check=error=true` still is.
  bool inline_suppressions = true;
};

}  // namespace dockml
