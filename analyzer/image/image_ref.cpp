#include "analyzer/image/image_ref.h"

namespace dockml {
namespace {

constexpr size_t kMaxReference = 512;

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }

// A path component: [a-z0-9]+ ([._]|__|-+)[a-z0-9]+ ... (Docker's reference grammar).
bool valid_component(std::string_view c) {
  if (c.empty() || !lower_alnum(c.front()) || !lower_alnum(c.back())) return false;
  for (size_t i = 0; i < c.size(); ++i) {
    char ch = c[i];
    if (lower_alnum(ch)) continue;
    if (ch == '-' || ch == '.' || ch == '_') {
      if (ch == '.' && !lower_alnum(c[i - 1])) return false;
      continue;
    }
    return false;
  }
  return true;
}

bool valid_domain(std::string_view d) {
  if (d.empty()) return false;
  for (char c : d) {
    if (!(lower_alnum(c) || upper(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']')) {
      return false;
    }
  }
  return true;
}

// [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
bool valid_tag(std::string_view t) {
  if (t.empty() || t.size() > 128 || t.front() == '.' || t.front() == '-') return false;
  for (char c : t) {
    if (!(lower_alnum(c) || upper(c) || c == '_' || c == '.' || c == '-')) return false;
  }
  return true;
}

bool valid_digest(std::string_view d) {
  size_t colon = d.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 >= d.size()) return false;
  for (char c : d.substr(0, colon)) {
    if (!(lower_alnum(c) || c == '+' || c == '.' || c == '_' || c == '-')) return false;
  }
  std::string_view hex = d.substr(colon + 1);
  if (hex.size() < 32) return false;
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  }
  return true;
}

ImageRefResult fail(std::string message) { return {std::nullopt, "invalid reference format: " + message}; }

}  // namespace

std::string ImageRef::effective_tag() const {
  if (!tag.empty()) return tag;
  return digest.empty() ? "latest" : "";
}

std::string ImageRef::familiar() const {
  std::string name;
  if (registry == "docker.io") {
    name = path.starts_with("library/") ? path.substr(8) : path;
  } else if (registry.empty()) {
    name = path;
  } else {
    name = registry + "/" + path;
  }
  if (!tag.empty()) name += ":" + tag;
  if (!digest.empty()) name += "@" + digest;
  return name;
}

ImageRefResult parse_image_ref(std::string_view text, std::string_view platform) {
  ImageRef ref;
  ref.raw = std::string(text);
  ref.platform = std::string(platform);
  if (text.empty()) return fail("empty image reference");
  if (text.size() > kMaxReference) return fail("reference longer than 512 characters");
  if (text.find('$') != std::string_view::npos) {
    ref.unresolved = true;
    return {ref, ""};
  }
  if (text == "scratch") {
    ref.path = "scratch";
    return {ref, ""};
  }
  std::string_view rest = text;
  if (size_t at = rest.find('@'); at != std::string_view::npos) {
    ref.digest = std::string(rest.substr(at + 1));
    rest = rest.substr(0, at);
    if (!valid_digest(ref.digest)) return fail("invalid digest \"" + ref.digest + "\"");
  }
  // The tag follows the last ':' that comes after the last '/'.
  size_t slash = rest.rfind('/');
  size_t colon = rest.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = std::string(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
    if (!valid_tag(ref.tag)) return fail("invalid tag \"" + ref.tag + "\"");
  }
  if (rest.empty()) return fail("missing repository name");
  // Registry: the first component when it looks like a host.
  size_t first_slash = rest.find('/');
  if (first_slash != std::string_view::npos) {
    std::string_view first = rest.substr(0, first_slash);
    if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
        first == "localhost") {
      if (!valid_domain(first)) return fail("invalid registry \"" + std::string(first) + "\"");
      ref.registry = std::string(first);
      rest = rest.substr(first_slash + 1);
    }
  }
  if (ref.registry.empty() || ref.registry == "index.docker.io" || ref.registry == "registry-1.docker.io") {
    ref.registry = "docker.io";
  }
  // Path components.
  size_t start = 0;
  for (;;) {
    size_t pos = rest.find('/', start);
    std::string_view comp = rest.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    for (char c : comp) {
      if (upper(c)) return fail("repository name must be lowercase");
    }
    if (!valid_component(comp)) return fail("invalid repository name \"" + std::string(rest) + "\"");
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  ref.path = std::string(rest);
  if (ref.registry == "docker.io" && ref.path.find('/') == std::string::npos) ref.path = "library/" + ref.path;
  return {ref, ""};
}

}  // namespace dockml
