#include "analyzer/engine/twins.h"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <utility>

#include "analyzer/engine/rule.h"
#include "analyzer/engine/selection.h"

namespace dockml {

namespace {

// Each pair: both rules fire on the same instruction for the same reason. Checked against
// every BK rule and the DL list of ../shared/knowledge/linters.md; BK rules without a row
// have no hadolint counterpart.
constexpr std::array kTwins{
    RuleTwin{"DL3024", "BK005"},  // duplicate stage name
    RuleTwin{"DL3063", "BK006"},  // reserved stage name (scratch, context)
    RuleTwin{"DL3025", "BK007"},  // CMD/ENTRYPOINT in shell form
    RuleTwin{"DL4000", "BK008"},  // MAINTAINER is deprecated
    RuleTwin{"DL3000", "BK010"},  // relative WORKDIR
    RuleTwin{"DL3012", "BK012"},  // several HEALTHCHECKs in a stage
    RuleTwin{"DL4003", "BK012"},  // several CMDs in a stage
    RuleTwin{"DL4004", "BK012"},  // several ENTRYPOINTs in a stage
    RuleTwin{"DL3065", "BK015"},  // FROM --platform=$TARGETPLATFORM is redundant
    RuleTwin{"DL3064", "BK016"},  // ARG/ENV name that looks like a secret
    RuleTwin{"DL3029", "BK018"},  // FROM --platform with a constant platform
    // Owner pairs: the ML rule's finding is kept.
    RuleTwin{"DL3006", "ML402", true},  // ML framework image without a tag (pulls latest)
    RuleTwin{"DL3007", "ML402", true},  // ML framework image on :latest
};

std::string_view alias_of(std::string_view code) {
  const RuleEntry* e = find_rule(code);
  return e ? e->meta->alias : std::string_view();
}

// The user named this code (or its alias, or a prefix of it) in --select; ALL does not count.
bool explicitly_selected(const LintOptions& options, std::string_view code) {
  for (const std::string& s : options.select) {
    if (s.size() == 3 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'L' || s[1] == 'l') &&
        (s[2] == 'L' || s[2] == 'l'))
      continue;
    if (selector_matches(s, code, alias_of(code))) return true;
  }
  return false;
}

bool ignored(const LintOptions& options, std::string_view code) {
  for (const std::string& s : options.ignore)
    if (selector_matches(s, code, alias_of(code))) return true;
  return false;
}

// Index of the top-level instruction holding `offset`, or nullopt.
std::optional<size_t> instruction_at(const Dockerfile& df, uint32_t offset) {
  auto it = std::upper_bound(df.instructions.begin(), df.instructions.end(), offset,
                             [](uint32_t o, const Instruction& i) { return o < i.span.begin; });
  if (it == df.instructions.begin()) return std::nullopt;
  --it;
  if (offset > it->span.end) return std::nullopt;
  return static_cast<size_t>(it - df.instructions.begin());
}

// Where a diagnostic is, for pairing: its top-level instruction, else its line (negative).
std::pair<const SourceFile*, int64_t> place_of(const Diagnostic& d, const Dockerfile* df) {
  if (!d.source) return {nullptr, 0};
  if (df && df->source == d.source) {
    if (auto i = instruction_at(*df, d.span.begin)) return {d.source.get(), static_cast<int64_t>(*i)};
  }
  return {d.source.get(), -1 - static_cast<int64_t>(d.source->position(d.span.begin).line)};
}

}  // namespace

std::span<const RuleTwin> rule_twins() { return kTwins; }

bool are_twins(std::string_view a, std::string_view b) {
  for (const RuleTwin& t : kTwins)
    if ((t.dl == a && t.bk == b) || (t.dl == b && t.bk == a)) return true;
  return false;
}

void drop_twin_duplicates(std::vector<Diagnostic>& diags, const Dockerfile* df,
                          const LintOptions& options) {
  std::vector<bool> drop(diags.size(), false);
  for (const RuleTwin& t : kTwins) {
    bool bk_explicit = explicitly_selected(options, t.bk);
    bool dl_explicit = explicitly_selected(options, t.dl);
    if (!t.bk_owns && bk_explicit && dl_explicit) continue;  // both asked for
    // An owner pair keeps one finding even when both codes are selected.
    bool bk_wins = t.bk_owns ? bk_explicit || !dl_explicit : bk_explicit;
    std::string_view loser = bk_wins ? t.dl : t.bk;
    std::string_view winner = bk_wins ? t.bk : t.dl;
    if (!t.bk_owns && !bk_explicit && ignored(options, t.dl)) {
      // The user turned the DL rule off: its BK twin says the same thing, so it goes too.
      for (size_t i = 0; i < diags.size(); ++i)
        if (diags[i].code == t.bk) drop[i] = true;
      continue;
    }
    std::set<std::pair<const SourceFile*, int64_t>> winners;
    for (size_t i = 0; i < diags.size(); ++i)
      if (!drop[i] && diags[i].code == winner && diags[i].source) winners.insert(place_of(diags[i], df));
    if (winners.empty()) continue;
    for (size_t i = 0; i < diags.size(); ++i)
      if (!drop[i] && diags[i].code == loser && winners.count(place_of(diags[i], df))) drop[i] = true;
  }
  size_t k = 0;
  for (size_t i = 0; i < diags.size(); ++i)
    if (!drop[i]) {
      if (k != i) diags[k] = std::move(diags[i]);  // no self-move: it empties the strings
      ++k;
    }
  diags.resize(k);
}

}  // namespace dockml
