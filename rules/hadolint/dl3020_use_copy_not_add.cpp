// DL3020 use-copy-not-add: ADD used for plain local files or folders.
#include <array>
#include <string_view>

#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/hadolint/dl_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DL3020",
    .name = "use-copy-not-add",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "Use COPY instead of ADD for files and folders",
    .doc = R"md(## What it does
Reports an `ADD` whose sources are all plain local paths: no URL, no git repository, no
archive (`.tar`, `.tar.gz`, `.tgz`, `.zip`, ...), no variable, and no ADD-only flag
(`--checksum`, `--keep-git-dir`, `--unpack`).

## Why it matters
`ADD` also downloads URLs and unpacks local archives. Using it for plain files hides those
behaviours from readers and surprises when a file later turns out to be an archive; `COPY`
does only what it says.

## Example
```dockerfile
ADD requirements.txt /app/
```

## Use instead
```dockerfile
COPY requirements.txt /app/
```

## Fix safety
Safe: replaces the keyword `ADD` by `COPY` (same case) when no source is a URL or an archive by
name and no ADD-only flag is used; `--chown`, `--chmod`, `--link` and `--exclude` mean the same
for COPY. Not offered in `ONBUILD` triggers.

## References
- hadolint DL3020: https://github.com/hadolint/hadolint/wiki/DL3020
- Dockerfile reference, ADD and COPY: https://docs.docker.com/reference/dockerfile/#add
)md",
};

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && dl::lower(s.substr(s.size() - suffix.size())) == suffix;
}

bool is_remote_or_special(std::string_view src) {
  std::string l = dl::lower(src);
  return l.find("://") != std::string::npos || l.starts_with("git@") || l.find('$') != std::string::npos;
}

bool is_archive(std::string_view src) {
  static constexpr std::array<std::string_view, 17> kExt = {
      ".tar", ".gz", ".bz2", ".xz", ".zip", ".tgz", ".tb2", ".tbz", ".tbz2", ".lz",
      ".lzma", ".tlz", ".txz", ".z", ".tz", ".zst", ".7z"};
  for (std::string_view e : kExt)
    if (ends_with_ci(src, e)) return true;
  return false;
}

class UseCopyNotAdd final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kAdd || inst.has_parse_error || !inst.heredocs.empty()) return;
    if (inst.args.size() < 2) return;
    for (const Flag& f : inst.flags)
      if (f.name == "checksum" || f.name == "keep-git-dir" || f.name == "unpack") return;
    for (size_t i = 0; i + 1 < inst.args.size(); ++i) {
      std::string src = dl::unquote(inst.args[i].text);
      if (is_remote_or_special(src) || is_archive(src)) return;
    }
    std::string sources;
    for (size_t i = 0; i + 1 < inst.args.size(); ++i) {
      if (!sources.empty()) sources += ", ";
      sources += "`" + inst.args[i].text + "`";
    }
    Diagnostic& d = out.report(
        inst.keyword_span,
        fmt::format("ADD of local {} {}: COPY does the same without ADD's URL download and archive "
                    "unpacking",
                    inst.args.size() > 2 ? "paths" : "path", sources));
    if (dl::index_of(ctx, inst) == kNoInstruction) return;  // ONBUILD trigger
    bool lower_kw = dl::lower(inst.keyword) == inst.keyword;
    d.fix = Fix{Applicability::kSafe, "Replace ADD with COPY", {{inst.keyword_span, lower_kw ? "copy" : "COPY"}}};
  }
};

}  // namespace

RuleEntry dl3020_use_copy_not_add() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<UseCopyNotAdd>()); }};
}

}  // namespace dockml::rules
