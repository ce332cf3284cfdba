// DL3010 use-add-for-archives: A local archive is COPYed and then extracted; ADD extracts it
#include <string>
#include <string_view>
#include <vector>
#include <utility>
#include "analyzer/engine/rule.h"
#include "rules/hadolint/run_facts.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3010",
    .name = "use-add-for-archives",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A local archive is COPYed and then extracted; ADD extracts it",
    .doc = R"md(## What it does
Reports a `tar -x` in RUN whose archive is a file that a `COPY` of the same stage brought in from
the build context (matched by file name; `.tar`, `.tar.gz`/`.tgz`, `.tar.bz2`/`.tbz2`,
`.tar.xz`/`.txz`). ZIP files are not reported: ADD does not extract them.

## Why it matters
`COPY` + `tar -x` keeps the archive in a layer of its own, even when a later step deletes it;
`ADD archive.tar.gz /dest/` extracts local tar archives in one step and keeps only the files.

## Example
```dockerfile
FROM debian:12
COPY vendor.tar.gz /tmp/
RUN tar -xzf /tmp/vendor.tar.gz -C /opt && rm /tmp/vendor.tar.gz
```

## Use instead
```dockerfile
FROM debian:12
ADD vendor.tar.gz /opt/
```

## Fix safety
No fix is offered: ADD extracts into the destination directory, which may differ from the RUN's `-C`.

## References
- hadolint 2.15 source, `src/Hadolint/Rule/DL3010.hs`
- Dockerfile reference, ADD: "If <src> is a local tar archive ... it is unpacked as a directory"
- hadolint rule DL3010: https://github.com/hadolint/hadolint/wiki/DL3010
)md",
};

constexpr std::string_view kArchiveExt[] = {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz"};

std::string_view base_name(std::string_view p) {
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

bool is_archive(std::string_view p) {
  for (std::string_view e : kArchiveExt)
    if (p.size() > e.size() && p.ends_with(e)) return true;
  return false;
}

bool extracts(const shell::ShellCommand& cmd) {
  for (size_t i = 0; i < cmd.arg_count(); ++i) {
    std::string_view v = cmd.arg(i).value;
    if (v == "--extract" || v == "--get") return true;
    if (v.size() > 1 && v[0] == '-' && v[1] != '-' && v.find('x') != std::string_view::npos) return true;
    if (i == 0 && !v.empty() && v[0] != '-' && v.find('x') != std::string_view::npos && v.find_first_of("./") == std::string_view::npos) return true;
  }
  return false;
}

class UseAddForArchives final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind == InstructionKind::kFrom) copied_.clear();
    if (inst.kind == InstructionKind::kCopy && inst.find_flag("from") == nullptr && inst.args.size() >= 2) {
      for (size_t i = 0; i + 1 < inst.args.size(); ++i)
        if (is_archive(inst.args[i].text)) copied_.emplace_back(std::string(base_name(inst.args[i].text)), inst.start_line + 1);
      return;
    }
    if (copied_.empty()) return;
    const hl::RunFacts* rf = hl::run_facts(ctx, inst);
    if (rf == nullptr) return;
    for (const shell::ShellCommand& cmd : rf->script->commands) {
      if (cmd.name() != "tar" || !extracts(cmd)) continue;
      for (size_t i = 0; i < cmd.arg_count(); ++i) {
        std::string_view name = base_name(cmd.arg(i).value);
        for (const auto& [file, line] : copied_) {
          if (name != file) continue;
          out.report(cmd.arg(i).span, "`" + file + "` was copied in by COPY on line " + std::to_string(line) +
                                      " and is extracted here; `ADD " + file + " <dest>/` extracts it without keeping the archive in a layer");
        }
      }
    }
  }

 private:
  std::vector<std::pair<std::string, uint32_t>> copied_;
};

}  // namespace

RuleEntry dl3010_use_add_for_archives() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UseAddForArchives>()); }};
}

}  // namespace dockml::rules
