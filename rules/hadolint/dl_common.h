// Small helpers shared by the hadolint-parity rules that need no shell parsing
// (DL3000, DL3002, DL3006, DL3007, DL302x, DL3045, DL3061, DL400x).
#pragma once

#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/dockerfile/scope.h"
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules::dl {

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// Index of a top-level instruction; kNoInstruction for ONBUILD triggers.
inline size_t index_of(const FileContext& ctx, const Instruction& inst) {
  if (ctx.dockerfile == nullptr) return kNoInstruction;
  const auto& all = ctx.dockerfile->instructions;
  if (all.empty() || &inst < &all.front() || &inst > &all.back()) return kNoInstruction;
  return static_cast<size_t>(&inst - &all.front());
}

// The file's BuildScope (the image model's, else computed once with the run's build args).
inline const BuildScope& scope_of(const FileContext& ctx, std::optional<BuildScope>& cache) {
  if (ctx.model != nullptr) return ctx.model->scope;
  if (!cache) {
    ScopeOptions so;
    if (ctx.options != nullptr) so.build_args = ctx.options->build_args;
    cache = ctx.dockerfile != nullptr ? BuildScope::compute(*ctx.dockerfile, so) : BuildScope{};
  }
  return *cache;
}

// Removes one pair of surrounding double or single quotes.
inline std::string unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    return std::string(s.substr(1, s.size() - 2));
  return std::string(s);
}

// 1-based line of an instruction, for messages.
inline unsigned line_of(const Instruction& inst) { return inst.start_line + 1; }

// The tag of an image reference ("" when none): the part after the last ':' that follows the
// last '/', ignoring any @digest.
inline std::string image_tag(std::string_view image) {
  size_t at = image.find('@');
  std::string_view name = image.substr(0, at);
  size_t slash = name.rfind('/');
  size_t colon = name.rfind(':');
  if (colon == std::string_view::npos || (slash != std::string_view::npos && colon < slash)) return "";
  return std::string(name.substr(colon + 1));
}

inline bool has_digest(std::string_view image) { return image.find('@') != std::string_view::npos; }

// True when `raw` (a FROM image or COPY --from value holding `$VAR`/`${VAR}` parts) may name the
// stage `name`: each variable stands for any text, and `raw` needs some literal text besides
// (`base-${TARGETARCH}` may be `base-arm64`; a bare `${FLAVOR}` is not judged). Case-insensitive.
inline bool may_name_stage(std::string_view raw, std::string_view name) {
  std::string pattern;  // literal text with '\0' for each variable
  bool literal = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '$') {
      pattern += static_cast<char>(raw[i] >= 'A' && raw[i] <= 'Z' ? raw[i] - 'A' + 'a' : raw[i]);
      literal = true;
      continue;
    }
    if (i + 1 < raw.size() && raw[i + 1] == '{') {
      size_t close = raw.find('}', i);
      if (close == std::string_view::npos) return false;
      i = close;
    } else {
      while (i + 1 < raw.size() && (std::isalnum(static_cast<unsigned char>(raw[i + 1])) || raw[i + 1] == '_')) ++i;
    }
    pattern += '\0';
  }
  if (!literal || pattern.find('\0') == std::string::npos) return false;
  std::string n = lower(name);
  // Glob match with '\0' as '*' (iterative, linear backtracking on the last star).
  size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < n.size()) {
    if (p < pattern.size() && pattern[p] == '\0') { star = p++; mark = t; }
    else if (p < pattern.size() && pattern[p] == n[t]) { ++p; ++t; }
    else if (star != std::string::npos) { p = star + 1; t = ++mark; }
    else return false;
  }
  while (p < pattern.size() && pattern[p] == '\0') ++p;
  return p == pattern.size();
}

}  // namespace dockml::rules::dl
