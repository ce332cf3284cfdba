// DL3022 copy-from-unknown-alias: COPY --from names no earlier stage.
#include <optional>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3022",
    .name = "copy-from-unknown-alias",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "COPY --from should reference a previously defined FROM alias",
    .doc = R"md(## What it does
Reports `COPY --from=<name>` where `<name>` is neither a stage defined earlier (by name or
index) nor recognisably an image reference (a name with a registry, path, tag or digest such
as `ghcr.io/astral-sh/uv:0.4`). A stage defined later in the file is named in the message.

## Why it matters
A name that is not a stage is pulled as an image: a typo in a stage name silently turns into
a registry pull (and usually a failure or, worse, someone else's image).

## Example
```dockerfile
FROM python:3.11 AS builder
FROM python:3.11-slim
COPY --from=buider /app /app
```

## Use instead
```dockerfile
FROM python:3.11 AS builder
FROM python:3.11-slim
COPY --from=builder /app /app
```

## Fix safety
No fix.

## References
- hadolint DL3022: https://github.com/hadolint/hadolint/wiki/DL3022
- hadolint issue #859 (images in `COPY --from` were reported)
)md",
};

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

class CopyFromUnknownAlias final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kCopy) return;
    const Flag* from = inst.find_flag("from");
    size_t idx = dl::index_of(ctx, inst);
    if (from == nullptr || !from->has_value || idx == kNoInstruction) return;
    const std::string& v = from->value;
    if (v.empty() || v.find_first_of("$/:@.") != std::string::npos) return;
    const BuildScope& scope = dl::scope_of(ctx, scope_);
    std::optional<size_t> here = scope.stage_of(idx);
    if (all_digits(v)) {
      if (here && v.size() < 6 && std::stoul(v) < *here) return;
      out.report(from->value_span, fmt::format("`--from={}` is not the index of an earlier stage", v));
      return;
    }
    if (scope.find_stage(v, idx)) return;
    if (std::optional<size_t> later = scope.find_stage(v)) {
      out.report(from->value_span,
                 fmt::format("stage `{}` is defined later (line {}): COPY --from can only use earlier "
                             "stages, so Docker pulls an image named `{}` instead",
                             v, ctx.dockerfile->instructions[scope.stages()[*later].from_instruction].start_line + 1, v));
      return;
    }
    out.report(from->value_span,
               fmt::format("no stage named `{}` is defined before this COPY: Docker will pull an image "
                           "named `{}`",
                           v, v));
  }

 private:
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry dl3022_copy_from_unknown_alias() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CopyFromUnknownAlias>()); }};
}

}  // namespace dockml::rules
