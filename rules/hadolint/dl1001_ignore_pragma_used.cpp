// DL1001 ignore-pragma-used: Inline ignore pragmas are used
#include <string>
#include <fmt/format.h>
#include <re2/re2.h>
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL1001",
    .name = "ignore-pragma-used",
    .severity = Severity::kInfo,
    .enabled_by_default = false,
    .fix = FixAvailability::kNone,
    .summary = "Inline ignore pragmas are used",
    .doc = R"md(## What it does
Off by default (a policy rule, as in hadolint). When selected, reports every inline ignore
pragma: `# hadolint ignore=…`, `# hadolint global ignore=…` and dockml's own
`# dockml ignore=…`, `# dockml global ignore=…`, `# dockml stage ignore=…`. The pragmas still
take effect; this rule only makes their use visible.

## Why it matters
Teams that enforce rules centrally want exceptions to live in the reviewed configuration file
(`ignore:` in `.dockml.yaml`), not scattered through Dockerfiles where they silently pile up.

## Example
```dockerfile
FROM ubuntu:22.04
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.81.0-1ubuntu1.16
```

## Fix safety
No fix is offered: removing a pragma brings back the finding it silenced.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL1001.hs`
- hadolint README, "Ignoring rules" and `disable-ignore-pragma`
)md",
};

class IgnorePragmaUsed final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.dockerfile == nullptr) return;
    static const RE2 kPragma("\\s*(hadolint|dockml)\\s+(?:(global|stage)\\s+)?ignore\\s*=\\s*([^\\s]*).*");
    for (const Comment& c : ctx.dockerfile->comments) {
      std::string tool, scope, codes;
      if (!RE2::FullMatch(c.text, kPragma, &tool, &scope, &codes)) continue;
      std::string where = scope.empty() ? "the next instruction" : scope == "global" ? "the whole file" : "the stage";
      out.report(c.span, fmt::format("inline ignore pragma silences {} for {}; keep exceptions in the "
                                     "configuration file instead",
                                     codes.empty() ? "nothing" : "`" + codes + "`", where));
    }
  }
};

}  // namespace

RuleEntry dl1001_ignore_pragma_used() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<IgnorePragmaUsed>()); }};
}

}  // namespace dockml::rules
