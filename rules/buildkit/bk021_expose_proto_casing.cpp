// BK021 expose-proto-casing (BuildKit ExposeProtoCasing): `EXPOSE 80/TCP`.
#include <string>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK021",
    .name = "expose-proto-casing",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Protocols in EXPOSE should be lowercase",
    .doc = R"md(## What it does
Reports an `EXPOSE` port whose protocol (`/tcp`, `/udp`, `/sctp`) is not written in lower case
(BuildKit's `ExposeProtoCasing` check).

## Why it matters
The protocol is stored in the image config as written; tools that compare it with `tcp` or
`udp` may not recognise `TCP`.

## Example
```dockerfile
EXPOSE 8080/TCP
```

## Use instead
```dockerfile
EXPOSE 8080/tcp
```

## Fix safety
Safe: only the protocol's casing changes.

## References
- https://docs.docker.com/reference/build-checks/expose-proto-casing/
)md",
    .alias = "ExposeProtoCasing",
};

class ExposeProtoCasing final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kExpose) return;
    for (const Word& w : inst.args) {
      size_t slash = w.text.rfind('/');
      if (slash == std::string::npos) continue;
      std::string_view proto = std::string_view(w.text).substr(slash + 1);
      if (bk::is_lower(proto) || proto.find('$') != std::string_view::npos) continue;
      Diagnostic& d = out.report(w.span, "Defined protocol '" + w.text +
                                             "' in EXPOSE instruction should be lowercase");
      if (bk::word_is_verbatim(ctx, w)) {
        Span proto_span{w.span.begin + static_cast<uint32_t>(slash + 1), w.span.end};
        d.fix = Fix{Applicability::kSafe, "Write '" + bk::to_lower(proto) + "'", {{proto_span, bk::to_lower(proto)}}};
      }
    }
  }
};

}  // namespace

RuleEntry bk021_expose_proto_casing() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ExposeProtoCasing>()); }};
}

}  // namespace dockml::rules
