// Rule twins: a hadolint (DL) rule and a BuildKit check (BK) that report the same problem at the
// same instruction. The engine reports such a finding once, with the DL code, unless the user
// selected the BK code explicitly (`--select BK007`, `--select JSONArgsRecommended` or a prefix
// such as `--select BK`; `ALL` does not count) and did not select the DL code explicitly too
// (then both are kept: the user asked for both). When the DL code is ignored (--ignore, or
// `off` in the configuration) and the BK code is not selected explicitly, the BK finding is
// dropped too: the user turned that check off. Suppressing either code of a pair also
// suppresses its twin's finding at that place (see suppression.h).
//
// Owner pairs: a hadolint rule and an ML rule that says the same thing more precisely for ML
// images (DL3007 `:latest` / DL3006 no tag and ML402 on `FROM pytorch/pytorch:latest`). There
// the ML code owns the finding: it is kept and the DL one dropped, unless the user selected the
// DL code explicitly and not the ML code (one finding even when both are selected); ignoring the
// DL code does not drop the ML finding.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/dockerfile/ast.h"
#include "analyzer/engine/options.h"

namespace dockml {

struct RuleTwin {
  std::string_view dl;  // "DL3025"
  std::string_view bk;  // "BK007", or the ML code of an owner pair ("ML402")
  bool bk_owns = false;  // an owner pair: the second code is kept by default
};

// The pairs, sorted by second code, BK before ML (data, tested in twins_test.cpp).
std::span<const RuleTwin> rule_twins();

// True when `a` and `b` are the two codes of one pair (in either order).
bool are_twins(std::string_view a, std::string_view b);

// Drops the duplicate of every DL/BK pair reported at the same instruction of `df` (at the same
// line when `df` is null or the position is outside every instruction), per the rule above.
void drop_twin_duplicates(std::vector<Diagnostic>& diags, const Dockerfile* df,
                          const LintOptions& options);

}  // namespace dockml
