// BK009 undefined-arg-in-from (BuildKit UndefinedArgInFrom): FROM uses a variable that no
// global ARG declares.
#include <string>
#include <vector>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK009",
    .name = "undefined-arg-in-from",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "FROM command must use declared ARGs",
    .doc = R"md(## What it does
Reports a variable used in a `FROM` line (image or `--platform`) that is not declared by an
`ARG` before the first `FROM` and is not one of BuildKit's automatic platform ARGs
(`BUILDPLATFORM`, `TARGETARCH`, ...) (BuildKit's `UndefinedArgInFrom` check). A close
declared name is suggested.

## Why it matters
`FROM` only sees global ARGs: an ARG declared inside a stage, an ENV, or a misspelt name
expands to the empty string, so the build pulls another image than intended or fails with
"invalid reference format".

## Example
```dockerfile
ARG CUDA_VERSION=12.1.1
FROM nvidia/cuda:${CUDA_VERISON}-runtime-ubuntu22.04
```

## Use instead
```dockerfile
ARG CUDA_VERSION=12.1.1
FROM nvidia/cuda:${CUDA_VERSION}-runtime-ubuntu22.04
```

## Fix safety
No fix is offered: the suggestion is shown in the message.

## References
- https://docs.docker.com/reference/build-checks/undefined-arg-in-from/
- https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact
)md",
    .alias = "UndefinedArgInFrom",
};

class UndefinedArgInFrom final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kFrom || inst.args.empty()) return;
    size_t idx = bk::index_of(ctx, inst);
    if (idx == bk::kNoIndex) return;
    const BuildScope& scope = bk::scope_of(ctx, scope_);
    check_word(ctx, scope, idx, inst.args[0].text, inst.args[0], out);
    if (const Flag* f = inst.find_flag("platform"); f != nullptr && f->has_value) {
      check_word(ctx, scope, idx, ctx.source->slice(f->value_span), Word{f->value, f->value_span}, out);
    }
  }

 private:
  void check_word(const FileContext& ctx, const BuildScope& scope, size_t idx, std::string_view text,
                  const Word& word, Reporter& out) {
    ExpandOptions opts;
    opts.escape = ctx.dockerfile->escape;
    ExpandResult refs = find_references(text, opts);
    bool verbatim = ctx.source->slice(word.span) == text;
    for (const VarRef& ref : refs.refs) {
      if (ref.kind != VarRef::Kind::kNamed) continue;
      if (scope.find(idx, ref.name) != nullptr || BuildScope::is_automatic_arg(ref.name)) continue;
      if (ctx.options != nullptr && ctx.options->build_args.count(ref.name) != 0 &&
          BuildScope::is_predefined_arg(ref.name)) continue;
      std::string msg = "FROM argument '" + ref.name + "' is not declared";
      std::string hint = bk::suggest(ref.name, global_names(scope, idx));
      if (!hint.empty()) msg += " (did you mean " + hint + "?)";
      Span span = verbatim ? Span{word.span.begin + ref.name_begin, word.span.begin + ref.name_end} : word.span;
      Diagnostic& d = out.report(span, msg);
      d.notes.push_back("FROM lines only see ARGs declared before the first FROM");
    }
  }

  std::vector<std::string> global_names(const BuildScope& scope, size_t idx) const {
    std::vector<std::string> names;
    for (const VarBinding* b : scope.visible(idx)) names.push_back(b->name);
    return names;
  }

  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry bk009_undefined_arg_in_from() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UndefinedArgInFrom>()); }};
}

}  // namespace dockml::rules
