// DL4000 maintainer-deprecated: MAINTAINER is deprecated; use a LABEL.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL4000",
    .name = "maintainer-deprecated",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "MAINTAINER is deprecated",
    .doc = R"md(## What it does
Reports every `MAINTAINER` instruction.

## Why it matters
`MAINTAINER` has been deprecated since Docker 1.13; the OCI annotation
`org.opencontainers.image.authors`, set with `LABEL`, is what registries and tools read.

## Example
```dockerfile
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## Fix safety
Safe: rewrites a one-line `MAINTAINER` into `LABEL org.opencontainers.image.authors="..."`
with `"`, `$` and the escape character escaped, so the value is kept verbatim. Not offered for
a MAINTAINER spread over continuation lines or inside ONBUILD.

## References
- hadolint DL4000: https://github.com/hadolint/hadolint/wiki/DL4000
- Dockerfile reference, MAINTAINER (deprecated): https://docs.docker.com/reference/dockerfile/#maintainer-deprecated
- OCI image annotations: https://github.com/opencontainers/image-spec/blob/main/annotations.md
)md",
};

class MaintainerDeprecated final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kMaintainer) return;
    std::string who = inst.rest.text;
    while (!who.empty() && (who.back() == ' ' || who.back() == '\t' || who.back() == '\r')) who.pop_back();
    Diagnostic& d = out.report(
        inst.keyword_span,
        who.empty() ? std::string("MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors")
                    : fmt::format("MAINTAINER is deprecated: put `{}` in LABEL "
                                  "org.opencontainers.image.authors",
                                  who));
    if (who.empty() || inst.start_line != inst.end_line || ctx.dockerfile == nullptr ||
        dl::index_of(ctx, inst) == kNoInstruction)
      return;
    const char esc = ctx.dockerfile->escape;
    std::string value;
    for (char c : who) {
      if (c == '"' || c == '$' || c == esc) value += esc;
      value += c;
    }
    Span rest = inst.rest.to_source(0, static_cast<uint32_t>(who.size()));
    std::string kw = dl::lower(inst.keyword) == inst.keyword ? "label" : "LABEL";
    d.fix = Fix{Applicability::kSafe, "Replace with LABEL org.opencontainers.image.authors",
                {{Span{inst.keyword_span.begin, rest.end},
                  kw + " org.opencontainers.image.authors=\"" + value + "\""}}};
  }
};

}  // namespace

RuleEntry dl4000_maintainer_deprecated() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MaintainerDeprecated>()); }};
}

}  // namespace dockml::rules
