#include "analyzer/lsp/settings.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <system_error>

namespace dockml::lsp {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void split_commas(const std::vector<std::string>& in, std::vector<std::string>& out) {
  for (const std::string& item : in) {
    size_t start = 0;
    while (start <= item.size()) {
      size_t comma = item.find(',', start);
      if (comma == std::string::npos) comma = item.size();
      if (comma > start) out.push_back(item.substr(start, comma - start));
      start = comma + 1;
    }
  }
}

std::optional<std::string> string_field(const json& obj, const char* key,
                                        std::vector<std::string>& warnings) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    warnings.push_back(std::string("dockml.") + key + " must be a string; ignored");
    return std::nullopt;
  }
  std::string v = it->get<std::string>();
  if (v.empty()) return std::nullopt;
  return v;
}

}  // namespace

Settings parse_settings(const json& j, std::vector<std::string>& warnings) {
  Settings s;
  const json* obj = &j;
  if (j.is_object() && j.contains("dockml")) obj = &j["dockml"];
  if (!obj->is_object()) return s;
  if (auto it = obj->find("args"); it != obj->end() && !it->is_null()) {
    if (it->is_array() && std::all_of(it->begin(), it->end(), [](const json& a) { return a.is_string(); })) {
      for (const json& a : *it) s.args.push_back(a.get<std::string>());
    } else {
      warnings.push_back("dockml.args must be an array of strings; ignored");
    }
  }
  s.gpu_driver = string_field(*obj, "gpuDriver", warnings);
  s.failure_threshold = string_field(*obj, "failureThreshold", warnings);
  return s;
}

ResolvedSettings resolve_settings(const Settings& s, std::vector<std::string>& warnings) {
  ResolvedSettings r;
  CLI::App app{"dockml lsp settings"};
  app.allow_extras();
  std::vector<std::string> select, ignore, build_args;
  std::string context, config, kb, gpu_driver, gpu_arch, threshold;
  bool no_config = false, shellcheck = false;
  app.add_option("--select", select);
  app.add_option("--ignore", ignore);
  app.add_option("--build-arg", build_args);
  app.add_option("--context", context);
  app.add_option("--config", config);
  app.add_flag("--no-config", no_config);
  app.add_option("--kb", kb);
  app.add_option("--gpu-driver", gpu_driver);
  app.add_option("--gpu-arch", gpu_arch);
  app.add_flag("--shellcheck", shellcheck);
  app.add_option("--failure-threshold", threshold);
  try {
    std::vector<std::string> reversed(s.args.rbegin(), s.args.rend());
    app.parse(reversed);
    for (const std::string& extra : app.remaining()) {
      warnings.push_back("dockml.args: '" + extra + "' is not supported in the editor; ignored");
    }
  } catch (const CLI::Error& e) {
    warnings.push_back(std::string("dockml.args: ") + e.what());
  }
  split_commas(select, r.options.select);
  split_commas(ignore, r.options.ignore);
  for (const std::string& kv : build_args) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      warnings.push_back("dockml.args: --build-arg expects KEY=VALUE, got '" + kv + "'");
      continue;
    }
    r.options.build_args[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  r.options.context_dir = context;
  r.options.shellcheck = shellcheck;
  if (!gpu_driver.empty()) r.options.gpu_driver = gpu_driver;
  if (!gpu_arch.empty()) r.options.gpu_arch = gpu_arch;
  if (s.gpu_driver) r.options.gpu_driver = *s.gpu_driver;
  r.options.config_path = config;
  r.options.no_config = no_config;
  r.options.kb_dir = kb;
  if (s.failure_threshold) threshold = *s.failure_threshold;
  if (!threshold.empty() && threshold != "none") {
    r.threshold = parse_severity(threshold);
    if (!r.threshold) {
      warnings.push_back("dockml.failureThreshold must be error, warning, info, style or none; got '" +
                         threshold + "'");
    }
  }
  return r;
}

std::optional<std::string> discover_config(const std::string& document_path,
                                           const std::string& stop_dir) {
  if (document_path.empty()) return std::nullopt;
  std::error_code ec;
  fs::path dir = fs::path(document_path).parent_path();
  fs::path stop = stop_dir.empty() ? fs::path() : fs::path(stop_dir).lexically_normal();
  if (!stop.empty() && !stop.has_filename()) stop = stop.parent_path();
  for (int depth = 0; depth < 64 && !dir.empty(); ++depth) {
    for (const char* name : {".dockml.yaml", ".dockml.yml"}) {
      fs::path candidate = dir / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (!stop.empty() && dir.lexically_normal() == stop) break;
    fs::path parent = dir.parent_path();
    if (parent == dir) break;
    dir = parent;
  }
  return std::nullopt;
}

}  // namespace dockml::lsp
