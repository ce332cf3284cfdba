// DL3041 dnf-pin-versions: dnf install without a version pin
#include <string>
#include <string_view>
#include <vector>
#include <utility>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/package_pins.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3041",
    .name = "dnf-pin-versions",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "dnf install without a version pin",
    .doc = R"md(## What it does
Reports packages of `dnf install` (also `microdnf`/`tdnf`) without a version (`name-version`).
Groups (`@group`), local `.rpm` files, paths and URLs are not reported.

## Why it matters
Without a pin, the package version depends on the day of the build and on the repositories.

## Example
```dockerfile
FROM fedora:39
RUN dnf install -y httpd && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:39
RUN dnf install -y httpd-2.4.58 && dnf clean all
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3041.hs`
- dnf(8): package specifications `name-version`
- hadolint rule DL3041: https://github.com/hadolint/hadolint/wiki/DL3041
)md",
};

const hl::PinPolicy kPolicy{
    .tools = {"dnf", "microdnf", "tdnf"},
    .subcommand = "install",
    .local_ext = ".rpm",
    .rpm_style = true,
    .skip_virtual_name = false,
    .how = "`name-version`",
};

class DnfPinVersions final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_package_pins(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3041_dnf_pin_versions() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DnfPinVersions>()); }};
}

}  // namespace dockml::rules
