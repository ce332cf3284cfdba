// BK013 legacy-key-value-format (BuildKit LegacyKeyValueFormat): `ENV key value`,
// `LABEL key value`.
#include <string>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK013",
    .name = "legacy-key-value-format",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Legacy key/value format with whitespace separator should not be used",
    .doc = R"md(## What it does
Reports `ENV` and `LABEL` instructions written in the legacy `key value` form instead of
`key=value` (BuildKit's `LegacyKeyValueFormat` check).

## Why it matters
In the legacy form everything after the first space is the value, so `ENV A 1 B 2` sets `A`
to `1 B 2`, a common surprise. The legacy form is deprecated.

## Example
```dockerfile
ENV PYTHONUNBUFFERED 1
```

## Use instead
```dockerfile
ENV PYTHONUNBUFFERED=1
```

## Fix safety
Safe, and offered only when the value is a single word on the same line without quotes or
escapes: then `key=value` means exactly the same. Values with spaces or quotes need to be
quoted by hand.

## References
- https://docs.docker.com/reference/build-checks/legacy-key-value-format/
- https://docs.docker.com/reference/dockerfile/#env
)md",
    .alias = "LegacyKeyValueFormat",
};

class LegacyKeyValueFormat final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kEnv && inst.kind != InstructionKind::kLabel) return;
    std::string name = bk::to_upper(inst.keyword);
    for (const KeyValue& kv : inst.pairs) {
      if (kv.has_equals) continue;
      Diagnostic& d = out.report(kv.span, "\"" + name + " key=value\" should be used instead of legacy \"" + name +
                                              " key value\" format");
      if (kv.value.text.empty() || !bk::word_is_verbatim(ctx, kv.key) || !bk::word_is_verbatim(ctx, kv.value)) continue;
      if (kv.value.text.find_first_of(" \t\"'\\`") != std::string::npos) continue;
      if (kv.value.span.begin < kv.key.span.end) continue;
      Span gap{kv.key.span.end, kv.value.span.begin};
      std::string_view between = ctx.source->slice(gap);
      if (between.empty() || between.find_first_not_of(" \t") != std::string_view::npos) continue;
      d.fix = Fix{Applicability::kSafe, "Write " + kv.key.text + "=" + kv.value.text, {{gap, "="}}};
    }
  }
};

}  // namespace

RuleEntry bk013_legacy_key_value_format() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<LegacyKeyValueFormat>()); }};
}

}  // namespace dockml::rules
