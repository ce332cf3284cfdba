// DL3015 apt-get-no-install-recommends: apt-get install without --no-install-recommends
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
    .code = "DL3015",
    .name = "apt-get-no-install-recommends",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "apt-get install without --no-install-recommends",
    .doc = R"md(## What it does
Reports `apt-get install` (and `apt install`) without `--no-install-recommends` (or
`-o APT::Install-Recommends=false`).

## Why it matters
Recommended packages are not needed to run the requested ones; they often add hundreds of
megabytes (documentation, X libraries, compilers) to the image.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y python3
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends python3
```

## Fix safety
A safe fix inserts `--no-install-recommends` after `install`. Check that nothing relied on a recommended package.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3015.hs`
- apt.conf(5): `APT::Install-Recommends`
- hadolint rule DL3015: https://github.com/hadolint/hadolint/wiki/DL3015
)md",
};

const hl::MissingFlagPolicy kPolicy{
    .tools = {"apt-get", "apt"},
    .subcommands = {"install"},
    .present = &SystemInstall::no_install_recommends,
    .flag = "--no-install-recommends",
    .problem = "also installs recommended packages",
    .exempt = nullptr,
};

class AptGetNoInstallRecommends final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_missing_flag(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3015_apt_get_no_install_recommends() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<AptGetNoInstallRecommends>()); }};
}

}  // namespace dockml::rules
