// DL3049 missing-label: A label required by the label schema is missing
#include <fmt/format.h>
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "rules/hadolint/label_schema.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3049",
    .name = "missing-label",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A label required by the label schema is missing",
    .doc = R"md(## What it does
With a label schema (`label-schema:` in `.dockml.yaml` or `.hadolint.yaml`), reports every label of
the schema that an image the file can produce does not set. The images are the stages no other
stage builds on or copies from (the final stage and other possible `--target`s); a stage has a
label when it or a stage it builds `FROM` sets it. Builder stages that are only `COPY --from`'d
are not reported (hadolint also skips stages used by `COPY --from`). Without a schema the rule
does nothing.

## Why it matters
Required labels (owner, source, revision, licence) are how registries, scanners and on-call
engineers find out where an image came from.

## Example
```yaml
# .dockml.yaml
label-schema:
  org.opencontainers.image.source: url
```
```dockerfile
FROM python:3.12-slim
```

## Use instead
```dockerfile
FROM python:3.12-slim
LABEL org.opencontainers.image.source="https://github.com/acme/app"
```

## Fix safety
No fix is offered: the label values are the author's.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3049.hs`
- hadolint rule DL3049: https://github.com/hadolint/hadolint/wiki/DL3049
)md",
};

class MissingLabel final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter&) override {
    stages_.visit(ctx, inst);
  }
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.options == nullptr || ctx.options->label_schema.empty()) return;
    const auto& stages = stages_.stages();
    for (size_t i = 0; i < stages.size(); ++i) {
      if (stages[i].used) continue;
      const Instruction& f = *stages[i].from;
      std::string image = !stages[i].name.empty() ? fmt::format("the image of stage `{}`", stages[i].name)
                          : f.args.empty()        ? fmt::format("the image of stage {}", i)
                                                  : fmt::format("the image built FROM `{}` (stage {})", f.args[0].text, i);
      for (const auto& [key, type] : ctx.options->label_schema) {
        if (stages_.has(i, key)) continue;
        const Instruction& from = *stages[i].from;
        Span at = from.args.empty() ? from.keyword_span : from.args[0].span;
        out.report(at, fmt::format("{} has no label `{}` (required by the label schema, type `{}`)", image, key, type));
      }
    }
  }

 private:
  hl::StageLabels stages_;
};

}  // namespace

RuleEntry dl3049_missing_label() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<MissingLabel>()); }};
}

}  // namespace dockml::rules
