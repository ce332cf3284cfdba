// DL3000 absolute-workdir: WORKDIR with a relative path.
#include <string>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3000",
    .name = "absolute-workdir",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Use absolute WORKDIR",
    .doc = R"md(## What it does
Reports a `WORKDIR` whose path is relative (does not start with `/`, a variable, or a Windows
drive letter).

## Why it matters
A relative WORKDIR is resolved against the previous WORKDIR, which may come from the base
image and change with it; an absolute path says where the files go.

## Example
```dockerfile
FROM python:3.11-slim
WORKDIR app
```

## Use instead
```dockerfile
FROM python:3.11-slim
WORKDIR /app
```

## Fix safety
When an earlier WORKDIR of the same stage gives the directory, the fix joins both paths
(unsafe: it is the same directory, but review it). Otherwise the fix prefixes `/`, also
unsafe: the base image's WORKDIR is unknown (most images use `/`, NGC images `/workspace`), so
the result may be another directory and files may move.

## References
- hadolint DL3000: https://github.com/hadolint/hadolint/wiki/DL3000
- Dockerfile reference, WORKDIR: https://docs.docker.com/reference/dockerfile/#workdir
)md",
};

bool is_absolute(const std::string& p) {
  if (p.empty()) return true;
  if (p[0] == '/' || p[0] == '$' || p[0] == '\\') return true;
  return p.size() >= 2 && p[1] == ':' && ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'));
}

std::string join(std::string base, const std::string& rel) {
  if (rel == ".") return base;
  if (!base.ends_with('/')) base += '/';
  std::string r = rel.starts_with("./") ? rel.substr(2) : rel;
  return base + r;
}

class AbsoluteWorkdir final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind == InstructionKind::kFrom) {
      current_.clear();
      return;
    }
    if (inst.kind != InstructionKind::kWorkdir || inst.args.empty() || inst.has_parse_error) return;
    const Word& w = inst.args[0];
    std::string path = dl::unquote(w.text);
    if (is_absolute(path)) {
      current_ = path.find('$') == std::string::npos && path[0] == '/' ? path : std::string();
      return;
    }
    bool verbatim = ctx.source && ctx.source->slice(w.span) == w.text && w.text == path &&
                    dl::index_of(ctx, inst) != kNoInstruction;
    if (!current_.empty()) {
      std::string abs = join(current_, path);
      Diagnostic& d = out.report(
          w.span, fmt::format("WORKDIR `{}` is relative: it resolves against the previous WORKDIR to `{}`; "
                              "write the absolute path",
                              path, abs));
      if (verbatim) d.fix = Fix{Applicability::kUnsafe, fmt::format("Use the absolute path {}", abs), {{w.span, abs}}};
      current_ = abs;
      return;
    }
    Diagnostic& d = out.report(
        w.span, fmt::format("WORKDIR `{}` is relative: it resolves against the base image's WORKDIR, "
                            "which this file does not set; use an absolute path",
                            path));
    std::string abs = join("/", path);
    if (verbatim) d.fix = Fix{Applicability::kUnsafe, fmt::format("Use {}", abs), {{w.span, abs}}};
  }

 private:
  std::string current_;  // known absolute WORKDIR of the current stage ("" when unknown)
};

}  // namespace

RuleEntry dl3000_absolute_workdir() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<AbsoluteWorkdir>()); }};
}

}  // namespace dockml::rules
