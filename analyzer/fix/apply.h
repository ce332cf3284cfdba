// Applying text edits: the primitive under the snapshot harness's fix diffs and the fixer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diag/diagnostic.h"

namespace dockml {

struct ApplyResult {
  std::string text;                 // the edited text (the input when nothing applied)
  size_t applied = 0;               // edits applied
  std::vector<size_t> conflicts;    // indexes (into the input list) of edits skipped
};

// Applies `edits` (byte spans into `text`) in one pass. Edits are sorted by span (stable for
// equal spans, so several insertions at one offset keep their order). An edit that overlaps
// an earlier accepted one, or whose span lies outside `text`, is skipped and listed in
// `conflicts`. Two insertions at the same offset, or an insertion at the end of a replaced
// range, do not conflict.
ApplyResult apply_edits(std::string_view text, const std::vector<Edit>& edits);

// True when the edits are pairwise non-overlapping and inside a text of `size` bytes.
bool edits_disjoint(const std::vector<Edit>& edits, size_t size);

// A small unified diff (3 lines of context, "--- a/<name>" / "+++ b/<name>" headers) of two
// texts; empty when equal. Used to show what a fix changes in snapshots and `--diff`.
std::string unified_diff(std::string_view before, std::string_view after,
                         std::string_view name, size_t context = 3);

}  // namespace dockml
