// DL3059 multiple-consecutive-runs: Consecutive RUN instructions could be merged
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3059",
    .name = "multiple-consecutive-runs",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Consecutive RUN instructions could be merged",
    .doc = R"md(## What it does
Reports a RUN that directly follows another RUN with the same flags, on the next line. Not
reported when either RUN is a heredoc script, when the RUN is preceded by its own comment or
separated from the previous one by a blank line (a documented or visibly grouped, deliberately
separate step), or for `ONBUILD RUN`, which runs in a later build.

## Why it matters
Every RUN creates a layer; merging short consecutive steps makes the image smaller when a later
step deletes what an earlier one created, and the build faster.

## Example
```dockerfile
FROM debian:12
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl
```

## Fix safety
No fix is offered: separate layers may be deliberate for caching.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3059.hs`
- hadolint issue #806 (heredoc RUNs)
- hadolint rule DL3059: https://github.com/hadolint/hadolint/wiki/DL3059
)md",
};

std::string flags_text(const FileContext& ctx, const Instruction& inst) {
  std::string s;
  for (const Flag& f : inst.flags) s += std::string(ctx.source->text().substr(f.span.begin, f.span.size())) + " ";
  return s;
}

class MultipleConsecutiveRuns final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    // An ONBUILD RUN runs in a later build: it is neither merged with nor counted as a RUN here.
    if (ctx.dockerfile == nullptr || ctx.dockerfile->instructions.empty() ||
        &inst < &ctx.dockerfile->instructions.front() || &inst > &ctx.dockerfile->instructions.back())
      return;
    if (inst.kind != InstructionKind::kRun) {
      if (inst.kind != InstructionKind::kUnknown) prev_ = nullptr;
      return;
    }
    const Instruction* prev = prev_;
    prev_ = &inst;
    if (prev == nullptr || !inst.heredocs.empty() || !prev->heredocs.empty() || !inst.comments_before.empty()) return;
    // A blank line between the two RUNs marks them, like a comment does, as deliberately separate steps.
    if (inst.start_line > prev->end_line + 1) return;
    if (flags_text(ctx, *prev) != flags_text(ctx, inst)) return;
    Diagnostic& d = out.report(inst.keyword_span, "RUN directly after another RUN (line " + std::to_string(prev->start_line + 1) +
                                                  "); consider merging them into one layer");
    d.labels.push_back(Label{ctx.source, prev->keyword_span, "previous RUN"});
  }

 private:
  const Instruction* prev_ = nullptr;
};

}  // namespace

RuleEntry dl3059_multiple_consecutive_runs() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MultipleConsecutiveRuns>()); }};
}

}  // namespace dockml::rules
