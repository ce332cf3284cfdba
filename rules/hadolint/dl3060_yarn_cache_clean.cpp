// DL3060 yarn-cache-clean: yarn install without yarn cache clean
#include <string>
#include <string_view>
#include <vector>
#include "rules/hadolint/shipped_stages.h"
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3060",
    .name = "yarn-cache-clean",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "yarn install without yarn cache clean",
    .doc = R"md(## What it does
Reports `yarn install` / `yarn add` in a RUN without `yarn cache clean` in the same RUN. A cache
or tmpfs mount on the yarn cache (`--mount=type=cache,target=/usr/local/share/.cache/yarn`, any
target naming yarn) satisfies the rule. Only stages whose layers are shipped are checked: the final stage and every stage that another
stage builds `FROM`; a cache left in a builder stage that is only `COPY --from`'d never reaches an
image.

## Why it matters
Yarn (v1) keeps every downloaded package in its global cache: often more than the
`node_modules` it installed.

## Example
```dockerfile
FROM node:20-slim
RUN yarn install --frozen-lockfile
```

## Use instead
```dockerfile
FROM node:20-slim
RUN yarn install --frozen-lockfile && yarn cache clean
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3060.hs`
- hadolint issue #1139 (cache mounts)
- hadolint rule DL3060: https://github.com/hadolint/hadolint/wiki/DL3060
)md",
};

class YarnCacheClean final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    stages_.visit(inst);

    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    const InstallFacts& facts = *rf->facts;
    for (const hl::Mount& m : hl::mounts(run))
      if ((m.type == "cache" || m.type == "tmpfs") && m.target.find("yarn") != std::string::npos) return;
    for (const CacheClean& c : facts.cache_cleans)
      if (c.at.tool == "yarn") return;
    for (const NodeInstall& n : facts.node) {
      if (n.at.tool != "yarn" || (n.subcommand != "install" && n.subcommand != "add" && n.subcommand != "global add")) continue;
      stages_.defer(n.at.ref.span, "`yarn " + n.subcommand + "` leaves its package cache in the layer; add `yarn cache clean` to this RUN");
      return;
    }
  }
  void finish(const FileContext& ctx, Reporter& out) override { stages_.flush(out); }

 private:
  hl::ShippedStages stages_;

};

}  // namespace

RuleEntry dl3060_yarn_cache_clean() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<YarnCacheClean>()); }};
}

}  // namespace dockml::rules
