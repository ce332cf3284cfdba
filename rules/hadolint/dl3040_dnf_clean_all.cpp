// DL3040 dnf-clean-all: dnf install without dnf clean all
#include <string>
#include <string_view>
#include <vector>
#include "rules/hadolint/shipped_stages.h"
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

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

class DnfCleanAll final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    stages_.visit(inst);

    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const Instruction& run = *rf->run;
    const InstallFacts& facts = *rf->facts;
    bool clean = hl::removes_dir(facts, "/var/cache/dnf") || hl::removes_dir(facts, "/var/cache/yum") ||
                 hl::cache_mount_covers(run, "/var/cache/dnf") || hl::cache_mount_covers(run, "/var/cache/yum");
    for (const CacheClean& c : facts.cache_cleans)
      clean = clean || ((c.at.tool == "dnf" || c.at.tool == "microdnf" || c.at.tool == "tdnf") && c.what == "all");
    if (clean) return;
    for (const SystemInstall& s : facts.system) {
      if ((s.at.tool != "dnf" && s.at.tool != "microdnf" && s.at.tool != "tdnf") ||
          (s.subcommand != "install" && s.subcommand != "groupinstall")) continue;
      stages_.defer(s.at.ref.span, "`" + s.at.tool + " " + s.subcommand + "` leaves its cache in /var/cache; add `" + s.at.tool + " clean all` to this RUN");
      return;
    }
  }
  void finish(const FileContext& ctx, Reporter& out) override { stages_.flush(out); }

 private:
  hl::ShippedStages stages_;

};

}  // namespace

RuleEntry dl3040_dnf_clean_all() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DnfCleanAll>()); }};
}

}  // namespace dockml::rules
