// DL3032 yum-clean-all: yum install without yum clean all
#include <string>
#include <string_view>
#include <vector>
#include "rules/hadolint/shipped_stages.h"
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

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

class YumCleanAll final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    stages_.visit(inst);

    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    const InstallFacts& facts = *rf->facts;
    bool clean = hl::removes_dir(facts, "/var/cache/yum") || hl::cache_mount_covers(run, "/var/cache/yum");
    for (const CacheClean& c : facts.cache_cleans) clean = clean || (c.at.tool == "yum" && c.what == "all");
    if (clean) return;
    for (const SystemInstall& s : facts.system) {
      if (s.at.tool != "yum" || (s.subcommand != "install" && s.subcommand != "groupinstall" && s.subcommand != "localinstall")) continue;
      stages_.defer(s.at.ref.span, "`yum " + s.subcommand + "` leaves its cache in /var/cache/yum; add `yum clean all` to this RUN");
      return;
    }
  }
  void finish(const FileContext& ctx, Reporter& out) override { stages_.flush(out); }

 private:
  hl::ShippedStages stages_;

};

}  // namespace

RuleEntry dl3032_yum_clean_all() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<YumCleanAll>()); }};
}

}  // namespace dockml::rules
