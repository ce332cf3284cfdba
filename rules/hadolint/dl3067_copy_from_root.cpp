// DL3067 copy-from-root: COPY --from=<stage> / / copies a whole filesystem.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3067",
    .name = "copy-from-root",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "COPY --from=<stage> / / copies the whole filesystem of the stage",
    .doc = R"md(## What it does
Reports `COPY --from=<stage or image> / /`: the source is the root of the other filesystem
and the destination is the root of this one.

## Why it matters
It overlays a whole operating system (package databases, caches, `/etc`) onto the stage,
which defeats the point of a multi-stage build and can silently replace system files.

## Example
```dockerfile
COPY --from=build / /
```

## Use instead
```dockerfile
COPY --from=build /app/dist /app/dist
```

## Fix safety
No fix: which paths are needed is the author's choice.

## References
- hadolint DL3067 (2.15): https://github.com/hadolint/hadolint/wiki/DL3067
)md",
};

class CopyFromRoot final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kCopy || inst.args.size() != 2) return;
    const Flag* from = inst.find_flag("from");
    if (from == nullptr || !from->has_value) return;
    if (dl::unquote(inst.args[0].text) != "/" || dl::unquote(inst.args[1].text) != "/") return;
    out.report(Span{inst.args[0].span.begin, inst.args[1].span.end},
               fmt::format("copies the whole filesystem of `{}` over this stage's root; copy only the "
                           "paths you need",
                           from->value));
  }
};

}  // namespace

RuleEntry dl3067_copy_from_root() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CopyFromRoot>()); }};
}

}  // namespace dockml::rules
