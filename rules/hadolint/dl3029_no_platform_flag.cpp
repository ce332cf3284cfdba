// DL3029 no-platform-flag: FROM --platform with a constant platform.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3029",
    .name = "no-platform-flag",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Do not use --platform flag with FROM",
    .doc = R"md(## What it does
Reports `FROM --platform=<platform>` with a constant platform such as `linux/amd64`.
Unlike hadolint, a platform taken from a variable (`--platform=$BUILDPLATFORM`, the standard
cross-compilation pattern, or `$TARGETPLATFORM`) is not reported.

## Why it matters
A hard-coded platform pins the image to one architecture: `docker build --platform` and
multi-platform builds no longer do what they say, and on other hosts the image runs emulated.

## Example
```dockerfile
FROM --platform=linux/amd64 python:3.11-slim
```

## Use instead
```dockerfile
FROM python:3.11-slim
```
and choose the platform at build time with `docker build --platform linux/amd64`.

## Fix safety
No fix: removing the flag changes which image is pulled on non-amd64 hosts.

## References
- hadolint DL3029: https://github.com/hadolint/hadolint/wiki/DL3029
- Docker multi-platform builds: https://docs.docker.com/build/building/multi-platform/
)md",
};

class NoPlatformFlag final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kFrom) return;
    const Flag* p = inst.find_flag("platform");
    if (p == nullptr || !p->has_value || p->value.empty() || p->value.find('$') != std::string::npos) return;
    out.report(p->span, fmt::format("FROM pins the platform to `{}`: builds for other platforms ignore "
                                    "`--platform` and run this stage emulated; choose the platform at "
                                    "build time instead",
                                    p->value));
  }
};

}  // namespace

RuleEntry dl3029_no_platform_flag() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NoPlatformFlag>()); }};
}

}  // namespace dockml::rules
