// Shared check of DL3012 (HEALTHCHECK), DL4003 (CMD) and DL4004 (ENTRYPOINT): every such
// instruction of a stage that a later one in the same stage overrides has no effect.
#pragma once

#include <vector>

#include "analyzer/engine/rule.h"

namespace dockml::rules::dl {

class OverriddenInStage : public Rule {
 public:
  explicit OverriddenInStage(InstructionKind kind) : kind_(kind) {}
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override;
  void finish(const FileContext&, Reporter& out) override { flush(out); }

 private:
  void flush(Reporter& out);
  InstructionKind kind_;
  std::vector<const Instruction*> seen_;
};

}  // namespace dockml::rules::dl
