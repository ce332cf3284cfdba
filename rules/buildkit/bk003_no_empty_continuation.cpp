// BK003 no-empty-continuation (BuildKit NoEmptyContinuation): a blank line inside a
// continued instruction.
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK003",
    .name = "no-empty-continuation",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Empty continuation lines will become errors in a future release",
    .doc = R"md(## What it does
Reports blank lines inside an instruction continued with `\` (BuildKit's
`NoEmptyContinuation` check). Comment lines inside a continuation are not reported.

## Why it matters
BuildKit silently skips such lines today, but has announced that they will become errors. A
blank line in the middle of a long `RUN` is also often the sign of a missing `\` above it.

## Example
```dockerfile
RUN apt-get update && \

    apt-get install -y curl
```

## Use instead
```dockerfile
RUN apt-get update && \
    apt-get install -y curl
```

## Fix safety
Safe: the fix deletes the blank line, which BuildKit already skips, so the instruction builds
exactly as before. (When the `\` before it was the mistake, the build already has it: review
the joined instruction.) Not offered for a blank line at the very end of the file.

## References
- https://docs.docker.com/reference/build-checks/no-empty-continuation/
)md",
    .alias = "NoEmptyContinuation",
};

class NoEmptyContinuation final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    const auto& insts = ctx.dockerfile->instructions;
    for (const auto& e : ctx.dockerfile->empty_continuations) {
      std::string what = e.instruction < insts.size() ? insts[e.instruction].keyword : "instruction";
      Diagnostic& d =
          out.report(e.line, "Empty continuation line inside " + what + " (BuildKit will reject it in a future release)");
      const SourceFile& src = *ctx.source;
      uint32_t line = src.position(e.line.begin).line;
      bool blank = src.line_text(line).find_first_not_of(" \t\r") == std::string_view::npos;
      if (blank && line + 1 < src.line_count() && src.line_start(line) == e.line.begin)
        d.fix = Fix{Applicability::kSafe, "Delete the blank line",
                    {{Span{src.line_start(line), src.line_start(line + 1)}, ""}}};
    }
  }
};

}  // namespace

RuleEntry bk003_no_empty_continuation() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NoEmptyContinuation>()); }};
}

}  // namespace dockml::rules
