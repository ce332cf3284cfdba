// DL3018 apk-add-pin-versions: apk add without a version pin
#include <string>
#include <string_view>
#include <vector>
#include <utility>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/package_pins.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3018",
    .name = "apk-add-pin-versions",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "apk add without a version pin",
    .doc = R"md(## What it does
Reports packages of `apk add` without a version constraint (`=`, `~=`, `>=`, `<`). The name given
to `--virtual`/`-t` and local `.apk` files are not packages and are not reported.

## Why it matters
Without a pin, the package version depends on the day of the build. `~=` pins (accepted since
hadolint 2.15) keep patch updates while fixing the release.

## Example
```dockerfile
FROM alpine:3.19
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.19
RUN apk add --no-cache curl~=8.5
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3018.hs`
- apk-tools: `apk add name=version`, `name~version`
- hadolint rule DL3018: https://github.com/hadolint/hadolint/wiki/DL3018
)md",
};

const hl::PinPolicy kPolicy{
    .tools = {"apk"},
    .subcommand = "add",
    .local_ext = ".apk",
    .rpm_style = false,
    .skip_virtual_name = true,
    .how = "`name=version` or `name~=version`",
};

class ApkAddPinVersions final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_package_pins(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3018_apk_add_pin_versions() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ApkAddPinVersions>()); }};
}

}  // namespace dockml::rules
