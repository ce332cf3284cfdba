// Configuration files: `.dockml.yaml` (or `.dockml.yml`), and hadolint's `.hadolint.yaml`
// (or `.hadolint.yml`) when no dockml file is found. Parsed with the YAML front end; every
// unknown key and bad value is an error naming the file, line, column and key.
//
// .dockml.yaml keys:
//   select: [DL, ML1]            ignore: [DL3008]        (codes, prefixes, BuildKit names)
//   severity: {DL3059: off, ML305: warning}           (error|warning|info|style|off)
//   failure-threshold: warning                         (error|warning|info|style|none)
//   gpu: {driver: "535.104.05", arch: sm_80}
//   trusted-registries: [docker.io, nvcr.io]
//   label-schema: {maintainer: text, org.opencontainers.image.source: url}
//   strict-labels: true          shellcheck: true       inline-suppressions: false
//   exclude: ["vendor/**", "**/legacy/*.Dockerfile"]   (globs relative to the config's folder)
//   overrides: {"docker/dev/**": {ignore: [DL3008], severity: {ML303: info}, select: [...]}}
// .hadolint.yaml keys: ignored, override {error,warning,info,style: [codes]}, failure-threshold
// (also `ignore`), trustedRegistries, label-schema, strict-labels, no-fail,
// disable-ignore-pragma; format, formats, no-color and verbose are accepted and ignored.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/source/source_file.h"

namespace dockml::config {

// A severity override: a severity, or nullopt for `off` (the rule is ignored).
using SeverityOverride = std::optional<Severity>;

struct PathOverride {
  std::string glob;                                  // relative to Config::dir
  std::optional<std::vector<std::string>> select;    // replaces the selection for these paths
  std::vector<std::string> ignore;                   // added to the ignore list
  std::map<std::string, SeverityOverride> severity;  // added to the severity overrides
};

struct Config {
  std::string path;        // the file as found or given
  std::string dir;         // its folder (absolute): globs are relative to it
  bool hadolint = false;   // a .hadolint.yaml

  std::optional<std::vector<std::string>> select;
  std::vector<std::string> ignore;
  std::map<std::string, SeverityOverride> severity;
  std::optional<std::string> failure_threshold;      // error|warning|info|style|none
  std::optional<std::string> gpu_driver;
  std::optional<std::string> gpu_arch;
  std::optional<std::vector<std::string>> trusted_registries;
  std::optional<std::map<std::string, std::string>> label_schema;
  std::optional<bool> strict_labels;
  std::optional<bool> shellcheck;
  std::optional<bool> inline_suppressions;           // hadolint: !disable-ignore-pragma
  std::vector<std::string> exclude;
  std::vector<PathOverride> overrides;
};

struct LoadedConfig {
  std::shared_ptr<const Config> config;  // set on success
  std::string error;                     // "path:line:col: key: problem" otherwise
};

// Parses a configuration held in `source` (its path names it in errors). `hadolint` selects
// the .hadolint.yaml schema. An empty file is an empty configuration.
LoadedConfig parse_config(SourcePtr source, bool hadolint);

// Reads and parses `path`; the schema follows the file name (`.hadolint.y(a)ml` or
// `hadolint.y(a)ml` -> hadolint, anything else -> dockml).
LoadedConfig load_config_file(const std::string& path);

// True when the file name is hadolint's (`.hadolint.yaml`, `hadolint.yml`, ...).
bool is_hadolint_config_name(const std::string& path);

// The configuration that applies to `file_path` ("-": the current folder): the nearest
// `.dockml.yaml`/`.dockml.yml` in its folder or a parent, else the nearest
// `.hadolint.yaml`/`.hadolint.yml`; the search stops at the filesystem root or after the
// folder that holds a `.git` entry (the repository root). nullopt when none.
std::optional<std::string> find_config_for(const std::string& file_path);

}  // namespace dockml::config
