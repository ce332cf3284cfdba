// DL3025 json-notation-cmd: CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "analyzer/fix/exec_form.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3025",
    .name = "json-notation-cmd",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Use arguments JSON notation for CMD, ENTRYPOINT and HEALTHCHECK arguments",
    .doc = R"md(## What it does
Reports `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD` written in shell form instead of the JSON
exec form (`["executable", "arg"]`). `HEALTHCHECK NONE` is not reported.

## Why it matters
In shell form the command runs as a child of `/bin/sh -c`: the process does not get PID 1,
does not receive `SIGTERM` on `docker stop` (the container is killed after the timeout), and
an ENTRYPOINT in shell form ignores the CMD and `docker run` arguments.

## Example
```dockerfile
CMD python serve.py --port 8080
```

## Use instead
```dockerfile
CMD ["python", "serve.py", "--port", "8080"]
```

## Fix safety
Unsafe, and offered only when the command is plain words on one line (no variables, quotes,
globs, redirections, operators or other shell syntax, no shell builtin first, no `SHELL`
earlier in the file): the exec form changes which process receives signals, and an
`ENTRYPOINT` in exec form receives `CMD` as arguments where the shell form ignored them. A
leading `exec` is dropped.

## References
- hadolint DL3025: https://github.com/hadolint/hadolint/wiki/DL3025
- Dockerfile reference, shell and exec form: https://docs.docker.com/reference/dockerfile/#shell-and-exec-form
)md",
};

class JsonNotationCmd final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind == InstructionKind::kShell) shell_seen_ = true;
    if (inst.has_parse_error || inst.json_form) return;
    std::string what;
    if (inst.kind == InstructionKind::kCmd || inst.kind == InstructionKind::kEntrypoint) {
      if (inst.rest.text.empty()) return;
      what = inst.keyword;
    } else if (inst.kind == InstructionKind::kHealthcheck) {
      if (inst.args.size() < 2 || dl::lower(inst.args[0].text) != "cmd") return;
      what = inst.keyword + " " + inst.args[0].text;
    } else {
      return;
    }
    for (char& c : what) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    Diagnostic& d = out.report(
        inst.keyword_span,
        fmt::format("{} in shell form runs under `/bin/sh -c`, so the process does not get "
                    "signals like SIGTERM; use the JSON exec form [\"executable\", \"arg\"]",
                    what));
    // The command's text and source: `rest` for CMD/ENTRYPOINT, the word after CMD for HEALTHCHECK.
    bool healthcheck = inst.kind == InstructionKind::kHealthcheck;
    std::string_view command = healthcheck ? std::string_view(inst.args[1].text) : std::string_view(inst.rest.text);
    Span span = healthcheck ? inst.args[1].span
                            : inst.rest.to_source(0, static_cast<uint32_t>(inst.rest.text.size()));
    if (shell_seen_ || inst.start_line != inst.end_line || ctx.source == nullptr ||
        ctx.source->slice(span) != command)
      return;
    if (auto json = exec_form_json(command))
      d.fix = Fix{Applicability::kUnsafe, "Use the exec form " + *json, {{span, *json}}};
  }

 private:
  bool shell_seen_ = false;  // a SHELL earlier in the file: the shell form may not run /bin/sh
};

}  // namespace

RuleEntry dl3025_json_notation_cmd() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<JsonNotationCmd>()); }};
}

}  // namespace dockml::rules
