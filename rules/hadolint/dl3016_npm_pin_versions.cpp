// DL3016 npm-pin-versions: npm install without version pins
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3016",
    .name = "npm-pin-versions",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "npm install without version pins",
    .doc = R"md(## What it does
Reports packages of `npm install` / `npm i` / `npm add` given without `@version`. Local paths,
tarballs, URLs, git references and GitHub shorthands (`user/repo`) are not reported.

## Why it matters
Without a pin, the installed version depends on the day of the build, and `npm install -g` in
particular installs whatever was published last.

## Example
```dockerfile
FROM node:20-slim
RUN npm install -g typescript
```

## Use instead
```dockerfile
FROM node:20-slim
RUN npm install -g typescript@5.4.5
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3016.hs`
- npm documentation, `npm install <name>@<version>`
- hadolint rule DL3016: https://github.com/hadolint/hadolint/wiki/DL3016
)md",
};

bool not_registry(std::string_view raw) {
  if (raw.starts_with(".") || raw.starts_with("/") || raw.starts_with("~") || raw.find(':') != std::string_view::npos ||
      raw.ends_with(".tgz") || raw.ends_with(".tar.gz") || raw.find('$') != std::string_view::npos)
    return true;
  return !raw.starts_with("@") && raw.find('/') != std::string_view::npos;  // user/repo
}

class NpmPinVersions final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const NodeInstall& n : rf->facts->node) {
      if (n.at.tool != "npm" || (n.subcommand != "install" && n.subcommand != "add")) continue;
      for (const NodeInstall::Package& p : n.packages) {
        if (!p.version.empty() || not_registry(p.raw)) continue;
        out.report(p.ref.span, "`" + p.raw + "` is installed without a version pin (pin with `" + p.name + "@<version>`)");
      }
    }
  }
};

}  // namespace

RuleEntry dl3016_npm_pin_versions() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<NpmPinVersions>()); }};
}

}  // namespace dockml::rules
