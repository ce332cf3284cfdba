// BK004 consistent-instruction-casing (BuildKit ConsistentInstructionCasing): an instruction
// keyword whose casing differs from the file's majority.
#include <vector>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK004",
    .name = "consistent-instruction-casing",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kAlways,
    .summary = "All instructions should use the same casing (either upper or lower)",
    .doc = R"md(## What it does
Counts the instruction keywords written all in lower case and all in upper case; the larger
group is the majority (upper case on a tie). Every keyword not written in the majority's case
is reported, mixed-case keywords (`Run`) always (BuildKit's `ConsistentInstructionCasing`).

## Why it matters
Keywords are case-insensitive, but a file that mixes `RUN` and `run` is harder to scan, and
mixed-case keywords are usually typos.

## Example
```dockerfile
FROM python:3.11-slim
run pip install numpy
```

## Use instead
```dockerfile
FROM python:3.11-slim
RUN pip install numpy
```

## Fix safety
Safe: only the keyword's casing changes.

## References
- https://docs.docker.com/reference/build-checks/consistent-instruction-casing/
)md",
    .alias = "ConsistentInstructionCasing",
};

class ConsistentInstructionCasing final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    size_t lower = 0, upper = 0;
    for (const Instruction& inst : ctx.dockerfile->instructions) {
      if (bk::is_lower(inst.keyword)) ++lower;
      else if (bk::is_upper(inst.keyword)) ++upper;
    }
    bool want_lower = lower > upper;
    for (const Instruction& inst : ctx.dockerfile->instructions) {
      std::string want = want_lower ? bk::to_lower(inst.keyword) : bk::to_upper(inst.keyword);
      if (want == inst.keyword) continue;
      Diagnostic& d = out.report(inst.keyword_span, "Command '" + inst.keyword +
                                                        "' should match the case of the command majority (" +
                                                        (want_lower ? "lowercase" : "uppercase") + ")");
      d.fix = Fix{Applicability::kSafe, "Write '" + want + "'", {{inst.keyword_span, want}}};
    }
  }
};

}  // namespace

RuleEntry bk004_consistent_instruction_casing() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ConsistentInstructionCasing>()); }};
}

}  // namespace dockml::rules
