// DL3052-DL3056 and DL3058: a LABEL value that does not have the type the label schema
// (`label-schema:` in .dockml.yaml / .hadolint.yaml) gives its key: url, rfc3339, spdx, hash,
// semver, email. One family, one table: a row holds a rule's metadata, its value check
// (rules/hadolint/label_schema.h) and the pieces of its doc; the six docs share one text
// (docs/rules/DL305x.md: `dockml explain DL3052`).
#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

struct LabelType {
  std::string_view code, name, summary;
  std::string_view type;    // the schema type ("url")
  std::string_view what;    // "a valid URL": "label `k`: `v` is not <what>"
  std::string_view format;  // the doc's sentence on the accepted format
  std::string_view key, bad, good;  // the doc's example label and values
  bool (*valid)(const FileContext&, std::string_view);
};

template <bool (*Check)(std::string_view)>
bool plain(const FileContext&, std::string_view v) {
  return Check(v);
}

// The SPDX ids come from the knowledge base (names.json spdx).
bool spdx(const FileContext& ctx, std::string_view v) {
  return !ctx.kb || hl::is_spdx_expression(v, ctx.kb->spdx_licenses());
}

constexpr std::array kTypes{
    LabelType{"DL3052", "label-not-url",
              "A label of the schema type url is not a valid URL",
              "url", "a valid URL",
              "A URL is an absolute URI (`scheme:rest`, no spaces); `http`, `https`, `ftp` and `ws` URLs also need a host after `//`.",
              "org.opencontainers.image.source", "github.com/acme/app", "https://github.com/acme/app", &plain<&hl::is_url>},
    LabelType{"DL3053", "label-not-rfc3339",
              "A label of the schema type rfc3339 is not an RFC 3339 time",
              "rfc3339", "an RFC 3339 date-time",
              "RFC 3339 is `YYYY-MM-DDTHH:MM:SS[.frac]` followed by `Z` or `+HH:MM`/`-HH:MM`, with valid calendar values.",
              "org.opencontainers.image.created", "2024-13-01", "2024-12-01T10:00:00Z", &plain<&hl::is_rfc3339>},
    LabelType{"DL3054", "label-not-spdx",
              "A label of the schema type spdx is not an SPDX license identifier",
              "spdx", "an SPDX license expression",
              "Accepted are SPDX license list identifiers in common use (case-insensitive, optional `+`), `LicenseRef-…`, and expressions joining them with `AND`, `OR`, `WITH <exception>` and parentheses.",
              "org.opencontainers.image.licenses", "Apache 2", "Apache-2.0", &spdx},
    LabelType{"DL3055", "label-not-git-hash",
              "A label of the schema type hash is not a git hash",
              "hash", "a git commit hash",
              "A git hash is 7 to 40 lower-case hex digits (abbreviated or full SHA-1) or 64 (SHA-256 repositories); hadolint only accepts exactly 7 or 40, which rejects `git rev-parse --short=8` output.",
              "org.opencontainers.image.revision", "main", "1f3c2a9e0b7d4c6a8e5f2b1d9c0a7e6f5d4c3b2a", &plain<&hl::is_git_hash>},
    LabelType{"DL3056", "label-not-semver",
              "A label of the schema type semver is not a semantic version",
              "semver", "a semantic version",
              "A semantic version follows https://semver.org/ 2.0.0 (`MAJOR.MINOR.PATCH[-pre][+build]`); a leading `v` is accepted.",
              "org.opencontainers.image.version", "1.2", "1.2.0", &plain<&hl::is_semver>},
    LabelType{"DL3058", "label-not-email",
              "A label of the schema type email is not an RFC 5322 e-mail address",
              "email", "an RFC 5322 e-mail address",
              "Accepted are RFC 5322 addresses (`local@domain`) and mailboxes with a display name (`Jane Doe <jane@acme.dev>`), with optional `(comments)`.",
              "maintainer", "acme.dev", "ml-platform@acme.dev", &plain<&hl::is_email>},
};

constexpr std::string_view kDoc = R"md(## What it does
Reports a `LABEL` whose key the label schema (`label-schema:` in `.dockml.yaml` or
`.hadolint.yaml`) types as `{type}` when its value is not {what}. {format} Empty values are left to
DL3051 and values holding a `$` variable (`$BUILD_DATE`, known only at build time) are not judged.
Without a label schema the rule does nothing.

## Why it matters
Tools that read image labels (registries, scanners, inventory jobs) expect the documented
format; a malformed value is silently dropped or breaks their parsing.

## Example
```yaml
# .dockml.yaml
label-schema:
  {key}: {type}
```
```dockerfile
FROM alpine:3.20
LABEL {key}="{bad}"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL {key}="{good}"
```

## Fix safety
No fix is offered: the right value is the author's.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/{code}.hs`
- hadolint rule {code}: https://github.com/hadolint/hadolint/wiki/{code}
)md";

// The metadata of every row, with its doc, built once in place (the metas point into docs).
struct MetaTable {
  MetaTable() {
    for (size_t k = 0; k < kTypes.size(); ++k) {
      const LabelType& r = kTypes[k];
      docs[k] = fmt::format(fmt::runtime(kDoc), fmt::arg("code", r.code), fmt::arg("type", r.type),
                            fmt::arg("what", r.what), fmt::arg("format", r.format), fmt::arg("key", r.key),
                            fmt::arg("bad", r.bad), fmt::arg("good", r.good));
      metas[k] = RuleMeta{.code = r.code,
                          .name = r.name,
                          .severity = Severity::kWarning,
                          .enabled_by_default = true,
                          .fix = FixAvailability::kNone,
                          .summary = r.summary,
                          .doc = docs[k]};
    }
  }
  MetaTable(const MetaTable&) = delete;
  MetaTable& operator=(const MetaTable&) = delete;
  std::array<std::string, kTypes.size()> docs;
  std::array<RuleMeta, kTypes.size()> metas{};
};

const RuleMeta& meta(size_t i) {
  static const MetaTable table;
  return table.metas[i];
}

class LabelTypeCheck final : public Rule {
 public:
  explicit LabelTypeCheck(const LabelType& type) : type_(type) {}
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    hl::check_label_type(ctx, inst, out, type_.type, [&](std::string_view v) { return type_.valid(ctx, v); },
                         type_.what);
  }

 private:
  const LabelType& type_;
};

template <size_t I>
RuleEntry entry() {
  return {&meta(I), [] { return std::unique_ptr<Rule>(std::make_unique<LabelTypeCheck>(kTypes[I])); }};
}

}  // namespace

RuleEntry dl3052_label_not_url() { return entry<0>(); }
RuleEntry dl3053_label_not_rfc3339() { return entry<1>(); }
RuleEntry dl3054_label_not_spdx() { return entry<2>(); }
RuleEntry dl3055_label_not_git_hash() { return entry<3>(); }
RuleEntry dl3056_label_not_semver() { return entry<4>(); }
RuleEntry dl3058_label_not_email() { return entry<5>(); }

}  // namespace dockml::rules
