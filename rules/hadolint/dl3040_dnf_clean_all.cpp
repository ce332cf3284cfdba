// DL3040 dnf-clean-all: dnf install without dnf clean all
#include "analyzer/engine/rule.h"
#include "rules/hadolint/cache_clean.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3040",
    .name = "dnf-clean-all",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "dnf install without dnf clean all",
    .doc = R"md(## What it does
Reports `dnf install` (also `microdnf`, `tdnf`) in a RUN without `dnf clean all` (or removing
`/var/cache/dnf`, or a cache or tmpfs mount on it) in the same RUN. Only stages whose layers are shipped are checked: the final stage and every stage that another
stage builds `FROM`; a cache left in a builder stage that is only `COPY --from`'d never reaches an
image.

## Why it matters
dnf keeps repository metadata and packages in /var/cache/dnf: often over a hundred megabytes.

## Example
```dockerfile
FROM fedora:39
RUN dnf install -y httpd-2.4.58
```

## Use instead
```dockerfile
FROM fedora:39
RUN dnf install -y httpd-2.4.58 && dnf clean all
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3040.hs`
- hadolint rule DL3040: https://github.com/hadolint/hadolint/wiki/DL3040
)md",
};

const hl::CleanPolicy kPolicy{
    .tools = {"dnf", "microdnf", "tdnf"},
    .subcommands = {"install", "groupinstall"},
    .cache_dirs = {"/var/cache/dnf", "/var/cache/yum"},
    .clean_what = "all",
    .cache_shown = "/var/cache",
    .clean_command = "clean all",
};

class DnfCleanAll final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter&) override {
    check_.check_instruction(ctx, inst);
  }
  void finish(const FileContext&, Reporter& out) override { check_.finish(out); }

 private:
  hl::CacheCleanCheck check_{kPolicy};
};

}  // namespace

RuleEntry dl3040_dnf_clean_all() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DnfCleanAll>()); }};
}

}  // namespace dockml::rules
