// DL3048 invalid-label-key: Invalid label key
#include <fmt/format.h>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3048",
    .name = "invalid-label-key",
    .severity = Severity::kStyle,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Invalid label key",
    .doc = R"md(## What it does
Reports a `LABEL` key that breaks Docker's key format: it must start with a lower-case letter,
end with a lower-case letter or digit, contain only lower-case letters, digits, `.` and `-`,
have no `..` or `--`, and not use the reserved namespaces `com.docker.`, `io.docker.` and
`org.dockerproject.`. Keys written with a `$` variable are not judged.

## Why it matters
Docker's object-label guidelines define this format so that keys from different tools do not
collide; registries and label-based tooling (OCI annotations, `docker inspect` filters) expect it.

## Example
```dockerfile
FROM alpine:3.20
LABEL Maintainer="ml-platform@acme.dev"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="ml-platform@acme.dev"
```

## Fix safety
No fix is offered: renaming a label changes what tools reading it find.

## References
- https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations
- hadolint 2.15 source, `src/Hadolint/Rule/DL3048.hs`
)md",
};

// Why `key` breaks the format, or "" when it is fine.
std::string problem(std::string_view key) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (key.empty()) return "is empty";
  for (char c : key)
    if (!lower(c) && !digit(c) && c != '.' && c != '-')
      return fmt::format("contains `{}` (only lower-case letters, digits, `.` and `-` are allowed)", c);
  if (!lower(key.front())) return "does not start with a lower-case letter";
  if (!lower(key.back()) && !digit(key.back())) return "does not end with a lower-case letter or digit";
  if (key.find("..") != std::string_view::npos || key.find("--") != std::string_view::npos)
    return "has consecutive `.` or `-` separators";
  for (std::string_view ns : {"com.docker.", "io.docker.", "org.dockerproject."})
    if (key.starts_with(ns)) return fmt::format("uses the namespace `{}` reserved by Docker", ns);
  return "";
}

class InvalidLabelKey final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    for (const hl::LabelPair& p : hl::label_pairs(ctx, inst)) {
      if (hl::has_variable(p.key)) continue;
      std::string why = problem(p.key);
      if (!why.empty()) out.report(p.kv->key.span, fmt::format("label key `{}` {}", p.key, why));
    }
  }
};

}  // namespace

RuleEntry dl3048_invalid_label_key() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<InvalidLabelKey>()); }};
}

}  // namespace dockml::rules
