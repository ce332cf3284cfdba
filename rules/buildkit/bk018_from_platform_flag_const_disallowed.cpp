// BK018 from-platform-flag-const-disallowed (BuildKit FromPlatformFlagConstDisallowed):
// `FROM --platform=linux/amd64 image` in a stage whose name does not say it is
// platform-specific.
#include <string>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK018",
    .name = "from-platform-flag-const-disallowed",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "FROM --platform flag should not use a constant value",
    .doc = R"md(## What it does
Reports `FROM --platform=<constant>` (a value without any `$` variable), unless the stage
name contains the platform's OS or architecture (`AS build_amd64`), which marks a deliberately
platform-specific stage (BuildKit's `FromPlatformFlagConstDisallowed` check).

## Why it matters
A constant platform pins the stage to one architecture: the Dockerfile can no longer build a
multi-platform image, and on an arm64 machine (Graviton, Grace Hopper, Apple silicon) the
stage runs under emulation or pulls the wrong wheels.

## Example
```dockerfile
FROM --platform=linux/amd64 python:3.11-slim AS base
```

## Use instead
```dockerfile
FROM python:3.11-slim AS base
```
and `docker build --platform linux/amd64 .` when one platform is really wanted, or
`--platform=$BUILDPLATFORM` for a cross-compiling stage.

## Fix safety
No fix is offered: whether the pin is wanted is not known.

## References
- https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/
)md",
    .alias = "FromPlatformFlagConstDisallowed",
};

class FromPlatformFlagConstDisallowed final : public Rule {
 public:
  void check_instruction(const FileContext&, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kFrom) return;
    const Flag* f = inst.find_flag("platform");
    if (f == nullptr || !f->has_value || f->value.empty() || f->value.find('$') != std::string::npos) return;
    if (const Word* name = bk::from_stage_name(inst)) {
      std::string stage = bk::to_lower(name->text);
      std::string platform = bk::to_lower(f->value);
      size_t start = 0;
      while (start <= platform.size()) {
        size_t slash = platform.find('/', start);
        std::string part = platform.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!part.empty() && stage.find(part) != std::string::npos) return;
        if (slash == std::string::npos) break;
        start = slash + 1;
      }
    }
    out.report(f->value_span, "FROM --platform flag should not use constant value \"" + f->value + "\"");
  }
};

}  // namespace

RuleEntry bk018_from_platform_flag_const_disallowed() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<FromPlatformFlagConstDisallowed>()); }};
}

}  // namespace dockml::rules
