// DL3008 apt-get-pin-versions: apt-get install without a version pin
#include <string>
#include <string_view>
#include <vector>
#include <utility>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/package_pins.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3008",
    .name = "apt-get-pin-versions",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "apt-get install without a version pin",
    .doc = R"md(## What it does
Reports packages of `apt-get install` (and `apt install`) given without `=version`. Local `.deb`
files and paths are not reported. One finding per command, at the first unpinned package; the others
are labelled.

## Why it matters
Without a pin, the package version depends on the day of the build and on the mirror, so two builds
of one Dockerfile differ. Note that Debian and Ubuntu archives drop superseded versions, so exact pins
also need maintenance (hadolint issue #464).

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3008.hs`
- apt-get(8): `install pkg=version`
- hadolint rule DL3008: https://github.com/hadolint/hadolint/wiki/DL3008
)md",
};

const hl::PinPolicy kPolicy{
    .tools = {"apt-get", "apt"},
    .subcommand = "install",
    .local_ext = ".deb",
    .rpm_style = false,
    .skip_virtual_name = false,
    .how = "`name=version`",
};

class AptGetPinVersions final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_package_pins(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3008_apt_get_pin_versions() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<AptGetPinVersions>()); }};
}

}  // namespace dockml::rules
