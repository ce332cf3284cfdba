// DL4006 pipefail: RUN has a pipe but the shell does not set -o pipefail
#include <string>
#include <string_view>
#include <vector>
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL4006",
    .name = "pipefail",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "RUN has a pipe but the shell does not set -o pipefail",
    .doc = R"md(## What it does
Reports the first pipeline (`a | b`) of a RUN when the SHELL in effect does not set
`-o pipefail` and the script does not run `set -o pipefail` before it. Pipelines inside `$(...)`
and inside `sh -c '...'` strings are not reported; non-POSIX shells (PowerShell, cmd) and
exec-form RUNs are skipped.

## Why it matters
A pipeline's status is that of its last command: `curl -fsSL URL | tar -xz` succeeds when the
download fails and tar sees an empty stream, so the build goes on with a broken image.

## Example
```dockerfile
FROM ubuntu:22.04
RUN curl -fsSL https://example.com/install.sh | bash
```

## Use instead
```dockerfile
FROM ubuntu:22.04
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/install.sh | bash
```

## Fix safety
An unsafe fix inserts `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (once per
stage). It is unsafe because every later RUN of the stage then runs under bash instead of `/bin/sh`
and fails when any pipeline element fails. It is not offered when the base image is Alpine or
BusyBox (no bash) or unknown (`FROM ${BASE}`), nor for ONBUILD triggers.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL4006.hs`
- bash(1): `set -o pipefail`
- hadolint issues #806 (heredocs)
- hadolint rule DL4006: https://github.com/hadolint/hadolint/wiki/DL4006
)md",
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool mentions_pipefail(const std::vector<std::string>& argv) {
  for (const std::string& a : argv)
    if (a.find("pipefail") != std::string::npos) return true;
  return false;
}

bool inside_word(const shell::ShellScript& s, const shell::ShellCommand& cmd) {
  for (const shell::ShellCommand& other : s.commands) {
    for (const auto* words : {&other.assignments, &other.argv})
      for (const shell::ShellWord& w : *words)
        if (w.span.begin < cmd.span.begin && cmd.span.end <= w.span.end) return true;
  }
  return false;
}

// True when the command directly follows `$(` or a backtick (a substitution the walker kept
// without its context bit, e.g. in an assignment-only command).
bool after_substitution(std::string_view text, uint32_t begin) {
  size_t i = begin;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  if (i >= 1 && text[i - 1] == '`') return true;
  return i >= 2 && text[i - 1] == '(' && text[i - 2] == '$';
}

class Pipefail final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind == InstructionKind::kFrom) {
      fixed_ = false;
      base_.clear();
      if (!inst.args.empty()) {
        base_ = lower(inst.args[0].text);
        auto it = stage_base_.find(base_);
        if (it != stage_base_.end()) base_ = it->second;
      }
      if (inst.args.size() >= 3 && lower(inst.args[1].text) == "as") stage_base_[lower(inst.args[2].text)] = base_;
      return;
    }
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    const shell::ShellScript& s = *rf->script;
    if (s.status != shell::ScriptStatus::kOk && s.status != shell::ScriptStatus::kTruncated) return;
    if (!shell::is_posix_shell(rf->shell) || mentions_pipefail(rf->shell)) return;
    uint32_t pipefail_at = UINT32_MAX;
    for (const shell::ShellCommand& cmd : s.commands) {
      if (cmd.name() == "set") {
        for (size_t i = 0; i < cmd.arg_count(); ++i)
          if (cmd.arg(i).value == "pipefail") pipefail_at = std::min(pipefail_at, cmd.logical_begin);
      }
    }
    for (size_t i = 0; i < s.commands.size(); ++i) {
      const shell::ShellCommand& cmd = s.commands[i];
      if (cmd.pipeline < 0 || cmd.pipeline_index != 0 || cmd.after != shell::Connector::kPipe) continue;
      if (cmd.has_context(shell::kInCommandSubstitution) || cmd.has_context(shell::kInShellC)) continue;
      if (inside_word(s, cmd) || after_substitution(ctx.source->text(), cmd.span.begin)) continue;
      if (pipefail_at < cmd.logical_begin) return;
      Span span = cmd.span;
      for (size_t j = i + 1; j < s.commands.size(); ++j)
        if (s.commands[j].pipeline == cmd.pipeline) span.end = std::max(span.end, s.commands[j].span.end);
      Diagnostic& d = out.report(span, "this pipeline's status is that of its last command: the shell `" + rf->shell[0] +
                                       "` runs it without `-o pipefail`, so a failure before the last `|` is ignored");
      if (!fixed_ && inst.kind == InstructionKind::kRun && base_known()) {
        std::string_view text = ctx.source->text();
        // Above the comments directly before the RUN, so ignore pragmas stay attached to it.
        uint32_t begin = inst.comments_before.empty() ? inst.span.begin : inst.comments_before.front().span.begin;
        size_t line_start = begin == 0 ? 0 : text.rfind('\n', begin - 1);
        line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
        std::string indent(text.substr(line_start, begin - line_start));
        if (indent.find_first_not_of(" \t") == std::string::npos) {
          std::string eol = text.substr(0, line_start).ends_with("\r\n") ? "\r\n" : "\n";
          std::string keyword = lower(inst.keyword) == inst.keyword ? "shell" : "SHELL";  // the file's casing
          d.fix = Fix{Applicability::kUnsafe, "Set SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before this RUN",
                      {Edit{Span{static_cast<uint32_t>(line_start), static_cast<uint32_t>(line_start)},
                            indent + keyword + " [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]" + eol}}};
          fixed_ = true;
        }
      }
      return;
    }
  }

 private:
  bool base_known() const {
    return !base_.empty() && base_.find('$') == std::string::npos && base_.find("alpine") == std::string::npos &&
           base_.find("busybox") == std::string::npos && base_ != "scratch" && base_.find("distroless") == std::string::npos;
  }
  std::string base_;
  std::map<std::string, std::string> stage_base_;
  bool fixed_ = false;
};

}  // namespace

RuleEntry dl4006_pipefail() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<Pipefail>()); }};
}

}  // namespace dockml::rules
