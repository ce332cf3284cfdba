// Parsing and validation of .dockml.yaml and .hadolint.yaml (see config.h).
#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <string_view>

#include <fmt/format.h>

#include "analyzer/config/config.h"
#include "analyzer/config/path_glob.h"
#include "analyzer/engine/rule.h"
#include "analyzer/engine/selection.h"
#include "analyzer/yaml/yaml.h"

namespace dockml::config {

namespace {

namespace fs = std::filesystem;
using yaml::Node;

constexpr std::string_view kDockmlKeys[] = {
    "select", "ignore", "severity", "failure-threshold", "gpu", "trusted-registries",
    "label-schema", "strict-labels", "shellcheck", "inline-suppressions", "exclude", "overrides"};
constexpr std::string_view kHadolintKeys[] = {
    "ignored", "override", "failure-threshold", "trustedRegistries", "label-schema",
    "strict-labels", "no-fail", "disable-ignore-pragma", "format", "formats", "no-color", "verbose"};
constexpr std::string_view kLabelTypes[] = {"text", "url", "semver", "hash", "rfc3339", "spdx", "email"};

template <typename Range>
std::string join(const Range& words) {
  std::string out;
  for (std::string_view w : words) out += (out.empty() ? "" : ", ") + std::string(w);
  return out;
}

template <typename Range>
bool contains(const Range& words, std::string_view w) {
  return std::find(std::begin(words), std::end(words), w) != std::end(words);
}

bool valid_driver(std::string_view s) {
  if (s.empty() || s.front() == '.' || s.back() == '.' || s.find("..") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool valid_arch(std::string_view s) {
  if (s.size() < 4 || s.substr(0, 3) != "sm_") return false;
  for (size_t i = 3; i < s.size(); ++i) {
    char c = s[i];
    bool last_letter = i + 1 == s.size() && i > 3 && (c == 'a' || c == 'f');
    if (!(c >= '0' && c <= '9') && !last_letter) return false;
  }
  return true;
}

bool is_sc_code(std::string_view s) {
  return s.size() > 2 && (s[0] == 'S' || s[0] == 's') && (s[1] == 'C' || s[1] == 'c') &&
         std::all_of(s.begin() + 2, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool known_code_or_alias(std::string_view s) {
  if (is_sc_code(s)) return true;
  for (const RuleEntry& e : rule_registry()) {
    if (s.size() == e.meta->code.size() &&
        std::equal(s.begin(), s.end(), e.meta->code.begin(),
                   [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; }))
      return true;
    if (!e.meta->alias.empty() && s == e.meta->alias) return true;
  }
  return false;
}

class Parser {
 public:
  Parser(SourcePtr source, bool hadolint) : source_(std::move(source)), hadolint_(hadolint) {}

  LoadedConfig run() {
    auto cfg = std::make_shared<Config>();
    cfg->path = source_->path();
    std::error_code ec;
    fs::path abs = fs::absolute(fs::path(source_->path()), ec);
    cfg->dir = (ec ? fs::path(source_->path()) : abs).lexically_normal().parent_path().string();
    cfg->hadolint = hadolint_;
    yaml::Stream stream = yaml::parse_yaml(source_);
    if (!stream.errors.empty()) {
      const yaml::Error& e = stream.errors.front();
      return fail_at(e.span.begin, e.message);
    }
    if (stream.documents.size() > 1)
      return fail_at(stream.documents[1].span.begin, "expected one YAML document, found several");
    if (!stream.documents.empty()) {
      const Node& root = stream.documents.front().root->resolved();
      if (!root.is_null()) {
        if (!root.is_mapping()) return fail_at(root.span.begin, "expected a mapping of settings at the top level");
        if (hadolint_ ? !hadolint_root(root, *cfg) : !dockml_root(root, *cfg)) return {nullptr, error_};
      }
    }
    return {cfg, ""};
  }

 private:
  LoadedConfig fail_at(uint32_t offset, const std::string& message) {
    error(offset, message);
    return {nullptr, error_};
  }

  bool error(uint32_t offset, const std::string& message) {
    if (error_.empty()) {
      Position p = source_->position(offset);
      error_ = fmt::format("{}:{}:{}: {}", source_->path(), p.line + 1, p.column + 1, message);
    }
    return false;
  }

  bool bad(const Node& at, const std::string& key, const std::string& problem) {
    return error(at.span.begin, fmt::format("{}: {}", key, problem));
  }

  // Keys of `map` must be in `allowed`; reports the first that is not.
  template <typename Range>
  bool known_keys(const Node& map, const Range& allowed, const std::string& where) {
    for (const yaml::Pair& p : map.resolved().pairs) {
      std::string_view key = p.key->scalar();
      if (!p.key->is_scalar() || !contains(allowed, key)) {
        std::string name = where.empty() ? std::string(key) : where + "." + std::string(key);
        return error(p.key->span.begin,
                     fmt::format("unknown key '{}' (expected one of: {})", name, join(allowed)));
      }
    }
    return true;
  }

  std::optional<std::string> text(const Node& n, const std::string& key) {
    const Node& r = n.resolved();
    if (!r.is_scalar() || r.is_null() || r.type == yaml::ScalarType::kBool) {
      bad(n, key, "expected a string");
      return std::nullopt;
    }
    return std::string(r.scalar());
  }

  std::optional<bool> boolean(const Node& n, const std::string& key) {
    const Node& r = n.resolved();
    if (r.is_scalar() && r.type == yaml::ScalarType::kBool) {
      std::string v(r.scalar());
      for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return v == "true";
    }
    bad(n, key, fmt::format("expected true or false, got '{}'", r.scalar()));
    return std::nullopt;
  }

  // A sequence of strings, or one string (hadolint's `trustedRegistries: docker.io`).
  std::optional<std::vector<std::string>> list(const Node& n, const std::string& key) {
    const Node& r = n.resolved();
    std::vector<std::string> out;
    if (r.is_scalar() && !r.is_null()) {
      auto v = text(n, key);
      if (!v) return std::nullopt;
      out.push_back(*v);
      return out;
    }
    if (!r.is_sequence()) {
      bad(n, key, "expected a list of strings");
      return std::nullopt;
    }
    for (const Node* item : r.items) {
      auto v = text(*item, key);
      if (!v) return std::nullopt;
      out.push_back(*v);
    }
    return out;
  }

  // Rule selectors: every entry must name a rule (dockml files; hadolint files name rules
  // dockml may not implement, so they are not checked).
  std::optional<std::vector<std::string>> codes(const Node& n, const std::string& key) {
    auto v = list(n, key);
    if (!v || hadolint_) return v;
    const Node& r = n.resolved();
    for (size_t i = 0; i < v->size(); ++i) {
      std::vector<std::string> unknown = unknown_selectors({(*v)[i]});
      if (!unknown.empty()) {
        const Node& at = r.is_sequence() ? *r.items[i] : n;
        bad(at, key, fmt::format("'{}' is not a rule code, code prefix or BuildKit check name", (*v)[i]));
        return std::nullopt;
      }
    }
    return v;
  }

  bool severity_map(const Node& n, const std::string& key, std::map<std::string, SeverityOverride>& out) {
    const Node& r = n.resolved();
    if (!r.is_mapping()) return bad(n, key, "expected a mapping of rule code to severity");
    for (const yaml::Pair& p : r.pairs) {
      std::string code(p.key->scalar());
      if (!known_code_or_alias(code))
        return bad(*p.key, key, fmt::format("'{}' is not a rule code or BuildKit check name", code));
      auto v = text(*p.value, key + "." + code);
      if (!v) return false;
      if (*v == "off") {
        out[code] = std::nullopt;
      } else if (auto s = parse_severity(*v)) {
        out[code] = *s;
      } else {
        return bad(*p.value, key + "." + code,
                   fmt::format("expected error, warning, info, style or off, got '{}'", *v));
      }
    }
    return true;
  }

  bool threshold(const Node& n, const std::string& key, Config& cfg) {
    auto v = text(n, key);
    if (!v) return false;
    std::string t = *v;
    if (hadolint_ && t == "ignore") t = "none";
    if (t != "none" && !parse_severity(t))
      return bad(n, key, fmt::format("expected error, warning, info, style or none, got '{}'", *v));
    cfg.failure_threshold = t;
    return true;
  }

  bool label_schema(const Node& n, const std::string& key, Config& cfg) {
    const Node& r = n.resolved();
    if (!r.is_mapping()) return bad(n, key, "expected a mapping of label name to type");
    std::map<std::string, std::string> schema;
    for (const yaml::Pair& p : r.pairs) {
      std::string label(p.key->scalar());
      auto v = text(*p.value, key + "." + label);
      if (!v) return false;
      if (!contains(kLabelTypes, *v))
        return bad(*p.value, key + "." + label,
                   fmt::format("expected one of {}, got '{}'", join(kLabelTypes), *v));
      schema[label] = *v;
    }
    cfg.label_schema = std::move(schema);
    return true;
  }

  bool globs(const Node& n, const std::string& key, std::vector<std::string>& out) {
    auto v = list(n, key);
    if (!v) return false;
    const Node& r = n.resolved();
    for (size_t i = 0; i < v->size(); ++i) {
      std::string problem;
      if (!PathGlob::compile((*v)[i], &problem))
        return bad(r.is_sequence() ? *r.items[i] : n, key, fmt::format("'{}': {}", (*v)[i], problem));
    }
    out = std::move(*v);
    return true;
  }

  bool gpu(const Node& n, Config& cfg) {
    const Node& r = n.resolved();
    if (!r.is_mapping()) return bad(n, "gpu", "expected a mapping with driver and arch");
    if (!known_keys(r, std::initializer_list<std::string_view>{"driver", "arch"}, "gpu")) return false;
    if (const Node* d = r.get("driver")) {
      auto v = text(*d, "gpu.driver");
      if (!v) return false;
      if (!valid_driver(*v)) return bad(*d, "gpu.driver", fmt::format("expected a driver version like 535.104.05, got '{}'", *v));
      cfg.gpu_driver = *v;
    }
    if (const Node* a = r.get("arch")) {
      auto v = text(*a, "gpu.arch");
      if (!v) return false;
      if (!valid_arch(*v)) return bad(*a, "gpu.arch", fmt::format("expected sm_XY, e.g. sm_80, got '{}'", *v));
      cfg.gpu_arch = *v;
    }
    return true;
  }

  bool overrides(const Node& n, Config& cfg) {
    const Node& r = n.resolved();
    if (!r.is_mapping()) return bad(n, "overrides", "expected a mapping of path glob to settings");
    for (const yaml::Pair& p : r.pairs) {
      PathOverride o;
      o.glob = std::string(p.key->scalar());
      std::string where = "overrides." + o.glob;
      std::string problem;
      if (!PathGlob::compile(o.glob, &problem))
        return bad(*p.key, "overrides", fmt::format("'{}': {}", o.glob, problem));
      const Node& body = p.value->resolved();
      if (!body.is_mapping()) return bad(*p.value, where, "expected a mapping with select, ignore or severity");
      if (!known_keys(body, std::initializer_list<std::string_view>{"select", "ignore", "severity"}, where))
        return false;
      if (const Node* s = body.get("select")) {
        o.select = codes(*s, where + ".select");
        if (!o.select) return false;
      }
      if (const Node* i = body.get("ignore")) {
        auto v = codes(*i, where + ".ignore");
        if (!v) return false;
        o.ignore = *v;
      }
      if (const Node* s = body.get("severity"))
        if (!severity_map(*s, where + ".severity", o.severity)) return false;
      cfg.overrides.push_back(std::move(o));
    }
    return true;
  }

  bool dockml_root(const Node& root, Config& cfg) {
    if (!known_keys(root, kDockmlKeys, "")) return false;
    for (const yaml::Pair& p : root.pairs) {
      std::string key(p.key->scalar());
      const Node& v = *p.value;
      bool ok = true;
      if (key == "select") ok = (cfg.select = codes(v, key)).has_value();
      else if (key == "ignore") {
        auto c = codes(v, key);
        ok = c.has_value();
        if (ok) cfg.ignore = *c;
      } else if (key == "severity") ok = severity_map(v, key, cfg.severity);
      else if (key == "failure-threshold") ok = threshold(v, key, cfg);
      else if (key == "gpu") ok = gpu(v, cfg);
      else if (key == "trusted-registries") ok = (cfg.trusted_registries = list(v, key)).has_value();
      else if (key == "label-schema") ok = label_schema(v, key, cfg);
      else if (key == "strict-labels") ok = (cfg.strict_labels = boolean(v, key)).has_value();
      else if (key == "shellcheck") ok = (cfg.shellcheck = boolean(v, key)).has_value();
      else if (key == "inline-suppressions") ok = (cfg.inline_suppressions = boolean(v, key)).has_value();
      else if (key == "exclude") ok = globs(v, key, cfg.exclude);
      else if (key == "overrides") ok = overrides(v, cfg);
      if (!ok) return false;
    }
    return true;
  }

  bool hadolint_root(const Node& root, Config& cfg) {
    if (!known_keys(root, kHadolintKeys, "")) return false;
    for (const yaml::Pair& p : root.pairs) {
      std::string key(p.key->scalar());
      const Node& v = *p.value;
      bool ok = true;
      if (key == "ignored") {
        auto c = codes(v, key);
        ok = c.has_value();
        if (ok) cfg.ignore = *c;
      } else if (key == "override") {
        const Node& r = v.resolved();
        if (!r.is_mapping()) return bad(v, key, "expected a mapping with error, warning, info or style");
        if (!known_keys(r, std::initializer_list<std::string_view>{"error", "warning", "info", "style"}, key))
          return false;
        for (const yaml::Pair& level : r.pairs) {
          std::string name(level.key->scalar());
          auto c = codes(*level.value, key + "." + name);
          if (!c) return false;
          for (const std::string& code : *c) cfg.severity[code] = parse_severity(name);
        }
      } else if (key == "failure-threshold") ok = threshold(v, key, cfg);
      else if (key == "trustedRegistries") ok = (cfg.trusted_registries = list(v, key)).has_value();
      else if (key == "label-schema") ok = label_schema(v, key, cfg);
      else if (key == "strict-labels") ok = (cfg.strict_labels = boolean(v, key)).has_value();
      else if (key == "no-fail") {
        auto b = boolean(v, key);
        ok = b.has_value();
        if (ok && *b) cfg.failure_threshold = "none";
      } else if (key == "disable-ignore-pragma") {
        auto b = boolean(v, key);
        ok = b.has_value();
        if (ok) cfg.inline_suppressions = !*b;
      }
      if (!ok) return false;
    }
    return true;
  }

  SourcePtr source_;
  bool hadolint_;
  std::string error_;
};

}  // namespace

LoadedConfig parse_config(SourcePtr source, bool hadolint) { return Parser(std::move(source), hadolint).run(); }

bool is_hadolint_config_name(const std::string& path) {
  std::string name = fs::path(path).filename().string();
  return name == ".hadolint.yaml" || name == ".hadolint.yml" || name == "hadolint.yaml" ||
         name == "hadolint.yml";
}

LoadedConfig load_config_file(const std::string& path) {
  LoadResult loaded = load_source(path);
  if (!loaded.file) return {nullptr, loaded.error.message};
  return parse_config(loaded.file, is_hadolint_config_name(path));
}

std::optional<std::string> find_config_for(const std::string& file_path) {
  std::error_code ec;
  fs::path start = file_path == "-" ? fs::current_path(ec) : fs::absolute(fs::path(file_path), ec).parent_path();
  if (ec) return std::nullopt;
  start = start.lexically_normal();
  for (std::initializer_list<const char*> names : {std::initializer_list<const char*>{".dockml.yaml", ".dockml.yml"},
                                                    std::initializer_list<const char*>{".hadolint.yaml", ".hadolint.yml"}}) {
    fs::path dir = start;
    for (int depth = 0; depth < 256; ++depth) {
      for (const char* name : names) {
        fs::path candidate = dir / name;
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
      }
      if (fs::exists(dir / ".git", ec)) break;  // the repository root
      fs::path parent = dir.parent_path();
      if (parent.empty() || parent == dir) break;
      dir = parent;
    }
  }
  return std::nullopt;
}

}  // namespace dockml::config
