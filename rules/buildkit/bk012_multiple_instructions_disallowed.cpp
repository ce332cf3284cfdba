// BK012 multiple-instructions-disallowed (BuildKit MultipleInstructionsDisallowed): more than
// one CMD, ENTRYPOINT or HEALTHCHECK in a stage; only the last one takes effect.
#include <array>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK012",
    .name = "multiple-instructions-disallowed",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Multiple CMD, ENTRYPOINT or HEALTHCHECK instructions in one stage: only the last one is used",
    .doc = R"md(## What it does
Reports every `CMD`, `ENTRYPOINT` and `HEALTHCHECK` of a stage that is followed by another
instruction of the same kind in the same stage (BuildKit's `MultipleInstructionsDisallowed`
check). ONBUILD triggers are not counted.

## Why it matters
Only the last one of each takes effect; the earlier ones are dead code that misleads readers
about how the container starts or is probed.

## Example
```dockerfile
FROM python:3.11-slim
CMD ["python", "train.py"]
CMD ["python", "serve.py"]
```

## Use instead
```dockerfile
FROM python:3.11-slim
CMD ["python", "serve.py"]
```

## Fix safety
No fix is offered: which one was meant is not known.

## References
- https://docs.docker.com/reference/build-checks/multiple-instructions-disallowed/
)md",
    .alias = "MultipleInstructionsDisallowed",
    .tag = RuleTag::kUnnecessary,
};

class MultipleInstructionsDisallowed final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (bk::index_of(ctx, inst) == bk::kNoIndex) return;
    if (inst.kind == InstructionKind::kFrom) {
      last_.fill(nullptr);
      return;
    }
    int slot = inst.kind == InstructionKind::kCmd ? 0
               : inst.kind == InstructionKind::kEntrypoint ? 1
               : inst.kind == InstructionKind::kHealthcheck ? 2 : -1;
    if (slot < 0) return;
    if (const Instruction* prev = last_[slot]) {
      Diagnostic& d = out.report(prev->keyword_span,
                                 "Multiple " + bk::to_upper(prev->keyword) +
                                     " instructions should not be used in the same stage because only the last one will be used");
      d.labels.push_back({ctx.source, inst.keyword_span, "followed by this one in the same stage"});
    }
    last_[slot] = &inst;
  }

 private:
  std::array<const Instruction*, 3> last_{};
};

}  // namespace

RuleEntry bk012_multiple_instructions_disallowed() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MultipleInstructionsDisallowed>()); }};
}

}  // namespace dockml::rules
