// BK020 invalid-definition-description (BuildKit InvalidDefinitionDescription, experimental):
// a comment right above a named FROM or an ARG that does not start with that name.
#include <string>

#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK020",
    .name = "invalid-definition-description",
    .severity = Severity::kInfo,
    .enabled_by_default = false,
    .fix = FixAvailability::kNone,
    .summary = "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`",
    .doc = R"md(## What it does
Reports a comment block directly above `FROM ... AS <name>` or a single-name `ARG <name>`
whose last line (the one BuildKit reads as the description) does not start with that name (BuildKit's experimental `InvalidDefinitionDescription`
check; off by default here too). Comments of other tools (`# hadolint ...`, `# dockml ...`,
`# check=...`) are not descriptions and are ignored.

## Why it matters
`docker buildx build --call=outline` and `--call=targets` show such comments as the
description of build arguments and targets only when they start with the name; any other
comment in that position is shown as a wrong description or not at all.

## Example
```dockerfile
# The Python version to use
ARG PYTHON_VERSION=3.11
```

## Use instead
```dockerfile
# PYTHON_VERSION is the Python version to use
ARG PYTHON_VERSION=3.11
```
or separate an unrelated comment from the instruction with an empty line.

## Fix safety
No fix is offered.

## References
- https://docs.docker.com/reference/build-checks/invalid-definition-description/
- https://docs.docker.com/build/checks/#experimental-checks
)md",
    .alias = "InvalidDefinitionDescription",
};

std::string first_word(std::string_view text) {
  size_t b = text.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = text.find_first_of(" \t", b);
  return std::string(text.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
}

bool is_tool_pragma(std::string_view word) {
  std::string w = bk::to_lower(word);
  return w.starts_with("hadolint") || w.starts_with("dockml") || w.starts_with("check=") ||
         w.starts_with("syntax=") || w.starts_with("escape=") || w.starts_with("noqa") ||
         w.starts_with("trivy:") || w.starts_with("checkov:") || w.starts_with("kics");
}

class InvalidDefinitionDescription final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.comments_before.empty() || !ctx.source) return;
    // Only a comment block that ends on the line right above the instruction.
    if (ctx.source->position(inst.comments_before.back().span.begin).line + 1 != inst.start_line) return;
    std::string name;
    const char* what = nullptr;
    if (const Word* stage = bk::from_stage_name(inst)) {
      name = stage->text, what = "stage";
    } else if (inst.kind == InstructionKind::kArg && inst.pairs.size() == 1) {
      name = inst.pairs[0].key.text, what = "argument";
    } else {
      return;
    }
    // BuildKit reads the description from the LAST comment line above the instruction (blank
    // lines do not end a comment block there; an empty `#` line does).
    const Comment& c = inst.comments_before.back();
    std::string word = first_word(c.text);
    if (word.empty() || is_tool_pragma(word)) return;
    bool match = what[0] == 's' ? bk::to_lower(word) == bk::to_lower(name) : word == name;
    if (match) return;
    out.report(c.span, std::string("Comment for build ") + what +
                           " should follow the format: `# " + name + " <description>`. If this is not intended to be a "
                           "description comment, add an empty line or comment between the instruction and the comment.");
  }
};

}  // namespace

RuleEntry bk020_invalid_definition_description() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<InvalidDefinitionDescription>()); }};
}

}  // namespace dockml::rules
