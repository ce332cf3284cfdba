// BK002 from-as-casing (BuildKit FromAsCasing): `FROM x as y` / `from x AS y`.
#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK002",
    .name = "from-as-casing",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "The 'as' keyword should match the case of the 'from' keyword",
    .doc = R"md(## What it does
Reports a `FROM ... AS name` line where `FROM` is written in upper case and `as` is not, or
`from` is written in lower case and `AS` is not (BuildKit's `FromAsCasing` check).

## Why it matters
Mixed keyword casing on one line is harder to read and usually a typo; BuildKit warns about
it on every build.

## Example
```dockerfile
FROM python:3.11-slim as build
```

## Use instead
```dockerfile
FROM python:3.11-slim AS build
```

## Fix safety
Safe: keywords are case-insensitive; only the casing of `as` changes.

## References
- https://docs.docker.com/reference/build-checks/from-as-casing/
)md",
    .alias = "FromAsCasing",
};

class FromAsCasing final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (bk::from_stage_name(inst) == nullptr) return;
    const Word& as = inst.args[1];
    bool from_upper = bk::is_upper(inst.keyword), from_lower = bk::is_lower(inst.keyword);
    std::string want;
    if (from_upper && !bk::is_upper(as.text)) want = bk::to_upper(as.text);
    else if (from_lower && !bk::is_lower(as.text)) want = bk::to_lower(as.text);
    else return;
    Diagnostic& d = out.report(as.span, "'" + as.text + "' and '" + inst.keyword +
                                            "' keywords' casing do not match");
    if (bk::word_is_verbatim(ctx, as)) {
      d.fix = Fix{Applicability::kSafe, "Write '" + want + "'", {{as.span, want}}};
    }
  }
};

}  // namespace

RuleEntry bk002_from_as_casing() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<FromAsCasing>()); }};
}

}  // namespace dockml::rules
