// DL3041 dnf-pin-versions: dnf install without a version pin
#include <string>
#include <string_view>
#include <vector>
#include <utility>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3041",
    .name = "dnf-pin-versions",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "dnf install without a version pin",
    .doc = R"md(## What it does
Reports packages of `dnf install` (also `microdnf`/`tdnf`) without a version (`name-version`).
Groups (`@group`), local `.rpm` files, paths and URLs are not reported.

## Why it matters
Without a pin, the package version depends on the day of the build and on the repositories.

## Example
```dockerfile
FROM fedora:39
RUN dnf install -y httpd && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:39
RUN dnf install -y httpd-2.4.58 && dnf clean all
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3041.hs`
- dnf(8): package specifications `name-version`
- hadolint rule DL3041: https://github.com/hadolint/hadolint/wiki/DL3041
)md",
};

using Bad = std::vector<std::pair<std::string, Span>>;

// yum/dnf pins are `name-version`: a '-' followed by a digit; groups (@x) and globs are not packages.
[[maybe_unused]] bool pinned_rpm(std::string_view raw) {
  if (raw.starts_with("@") || raw.find('*') != std::string_view::npos) return true;
  for (size_t i = 0; i + 1 < raw.size(); ++i)
    if (raw[i] == '-' && raw[i + 1] >= '0' && raw[i + 1] <= '9') return true;
  return false;
}

[[maybe_unused]] bool local_file(std::string_view raw, std::string_view ext) {
  return raw.starts_with("/") || raw.starts_with("./") || raw.starts_with("../") || raw.ends_with(ext) ||
         raw.find("://") != std::string_view::npos;
}

// One diagnostic per command: the first unpinned package, the others as labels.
void report_unpinned(const FileContext& ctx, Reporter& out, const std::vector<std::pair<std::string, Span>>& bad,
                     std::string_view how) {
  if (bad.empty()) return;
  std::string names;
  for (size_t i = 0; i < bad.size() && i < 5; ++i) names += (i ? ", " : "") + bad[i].first;
  if (bad.size() > 5) names += ", ...";
  std::string msg = bad.size() == 1 ? "`" + bad[0].first + "` is installed without a version pin"
                                    : std::to_string(bad.size()) + " packages are installed without a version pin: " + names;
  Diagnostic& d = out.report(bad[0].second, msg + " (pin with " + std::string(how) + ")");
  for (size_t i = 1; i < bad.size(); ++i) d.labels.push_back(Label{ctx.source, bad[i].second, "not pinned"});
}


class DnfPinVersions final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const SystemInstall& s : rf->facts->system) {
      if (!(s.at.tool == "dnf" || s.at.tool == "microdnf" || s.at.tool == "tdnf") || !(s.subcommand == "install")) continue;
      Bad bad;
      for (size_t i = 0; i < s.packages.size(); ++i) {
        const SystemPackage& p = s.packages[i];
        if (false) continue;
        if (local_file(p.raw, ".rpm") || (pinned_rpm(p.raw))) continue;
        bad.emplace_back(p.raw, p.ref.span);
      }
      report_unpinned(ctx, out, bad, "`name-version`");
    }
  }
};

}  // namespace

RuleEntry dl3041_dnf_pin_versions() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DnfPinVersions>()); }};
}

}  // namespace dockml::rules
