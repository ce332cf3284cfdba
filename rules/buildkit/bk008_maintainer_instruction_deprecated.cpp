// BK008 maintainer-instruction-deprecated (BuildKit MaintainerDeprecated): the MAINTAINER instruction.
#include <string>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK008",
    .name = "maintainer-instruction-deprecated",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "The MAINTAINER instruction is deprecated, use a label instead to define an image author",
    .doc = R"md(## What it does
Reports every `MAINTAINER` instruction (BuildKit's `MaintainerDeprecated` check).

## Why it matters
`MAINTAINER` is deprecated since Docker 1.13; the image author belongs in the standard OCI
label `org.opencontainers.image.authors`, which registries and scanners read.

## Example
```dockerfile
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## Fix safety
Safe: the instruction is replaced by the equivalent label, the value double-quoted with `"`,
`\` and `$` escaped. Offered only for a single-line `MAINTAINER`.

## References
- https://docs.docker.com/reference/build-checks/maintainer-deprecated/
- OCI image annotations: https://github.com/opencontainers/image-spec/blob/main/annotations.md
)md",
    .alias = "MaintainerDeprecated",
    .tag = RuleTag::kDeprecated,
};

class MaintainerDeprecated final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kMaintainer) return;
    Diagnostic& d = out.report(inst.keyword_span,
                               "MAINTAINER instruction is deprecated in favor of using label");
    if (inst.start_line != inst.end_line || inst.rest.text.empty() || ctx.dockerfile == nullptr) return;
    std::string value;
    const char esc = ctx.dockerfile->escape;
    for (char c : inst.rest.text) {
      if (c == '"' || c == '$' || c == esc) value += esc;
      value += c;
    }
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) value.pop_back();
    std::string label = bk::is_lower(inst.keyword) ? "label" : "LABEL";
    Span rest = inst.rest.to_source(0, static_cast<uint32_t>(inst.rest.text.size()));
    Span whole{inst.keyword_span.begin, rest.end};
    d.fix = Fix{Applicability::kSafe, "Replace with LABEL org.opencontainers.image.authors",
                {{whole, label + " org.opencontainers.image.authors=\"" + value + "\""}}};
  }
};

}  // namespace

RuleEntry bk008_maintainer_instruction_deprecated() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MaintainerDeprecated>()); }};
}

}  // namespace dockml::rules
