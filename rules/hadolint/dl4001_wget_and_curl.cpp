// DL4001 wget-and-curl: Both wget and curl are used in one stage
#include <string>
#include <string_view>
#include <vector>
#include <optional>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL4001",
    .name = "wget-and-curl",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Both wget and curl are used in one stage",
    .doc = R"md(## What it does
Reports a stage whose RUN commands use both `wget` and `curl`; the finding points at the first use
of the second tool, with the first use of the other labelled.

## Why it matters
Two download tools doing the same job mean two packages (and their libraries) in the image;
settle on one.

## Example
```dockerfile
FROM debian:12
RUN curl -fsSLO https://example.com/a.tar.gz
RUN wget -q https://example.com/b.tar.gz
```

## Use instead
```dockerfile
FROM debian:12
RUN curl -fsSLO https://example.com/a.tar.gz \
    && curl -fsSLO https://example.com/b.tar.gz
```

## Fix safety
No fix is offered.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL4001.hs`
- hadolint rule DL4001: https://github.com/hadolint/hadolint/wiki/DL4001
)md",
};

class WgetAndCurl final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind == InstructionKind::kFrom) {
      curl_.reset();
      wget_.reset();
      reported_ = false;
      return;
    }
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr || reported_) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      std::string_view n = cmd.name();
      if (n == "curl" && !curl_) curl_ = cmd.argv[cmd.program].span;
      else if (n == "wget" && !wget_) wget_ = cmd.argv[cmd.program].span;
      else continue;
      if (!curl_ || !wget_) continue;
      bool wget_second = n == "wget";
      Diagnostic& d = out.report(wget_second ? *wget_ : *curl_,
                                 std::string("both wget and curl are used in this stage; use ") + (wget_second ? "curl" : "wget") + " here as well");
      d.labels.push_back(Label{ctx.source, wget_second ? *curl_ : *wget_, std::string(wget_second ? "curl" : "wget") + " used here"});
      reported_ = true;
      return;
    }
  }

 private:
  std::optional<Span> curl_, wget_;
  bool reported_ = false;
};

}  // namespace

RuleEntry dl4001_wget_and_curl() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<WgetAndCurl>()); }};
}

}  // namespace dockml::rules
