// The options a file is linted with: the command-line (or editor) options with the
// configuration that applies to the file. Command-line flags win over the configuration:
// --select replaces the configuration's `select` (and per-path `select`), --ignore adds to its
// `ignore`, --gpu-driver/--gpu-arch replace `gpu`, --shellcheck turns ShellCheck on whatever
// the file says. Per-path `overrides` apply after the top-level settings, in file order.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "analyzer/config/config.h"
#include "analyzer/engine/options.h"

namespace dockml::config {

struct Effective {
  LintOptions options;                           // what to pass to lint_source()
  std::optional<std::string> failure_threshold;  // the configuration's (error|...|none)
  std::shared_ptr<const Config> config;          // null when no configuration applies
  std::string error;                             // "path:line:col: key: problem"; "" when fine
};

// `base` with `cfg` applied for `file_path` (see above).
LintOptions apply_config(const LintOptions& base, const Config& cfg, const std::string& file_path);

// `file_path` relative to `cfg.dir` (`/`-separated, lexical); "" when it is the folder itself.
std::string relative_to_config(const Config& cfg, const std::string& file_path);

// True when one of `cfg`'s `exclude` globs matches `file_path`.
bool excluded_by(const Config& cfg, const std::string& file_path);

// Resolves configurations for many files (the CLI): --no-config, --config PATH, or the
// configuration found upwards from each file (find_config_for). Loaded files and searched
// folders are cached; thread-safe.
class Resolver {
 public:
  explicit Resolver(LintOptions base) : base_(std::move(base)) {}

  Effective resolve(const std::string& file_path);
  // For discovery: a file or folder found while walking that an `exclude` glob of its
  // configuration matches (a broken configuration excludes nothing; resolve() reports it).
  bool excluded(const std::string& path);

 private:
  // The loaded configuration for `file_path` (config null and error "" when none applies).
  std::pair<std::shared_ptr<const Config>, std::string> config_for(const std::string& file_path);

  LintOptions base_;
  std::mutex mu_;
  std::map<std::string, std::optional<std::string>> found_;     // folder -> config path
  std::map<std::string, std::pair<std::shared_ptr<const Config>, std::string>> loaded_;
};

// For the LSP server (one document): `base.no_config` -> base; `base.config_path` set -> that
// file; else the configuration found upwards from `document_path`.
Effective effective_options(const LintOptions& base, const std::string& document_path);

}  // namespace dockml::config
