// DL3009 apt-lists-not-removed: apt lists are not removed after apt-get update
#include <string>
#include <string_view>
#include <vector>
#include "rules/hadolint/shipped_stages.h"
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3009",
    .name = "apt-lists-not-removed",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "apt lists are not removed after apt-get update",
    .doc = R"md(## What it does
Reports `apt-get update` (or `apt update`) in a RUN that does not remove `/var/lib/apt/lists`
(`rm -rf /var/lib/apt/lists/*`) in the same RUN. A cache or tmpfs mount on `/var/lib/apt/lists`
or `/var/lib/apt` (`RUN --mount=type=cache,target=/var/lib/apt/lists`) also satisfies the rule:
the lists never reach the layer. Only stages whose layers are shipped are checked: the final stage and every stage that another
stage builds `FROM`; a cache left in a builder stage that is only `COPY --from`'d never reaches an
image.

## Why it matters
The package lists take tens of megabytes per layer and are stale as soon as the image is built;
removing them in a later RUN does not shrink the earlier layer.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
```

## Fix safety
A safe fix appends `&& rm -rf /var/lib/apt/lists/*` to the RUN, on a new line with the same
indentation and `&& \` layout when the RUN spans several lines. It is not offered for exec-form or
heredoc RUNs or when the RUN ends with `;`, `&` or `|`.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3009.hs`
- hadolint issues #1095, #1139 (tmpfs and cache mounts)
- Docker docs, Best practices: apt-get
- hadolint rule DL3009: https://github.com/hadolint/hadolint/wiki/DL3009
)md",
};

class AptListsNotRemoved final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    stages_.visit(inst);

    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    const InstallFacts& facts = *rf->facts;
    for (const SystemInstall& s : facts.system) {
      if ((s.at.tool != "apt-get" && s.at.tool != "apt") || s.subcommand != "update") continue;
      if (hl::removes_dir(facts, "/var/lib/apt/lists") || hl::cache_mount_covers(run, "/var/lib/apt/lists", false)) return;
      std::optional<Fix> fix;
      if (auto edit = hl::append_command(ctx, run, "rm -rf /var/lib/apt/lists/*"))
        fix = Fix{Applicability::kSafe, "Append `&& rm -rf /var/lib/apt/lists/*` to this RUN", {*edit}};
      stages_.defer(s.at.ref.span, "`" + s.at.tool + " update` downloads the package lists into /var/lib/apt/lists; remove them in the same RUN", std::move(fix));
      return;
    }
  }
  void finish(const FileContext& ctx, Reporter& out) override { stages_.flush(out); }

 private:
  hl::ShippedStages stages_;

};

}  // namespace

RuleEntry dl3009_apt_lists_not_removed() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<AptListsNotRemoved>()); }};
}

}  // namespace dockml::rules
