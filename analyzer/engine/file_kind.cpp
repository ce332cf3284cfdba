#include "analyzer/engine/file_kind.h"

#include <string>

namespace dockml {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

bool is_yaml_name(std::string_view file_name) {
  std::string n = lower(base_name(file_name));
  return ends_with(n, ".yml") || ends_with(n, ".yaml");
}

std::optional<FileKind> kind_from_name(std::string_view file_name) {
  std::string_view name = base_name(file_name);
  // Dockerfile names keep their conventional case: "Dockerfile", "Containerfile".
  if (name == "Dockerfile" || name == "Containerfile" || starts_with(name, "Dockerfile.") ||
      starts_with(name, "Containerfile.") || ends_with(name, ".Dockerfile") ||
      ends_with(name, ".dockerfile"))
    return FileKind::kDockerfile;
  std::string n = lower(name);
  if (starts_with(n, "requirements") && ends_with(n, ".txt")) return FileKind::kRequirements;
  if ((starts_with(n, "docker-compose") || starts_with(n, "compose")) && is_yaml_name(n))
    return FileKind::kCompose;
  return std::nullopt;
}

bool looks_like_kubernetes(std::string_view text) {
  bool api = false;
  bool kind = false;
  size_t pos = 0;
  while (pos < text.size() && !(api && kind)) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.size() - pos : nl - pos);
    if (starts_with(line, "apiVersion:")) api = true;
    if (starts_with(line, "kind:")) kind = true;
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return api && kind;
}

FileKind detect_kind(std::string_view path, std::string_view text) {
  if (auto k = kind_from_name(path)) return *k;
  if (is_yaml_name(path)) return looks_like_kubernetes(text) ? FileKind::kKubernetes : FileKind::kCompose;
  std::string n = lower(base_name(path));
  if (ends_with(n, ".txt") || ends_with(n, ".in")) return FileKind::kRequirements;
  return FileKind::kDockerfile;
}

std::string_view file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::kDockerfile: return "dockerfile";
    case FileKind::kRequirements: return "requirements";
    case FileKind::kCompose: return "compose";
    case FileKind::kKubernetes: return "kubernetes";
  }
  return "dockerfile";
}

}  // namespace dockml
