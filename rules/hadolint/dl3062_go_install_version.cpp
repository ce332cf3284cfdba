// DL3062 go-install-version: go install or go get of a module without @version
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3062",
    .name = "go-install-version",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "go install or go get of a module without @version",
    .doc = R"md(## What it does
Reports module paths of `go install` and `go get` without `@version`. Local packages
(`.`, `./...`, absolute paths) are not reported.

## Why it matters
Since Go 1.16, `go install pkg@version` is the reproducible way to install a tool; without a
version, the result depends on the day of the build (or on the current module's go.mod).

## Example
```dockerfile
FROM golang:1.22
RUN go install golang.org/x/tools/gopls
```

## Use instead
```dockerfile
FROM golang:1.22
RUN go install golang.org/x/tools/gopls@v0.15.3
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3062.hs`
- Go documentation, `go install` (Go 1.16 release notes)
- hadolint rule DL3062: https://github.com/hadolint/hadolint/wiki/DL3062
)md",
};

class GoInstallVersion final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const GoInstall& g : rf->facts->go) {
      for (const GoInstall::Package& p : g.packages) {
        std::string_view path = p.path.empty() ? std::string_view(p.raw) : std::string_view(p.path);
        if (!p.version.empty() || path.starts_with(".") || path.starts_with("/") || path.ends_with(".go") ||
            path.find('$') != std::string_view::npos || path.find('.') == std::string_view::npos)
          continue;
        out.report(p.ref.span, "`" + p.raw + "` is installed without a version (use `" + std::string(path) + "@<version>`)");
      }
    }
  }
};

}  // namespace

RuleEntry dl3062_go_install_version() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<GoInstallVersion>()); }};
}

}  // namespace dockml::rules
