// DL3035 no-zypper-dist-upgrade: RUN uses zypper dist-upgrade
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3035",
    .name = "no-zypper-dist-upgrade",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "RUN uses zypper dist-upgrade",
    .doc = R"md(## What it does
Reports `zypper dist-upgrade` (and its alias `zypper dup`) in RUN.

## Why it matters
A distribution upgrade inside a build moves the image to whatever the repositories hold on the
day of the build, so two builds of one Dockerfile differ; update the base image tag instead.

## Example
```dockerfile
FROM opensuse/leap:15.5
RUN zypper -n dist-upgrade
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean
```

## Fix safety
No fix is offered: the right base image tag is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3035.hs`
- hadolint rule DL3035: https://github.com/hadolint/hadolint/wiki/DL3035
)md",
};

class NoZypperDistUpgrade final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const SystemInstall& s : rf->facts->system) {
      if (s.at.tool != "zypper" || s.subcommand != "dist-upgrade") continue;
      const shell::ShellCommand& cmd = rf->script->commands[s.at.command];
      const shell::ShellWord* w = hl::find_arg(cmd, "dist-upgrade");
      if (w == nullptr) w = hl::find_arg(cmd, "dup");
      out.report(w != nullptr ? w->span : s.at.ref.span,
                 "`zypper dist-upgrade` makes the image depend on the day of the build; update the base image instead");
    }
  }
};

}  // namespace

RuleEntry dl3035_no_zypper_dist_upgrade() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NoZypperDistUpgrade>()); }};
}

}  // namespace dockml::rules
