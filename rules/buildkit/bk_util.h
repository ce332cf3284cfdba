// Small helpers shared by the BuildKit check rules (rules/buildkit/bkNNN_*.cpp).
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/dockerfile/scope.h"
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"

namespace dockml::rules::bk {

inline std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

inline std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

inline bool is_lower(std::string_view s) { return to_lower(s) == s; }
inline bool is_upper(std::string_view s) { return to_upper(s) == s; }

// Index of a top-level instruction in the file; kNoIndex for ONBUILD triggers.
inline constexpr size_t kNoIndex = static_cast<size_t>(-1);
inline size_t index_of(const FileContext& ctx, const Instruction& inst) {
  if (ctx.dockerfile == nullptr) return kNoIndex;
  const auto& all = ctx.dockerfile->instructions;
  if (all.empty() || &inst < &all.front() || &inst > &all.back()) return kNoIndex;
  return static_cast<size_t>(&inst - &all.front());
}

// True when the word's source bytes are exactly its text (no continuation or JSON quoting
// inside), so offsets in the text are offsets in the source.
inline bool word_is_verbatim(const FileContext& ctx, const Word& w) {
  return ctx.source && ctx.source->slice(w.span) == w.text;
}

// FROM <image> AS <name>: the name word, or nullptr.
inline const Word* from_stage_name(const Instruction& inst) {
  if (inst.kind != InstructionKind::kFrom || inst.args.size() != 3) return nullptr;
  return &inst.args[2];
}

// Levenshtein distance (bytes), for did-you-mean suggestions.
inline size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The first candidate at distance <= 2 from `name` (a different spelling only), or "".
inline std::string suggest(std::string_view name, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = 3;
  for (const std::string& c : candidates) {
    if (c == name) continue;
    size_t d = edit_distance(to_lower(name), to_lower(c));
    if (to_lower(name) == to_lower(c)) d = 0;
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

// The file's BuildScope: the image model's when the engine built one, else computed here
// with the run's build args (once per rule object: keep it in a std::optional member).
inline const BuildScope& scope_of(const FileContext& ctx, std::optional<BuildScope>& cache) {
  if (ctx.model != nullptr) return ctx.model->scope;
  if (!cache) {
    ScopeOptions so;
    if (ctx.options != nullptr) so.build_args = ctx.options->build_args;
    cache = ctx.dockerfile != nullptr ? BuildScope::compute(*ctx.dockerfile, so) : BuildScope{};
  }
  return *cache;
}

}  // namespace dockml::rules::bk
