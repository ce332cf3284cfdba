// DL3021 copy-dest-dir: COPY with several sources whose destination does not end in `/`.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3021",
    .name = "copy-dest-dir",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "COPY with more than 2 arguments requires the last argument to end with /",
    .doc = R"md(## What it does
Reports a `COPY` with more than one source whose destination does not end in `/` (and is not
`.`, `..`, or a path ending in `/.`, or one that depends on a variable).

## Why it matters
With several sources the destination must be a directory; Docker rejects the build with
"When using COPY with more than one source file, the destination must be a directory and end
with a /".

## Example
```dockerfile
COPY requirements.txt setup.py /app
```

## Use instead
```dockerfile
COPY requirements.txt setup.py /app/
```

## Fix safety
Safe: appends `/` to the destination (the only form Docker accepts here).

## References
- hadolint DL3021: https://github.com/hadolint/hadolint/wiki/DL3021
- Dockerfile reference, COPY: https://docs.docker.com/reference/dockerfile/#copy
)md",
};

class CopyDestDir final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kCopy || inst.has_parse_error || inst.args.size() <= 2) return;
    const Word& dest = inst.args.back();
    std::string d = dl::unquote(dest.text);
    if (d.empty() || d.ends_with('/') || d == "." || d == ".." || d.ends_with("/.") ||
        d.find('$') != std::string::npos)
      return;
    Diagnostic& diag = out.report(
        dest.span, fmt::format("COPY has {} sources, so the destination `{}` must be a directory ending "
                               "in `/`; Docker rejects it otherwise",
                               inst.args.size() - 1, d));
    if (ctx.source && ctx.source->slice(dest.span) == dest.text && !inst.json_form &&
        dl::index_of(ctx, inst) != kNoInstruction) {
      Span end{dest.span.end, dest.span.end};
      if (dest.text != d) end = Span{dest.span.end - 1, dest.span.end - 1};  // inside the quotes
      diag.fix = Fix{Applicability::kSafe, "Add a trailing / to the destination", {{end, "/"}}};
    }
  }
};

}  // namespace

RuleEntry dl3021_copy_dest_dir() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CopyDestDir>()); }};
}

}  // namespace dockml::rules
