// DL3012 multiple-healthchecks: more than one HEALTHCHECK in a stage.
#include <vector>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3012",
    .name = "multiple-healthchecks",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Multiple HEALTHCHECK instructions",
    .doc = R"md(## What it does
Reports every `HEALTHCHECK` of a stage that a later `HEALTHCHECK` in the same stage overrides.
`HEALTHCHECK` inside `ONBUILD` is not counted.

## Why it matters
Only the last HEALTHCHECK takes effect; the earlier ones are dead code that misleads readers
about how the container is probed.

## Example
```dockerfile
FROM python:3.11-slim
HEALTHCHECK CMD ["curl", "-f", "http://localhost/health"]
HEALTHCHECK CMD ["curl", "-f", "http://localhost/ready"]
```

## Use instead
```dockerfile
FROM python:3.11-slim
HEALTHCHECK CMD ["curl", "-f", "http://localhost/ready"]
```

## Fix safety
No fix: which one was meant is the author's choice.

## References
- hadolint DL3012: https://github.com/hadolint/hadolint/wiki/DL3012
- Dockerfile reference, HEALTHCHECK: https://docs.docker.com/reference/dockerfile/#healthcheck
)md",
    .tag = RuleTag::kUnnecessary,
};

class MultipleHealthchecks final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (dl::index_of(ctx, inst) == kNoInstruction) return;
    if (inst.kind == InstructionKind::kFrom) flush(out);
    if (inst.kind == InstructionKind::kHealthcheck) seen_.push_back(&inst);
  }
  void finish(const FileContext&, Reporter& out) override { flush(out); }

 private:
  void flush(Reporter& out) {
    if (seen_.size() > 1) {
      for (size_t i = 0; i + 1 < seen_.size(); ++i)
        out.report(seen_[i]->keyword_span,
                   fmt::format("this HEALTHCHECK has no effect: the HEALTHCHECK on line {} of the same "
                               "stage overrides it",
                               dl::line_of(*seen_.back())));
    }
    seen_.clear();
  }
  std::vector<const Instruction*> seen_;
};

}  // namespace

RuleEntry dl3012_multiple_healthchecks() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MultipleHealthchecks>()); }};
}

}  // namespace dockml::rules
