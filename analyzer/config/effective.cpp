#include "analyzer/config/effective.h"

#include <algorithm>
#include <filesystem>

#include "analyzer/config/path_glob.h"

namespace dockml::config {

namespace {

namespace fs = std::filesystem;

void apply_severities(const std::map<std::string, SeverityOverride>& from, LintOptions& to) {
  for (const auto& [code, severity] : from) {
    if (severity) {
      to.severity_overrides[code] = *severity;
    } else {
      to.severity_overrides.erase(code);
      to.ignore.push_back(code);
    }
  }
}

bool any_glob_matches(const std::vector<std::string>& globs, const std::string& relative) {
  for (const std::string& g : globs) {
    auto compiled = PathGlob::compile(g, nullptr);
    if (compiled && compiled->matches(relative)) return true;
  }
  return false;
}

std::string folder_of(const std::string& file_path) {
  std::error_code ec;
  if (file_path == "-") return fs::current_path(ec).string();
  fs::path abs = fs::absolute(fs::path(file_path), ec);
  return abs.lexically_normal().parent_path().string();
}

}  // namespace

std::string relative_to_config(const Config& cfg, const std::string& file_path) {
  std::error_code ec;
  fs::path abs = fs::absolute(fs::path(file_path), ec).lexically_normal();
  fs::path rel = abs.lexically_relative(fs::path(cfg.dir));
  std::string out = rel.generic_string();
  if (out == ".") return "";
  return out;
}

bool excluded_by(const Config& cfg, const std::string& file_path) {
  if (cfg.exclude.empty() || file_path == "-") return false;
  return any_glob_matches(cfg.exclude, relative_to_config(cfg, file_path));
}

LintOptions apply_config(const LintOptions& base, const Config& cfg, const std::string& file_path) {
  LintOptions o = base;
  bool cli_select = !base.select.empty();
  if (!cli_select && cfg.select) o.select = *cfg.select;
  o.ignore = cfg.ignore;
  o.severity_overrides.clear();
  apply_severities(cfg.severity, o);
  std::string relative = file_path == "-" ? "" : relative_to_config(cfg, file_path);
  for (const PathOverride& ov : cfg.overrides) {
    if (relative.empty() || !any_glob_matches({ov.glob}, relative)) continue;
    if (!cli_select && ov.select) o.select = *ov.select;
    o.ignore.insert(o.ignore.end(), ov.ignore.begin(), ov.ignore.end());
    apply_severities(ov.severity, o);
  }
  o.ignore.insert(o.ignore.end(), base.ignore.begin(), base.ignore.end());
  for (const auto& [code, severity] : base.severity_overrides) o.severity_overrides[code] = severity;
  if (!base.gpu_driver && cfg.gpu_driver) o.gpu_driver = cfg.gpu_driver;
  if (!base.gpu_arch && cfg.gpu_arch) o.gpu_arch = cfg.gpu_arch;
  if (base.trusted_registries.empty() && cfg.trusted_registries) o.trusted_registries = *cfg.trusted_registries;
  if (base.label_schema.empty() && cfg.label_schema) o.label_schema = *cfg.label_schema;
  if (cfg.strict_labels) o.strict_labels = base.strict_labels || *cfg.strict_labels;
  if (cfg.shellcheck) o.shellcheck = base.shellcheck || *cfg.shellcheck;
  if (cfg.inline_suppressions) o.inline_suppressions = base.inline_suppressions && *cfg.inline_suppressions;
  o.config_path = cfg.path;
  return o;
}

std::pair<std::shared_ptr<const Config>, std::string> Resolver::config_for(const std::string& file_path) {
  if (base_.no_config) return {nullptr, ""};
  std::optional<std::string> path;
  if (!base_.config_path.empty()) {
    path = base_.config_path;
  } else {
    std::string folder = folder_of(file_path);
    std::lock_guard lock(mu_);
    auto it = found_.find(folder);
    if (it == found_.end()) it = found_.emplace(folder, find_config_for(file_path)).first;
    path = it->second;
  }
  if (!path) return {nullptr, ""};
  {
    std::lock_guard lock(mu_);
    if (auto it = loaded_.find(*path); it != loaded_.end()) return it->second;
  }
  LoadedConfig l = load_config_file(*path);
  std::lock_guard lock(mu_);
  return loaded_.emplace(*path, std::make_pair(l.config, l.error)).first->second;
}

Effective Resolver::resolve(const std::string& file_path) {
  Effective e;
  auto [cfg, error] = config_for(file_path);
  if (!error.empty()) {
    e.options = base_;
    e.error = error;
    return e;
  }
  if (!cfg) {
    e.options = base_;
    return e;
  }
  e.config = cfg;
  e.options = apply_config(base_, *cfg, file_path);
  e.failure_threshold = cfg->failure_threshold;
  return e;
}

bool Resolver::excluded(const std::string& path) {
  auto [cfg, error] = config_for(path);
  return cfg && excluded_by(*cfg, path);
}

Effective effective_options(const LintOptions& base, const std::string& document_path) {
  if (document_path.empty() && base.config_path.empty()) {
    Effective e;
    e.options = base;  // an unsaved document: no folder to search from
    return e;
  }
  Resolver r(base);
  return r.resolve(document_path);
}

}  // namespace dockml::config
