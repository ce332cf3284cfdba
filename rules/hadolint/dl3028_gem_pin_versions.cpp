// DL3028 gem-pin-versions: gem install without version pins
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3028",
    .name = "gem-pin-versions",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "gem install without version pins",
    .doc = R"md(## What it does
Reports gems of `gem install` without a version (`name:version` or `-v VERSION`). Local `.gem`
files are not reported.

## Why it matters
Without a pin, the installed version depends on the day of the build.

## Example
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler
```

## Use instead
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler:2.5.10
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3028.hs`
- RubyGems `gem install NAME:VERSION`, `--version`
- hadolint rule DL3028: https://github.com/hadolint/hadolint/wiki/DL3028
)md",
};

class GemPinVersions final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const GemInstall& g : rf->facts->gem) {
      for (const GemInstall::Package& p : g.packages) {
        if (!p.version.empty() || p.raw.ends_with(".gem") || p.raw.find('$') != std::string::npos) continue;
        out.report(p.ref.span, "gem `" + p.raw + "` is installed without a version pin (pin with `" + p.name + ":<version>`)");
      }
    }
  }
};

}  // namespace

RuleEntry dl3028_gem_pin_versions() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<GemPinVersions>()); }};
}

}  // namespace dockml::rules
