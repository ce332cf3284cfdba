// DL3030 yum-yes: yum install without -y
#include <string>
#include <string_view>
#include <vector>
#include <initializer_list>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/missing_flag.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3030",
    .name = "yum-yes",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "yum install without -y",
    .doc = R"md(## What it does
Reports `yum install` (also `groupinstall`, `localinstall`) without `-y` / `--assumeyes`.

## Why it matters
Without a terminal, yum's confirmation prompt aborts the build.

## Example
```dockerfile
FROM centos:7
RUN yum install httpd-2.4.6 && yum clean all
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```

## Fix safety
A safe fix inserts `-y` after the subcommand.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3030.hs`
- yum(8): `-y`, `--assumeyes`
- hadolint rule DL3030: https://github.com/hadolint/hadolint/wiki/DL3030
)md",
};

const hl::MissingFlagPolicy kPolicy{
    .tools = {"yum"},
    .subcommands = {"install", "groupinstall", "localinstall"},
    .present = &SystemInstall::yes,
    .flag = "-y",
    .problem = "asks for confirmation and aborts the build",
    .exempt = nullptr,
};

class YumYes final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_missing_flag(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3030_yum_yes() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<YumYes>()); }};
}

}  // namespace dockml::rules
