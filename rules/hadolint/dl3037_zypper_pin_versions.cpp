// DL3037 zypper-pin-versions: zypper install without a version pin
#include <string>
#include <string_view>
#include <vector>
#include <utility>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/package_pins.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3037",
    .name = "zypper-pin-versions",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "zypper install without a version pin",
    .doc = R"md(## What it does
Reports packages of `zypper install` (`zypper in`) without a version constraint (`=`, `>=`,
`<=`, `<`, `>`). Local `.rpm` files, paths and URLs are not reported.

## Why it matters
Without a pin, the package version depends on the day of the build and on the repositories.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl && zypper clean
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper -n install curl=8.6.0 && zypper clean
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3037.hs`
- zypper(8): `install name=version`
- hadolint rule DL3037: https://github.com/hadolint/hadolint/wiki/DL3037
)md",
};

const hl::PinPolicy kPolicy{
    .tools = {"zypper"},
    .subcommand = "install",
    .local_ext = ".rpm",
    .rpm_style = false,
    .skip_virtual_name = false,
    .how = "`name=version` or `name>=version`",
};

class ZypperPinVersions final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_package_pins(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3037_zypper_pin_versions() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ZypperPinVersions>()); }};
}

}  // namespace dockml::rules
