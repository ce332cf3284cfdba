// DL3014 apt-get-yes: apt-get install without -y
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
    .code = "DL3014",
    .name = "apt-get-yes",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "apt-get install without -y",
    .doc = R"md(## What it does
Reports `apt-get install` (and `apt install`) without a non-interactive switch: `-y`, `--yes`,
`--assume-yes`, `-qq` (implies `-y`) or `-o APT::Get::Assume-Yes=true`.

## Why it matters
Without a terminal, apt-get's confirmation prompt reads end-of-file and aborts: the build fails
as soon as an install needs more than the listed packages.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install curl
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y curl
```

## Fix safety
A safe fix inserts `-y` after `install`: it answers the prompt the build cannot answer.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3014.hs`
- apt-get(8): `-y`, `--assume-yes`
- hadolint rule DL3014: https://github.com/hadolint/hadolint/wiki/DL3014
)md",
};

const hl::MissingFlagPolicy kPolicy{
    .tools = {"apt-get", "apt"},
    .subcommands = {"install"},
    .present = &SystemInstall::yes,
    .flag = "-y",
    .problem = "asks for confirmation and aborts the build",
    .exempt = nullptr,
};

class AptGetYes final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_missing_flag(ctx, inst, out, kPolicy);
  }
};

}  // namespace

RuleEntry dl3014_apt_get_yes() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<AptGetYes>()); }};
}

}  // namespace dockml::rules
