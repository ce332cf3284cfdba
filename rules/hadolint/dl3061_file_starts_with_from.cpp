// DL3061 file-starts-with-from: the first instruction is neither FROM nor ARG.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3061",
    .name = "file-starts-with-from",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Invalid instruction order: a Dockerfile must begin with FROM, ARG or a comment",
    .doc = R"md(## What it does
Reports the first instruction of the file when it is neither `FROM` nor `ARG` (parser
directives and comments before it are fine).

## Why it matters
Docker rejects such a file: every build step needs a base image, and only global `ARG`s may
come before the first `FROM`.

## Example
```dockerfile
RUN echo hello
FROM python:3.11-slim
```

## Use instead
```dockerfile
FROM python:3.11-slim
RUN echo hello
```

## Fix safety
No fix.

## References
- hadolint DL3061: https://github.com/hadolint/hadolint/wiki/DL3061
- Dockerfile reference, Format: https://docs.docker.com/reference/dockerfile/#format
)md",
};

class FileStartsWithFrom final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr || ctx.dockerfile->instructions.empty()) return;
    const Instruction& first = ctx.dockerfile->instructions.front();
    if (first.kind == InstructionKind::kFrom || first.kind == InstructionKind::kArg ||
        first.kind == InstructionKind::kUnknown)
      return;
    out.report(first.keyword_span,
               fmt::format("the file starts with {}: a Dockerfile must begin with FROM (or global ARGs "
                           "before the first FROM)",
                           first.keyword));
  }
};

}  // namespace

RuleEntry dl3061_file_starts_with_from() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<FileStartsWithFrom>()); }};
}

}  // namespace dockml::rules
