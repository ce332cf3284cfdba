// DL3036 zypper-clean: zypper install without zypper clean
#include "analyzer/engine/rule.h"
#include "rules/hadolint/cache_clean.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3036",
    .name = "zypper-clean",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "zypper install without zypper clean",
    .doc = R"md(## What it does
Reports `zypper install` in a RUN without `zypper clean` (`zypper cc`), removing `/var/cache/zypp`,
or a cache or tmpfs mount on it in the same RUN. Only stages whose layers are shipped are checked: the final stage and every stage that another
stage builds `FROM`; a cache left in a builder stage that is only `COPY --from`'d never reaches an
image.

## Why it matters
zypper keeps repository metadata and packages in /var/cache/zypp in the layer.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 && zypper clean
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3036.hs`
- hadolint rule DL3036: https://github.com/hadolint/hadolint/wiki/DL3036
)md",
};

const hl::CleanPolicy kPolicy{
    .tools = {"zypper"},
    .subcommands = {"install"},
    .cache_dirs = {"/var/cache/zypp"},
    .clean_what = "",
    .cache_shown = "/var/cache/zypp",
    .clean_command = "clean",
};

class ZypperClean final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter&) override {
    check_.check_instruction(ctx, inst);
  }
  void finish(const FileContext&, Reporter& out) override { check_.finish(out); }

 private:
  hl::CacheCleanCheck check_{kPolicy};
};

}  // namespace

RuleEntry dl3036_zypper_clean() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ZypperClean>()); }};
}

}  // namespace dockml::rules
