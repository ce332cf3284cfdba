// DL3038 dnf-yes: dnf install without -y
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
    .code = "DL3038",
    .name = "dnf-yes",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "dnf install without -y",
    .doc = R"md(## What it does
Reports `dnf install` (also `tdnf`, `groupinstall`) without `-y` / `--assumeyes`. `microdnf`
never asks and is not reported.

## Why it matters
Without a terminal, dnf's confirmation prompt aborts the build.

## Example
```dockerfile
FROM fedora:39
RUN dnf install httpd-2.4.58 && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:39
RUN dnf install -y httpd-2.4.58 && dnf clean all
```

## Fix safety
A safe fix inserts `-y` after the subcommand.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3038.hs`
- dnf(8): `-y`, `--assumeyes`
- hadolint rule DL3038: https://github.com/hadolint/hadolint/wiki/DL3038
)md",
};

const hl::MissingFlagPolicy kPolicy{
    .tools = {"dnf", "tdnf"},
    .subcommands = {"install", "groupinstall"},
    .present = &SystemInstall::yes,
    .flag = "-y",
    .problem = "asks for confirmation and aborts the build",
    .exempt = nullptr,
};

class DnfYes final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_missing_flag(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3038_dnf_yes() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DnfYes>()); }};
}

}  // namespace dockml::rules
