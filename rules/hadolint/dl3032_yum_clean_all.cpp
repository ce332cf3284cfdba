// DL3032 yum-clean-all: yum install without yum clean all
#include "analyzer/engine/rule.h"
#include "rules/hadolint/cache_clean.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3032",
    .name = "yum-clean-all",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "yum install without yum clean all",
    .doc = R"md(## What it does
Reports `yum install` in a RUN without `yum clean all` (or removing `/var/cache/yum`, or a cache or
tmpfs mount on it) in the same RUN. Only stages whose layers are shipped are checked: the final stage and every stage that another
stage builds `FROM`; a cache left in a builder stage that is only `COPY --from`'d never reaches an
image.

## Why it matters
yum keeps downloaded metadata and packages in /var/cache/yum: tens to hundreds of megabytes in
the layer.

## Example
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3032.hs`
- hadolint rule DL3032: https://github.com/hadolint/hadolint/wiki/DL3032
)md",
};

const hl::CleanPolicy kPolicy{
    .tools = {"yum"},
    .subcommands = {"install", "groupinstall", "localinstall"},
    .cache_dirs = {"/var/cache/yum"},
    .clean_what = "all",
    .cache_shown = "/var/cache/yum",
    .clean_command = "clean all",
};

class YumCleanAll final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter&) override {
    check_.check_instruction(ctx, inst);
  }
  void finish(const FileContext&, Reporter& out) override { check_.finish(out); }

 private:
  hl::CacheCleanCheck check_{kPolicy};
};

}  // namespace

RuleEntry dl3032_yum_clean_all() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<YumCleanAll>()); }};
}

}  // namespace dockml::rules
