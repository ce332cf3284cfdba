// BK022 expose-invalid-format (BuildKit ExposeInvalidFormat): `EXPOSE 127.0.0.1:80:80`,
// `EXPOSE 8080:80`.
#include <string>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK022",
    .name = "expose-invalid-format",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "IP address and host-port mapping should not be used in EXPOSE",
    .doc = R"md(## What it does
Reports an `EXPOSE` argument that contains `:`, i.e. an IP address or a host-port mapping
(BuildKit's `ExposeInvalidFormat` check).

## Why it matters
`EXPOSE` only documents the container's ports; the host side of a mapping is chosen at run
time (`docker run -p`). BuildKit has announced that this syntax will be rejected.

## Example
```dockerfile
EXPOSE 127.0.0.1:8080:8080
```

## Use instead
```dockerfile
EXPOSE 8080
```

## Fix safety
No fix is offered: publish the mapping with `docker run -p` or Compose `ports:` instead.

## References
- https://docs.docker.com/reference/build-checks/expose-invalid-format/
)md",
    .alias = "ExposeInvalidFormat",
};

// A `:` of the word itself, not of a `${PORT:-80}` reference.
bool has_colon_outside_variables(std::string_view text, char escape) {
  ExpandOptions opts;
  opts.escape = escape;
  ExpandResult refs = find_references(text, opts);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != ':') continue;
    bool inside = false;
    for (const VarRef& r : refs.refs) inside |= i >= r.begin && i < r.end;
    if (!inside) return true;
  }
  return false;
}

class ExposeInvalidFormat final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kExpose) return;
    for (const Word& w : inst.args) {
      if (!has_colon_outside_variables(w.text, ctx.dockerfile ? ctx.dockerfile->escape : '\\')) continue;
      out.report(w.span, "EXPOSE instruction should not define an IP address or host-port mapping, found '" +
                             w.text + "'");
    }
  }
};

}  // namespace

RuleEntry bk022_expose_invalid_format() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ExposeInvalidFormat>()); }};
}

}  // namespace dockml::rules
