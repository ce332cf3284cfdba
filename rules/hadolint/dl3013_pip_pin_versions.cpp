// DL3013 pip-pin-versions: pip install without version pins
#include <string>
#include <string_view>
#include <vector>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3013",
    .name = "pip-pin-versions",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "pip install without version pins",
    .doc = R"md(## What it does
Reports requirements on a `pip install` command line (`pip`, `pip3`, `python -m pip`, `uv pip`)
without a version specifier. Not reported: requirement files (`-r`), local paths, wheels and
archives, URLs and VCS references, editable installs, and any install constrained by `-c FILE`
(a constraints file is where the pins live). One finding per command, at the first unpinned
requirement; the others are labelled.

## Why it matters
Without a pin, the installed version depends on the day of the build; ML stacks in particular
break when a transitive release changes an API or the CUDA build of a wheel.

## Example
```dockerfile
FROM python:3.11-slim
RUN pip install --no-cache-dir numpy requests
```

## Use instead
```dockerfile
FROM python:3.11-slim
RUN pip install --no-cache-dir numpy==1.26.4 requests==2.31.0
```

## Fix safety
No fix is offered: the version to pin is the author's choice.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3013.hs`
- pip documentation, Requirement Specifiers; Constraints Files
- hadolint rule DL3013: https://github.com/hadolint/hadolint/wiki/DL3013
)md",
};

class PipPinVersions final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const PipInstall& p : rf->facts->pip) {
      if (p.subcommand != "install" || p.at.tool == "pipx" || p.at.tool == "uv tool") continue;
      if (!p.options.constraint_files.empty()) continue;
      std::vector<const PipRequirement*> bad;
      for (const PipRequirement& r : p.requirements) {
        if (r.name.empty() || r.editable || r.vcs || !r.url.empty() || !r.specifier.empty()) continue;
        std::string_view raw = r.raw;
        if (raw.starts_with(".") || raw.starts_with("/") || raw.find("://") != std::string_view::npos ||
            raw.ends_with(".whl") || raw.ends_with(".tar.gz") || raw.ends_with(".zip") ||
            raw.find('$') != std::string_view::npos)
          continue;
        bad.push_back(&r);
      }
      if (bad.empty()) continue;
      std::string names;
      for (size_t i = 0; i < bad.size() && i < 5; ++i) names += (i ? ", " : "") + bad[i]->raw;
      if (bad.size() > 5) names += ", ...";
      std::string msg = bad.size() == 1 ? "`" + bad[0]->raw + "` is installed without a version pin"
                                        : std::to_string(bad.size()) + " packages are installed without a version pin: " + names;
      Diagnostic& d = out.report(bad[0]->ref.span, msg + " (pin with `name==version` or use a constraints file)");
      for (size_t i = 1; i < bad.size(); ++i) d.labels.push_back(Label{ctx.source, bad[i]->ref.span, "not pinned"});
    }
  }
};

}  // namespace

RuleEntry dl3013_pip_pin_versions() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<PipPinVersions>()); }};
}

}  // namespace dockml::rules
