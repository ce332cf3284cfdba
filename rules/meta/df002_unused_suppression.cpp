// DF002 unused-suppression: an inline suppression (`# dockml ignore=`, `# hadolint ignore=`,
// `# check=skip=`) that silenced nothing, or that names no rule. The engine finds these after
// applying suppressions (analyzer/engine/suppression.cpp); this file holds the rule's metadata
// and documentation.
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DF002",
    .name = "unused-suppression",
    .severity = Severity::kWarning,
    .enabled_by_default = false,
    .fix = FixAvailability::kNone,
    .summary = "An inline suppression silences nothing or names no rule",
    .doc = R"md(## What it does
Reports, at the code in the comment, every inline suppression that matched no diagnostic:
`# dockml ignore=CODE` (next instruction), `# dockml stage ignore=CODE`, `# dockml global
ignore=CODE`, the `# hadolint ignore=` forms and BuildKit's `# check=skip=` (comment or parser
directive). It also reports codes that are neither a rule code, a BuildKit check name nor a
ShellCheck `SCxxxx` code, and `# dockml` comments that are not a valid suppression. A code is
only reported as unused when its rule ran (a rule turned off by `--ignore` or the configuration
is not reported). Off by default: select it with `--select DF002`.

## Why it matters
Suppressions outlive the problems they silenced: after the `RUN` is fixed or the rule changes,
a stale `# hadolint ignore=DL3008` hides the next real finding on that instruction. A typo in a
code (`DL3O08`) silences nothing at all.

## Example
```dockerfile
FROM python:3.11-slim
# dockml ignore=DL3008
RUN pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.11-slim
RUN pip install --no-cache-dir -r requirements.txt
```

## Fix safety
No fix is offered: remove the code (or the comment) by hand.

## References
- ruff's unused `noqa` rule (RUF100): https://docs.astral.sh/ruff/rules/unused-noqa/
- hadolint inline ignores: https://github.com/hadolint/hadolint#inline-ignores
- BuildKit check directive: https://docs.docker.com/reference/dockerfile/#check
)md",
};

class UnusedSuppression final : public Rule {};

}  // namespace

RuleEntry df002_unused_suppression() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UnusedSuppression>()); }};
}

}  // namespace dockml::rules
