#include "rules/hadolint/overridden_in_stage.h"

#include <fmt/core.h>

#include "rules/hadolint/dl_common.h"

namespace dockml::rules::dl {

void OverriddenInStage::check_instruction(const FileContext& ctx, const Instruction& inst,
                                          Reporter& out) {
  if (index_of(ctx, inst) == kNoInstruction) return;  // ONBUILD triggers do not count
  if (inst.kind == InstructionKind::kFrom) flush(out);
  if (inst.kind == kind_) seen_.push_back(&inst);
}

void OverriddenInStage::flush(Reporter& out) {
  if (seen_.size() > 1) {
    std::string_view name = instruction_name(kind_);
    for (size_t i = 0; i + 1 < seen_.size(); ++i)
      out.report(seen_[i]->keyword_span,
                 fmt::format("this {} has no effect: the {} on line {} of the same stage overrides it",
                             name, name, line_of(*seen_.back())));
  }
  seen_.clear();
}

}  // namespace dockml::rules::dl
