// BK019 copy-ignored-file (BuildKit CopyIgnoredFile): COPY/ADD of a context path that the
// .dockerignore excludes.
#include <filesystem>
#include <optional>
#include <string>

#include "analyzer/dockerfile/expand.h"
#include "analyzer/engine/options.h"
#include "analyzer/engine/rule.h"
#include "rules/buildkit/bk_util.h"
#include "rules/buildkit/dockerignore.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "BK019",
    .name = "copy-ignored-file",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Attempting to Copy file that is excluded by .dockerignore",
    .doc = R"md(## What it does
Reads the ignore file of the build, `<Dockerfile>.dockerignore` next to the Dockerfile when it
exists, else `.dockerignore` at the root of the build context (`--context`, default: the
Dockerfile's folder), and reports each `COPY`/`ADD` source from the context (no `--from`, no
URL, no heredoc) that it excludes (BuildKit's `CopyIgnoredFile` check). Patterns follow
Docker's rules: `*`, `?`, `[...]`, `**`, `!` exceptions, the last matching pattern wins, and
excluding a directory excludes everything in it. Sources with wildcards, `.` and sources that
depend on unknown variables are not checked.

## Why it matters
An excluded file is not sent to the builder: the build fails with "not found" or, for a
directory, silently copies less than expected (model configs, tokenizer files).

## Example
```dockerfile
# .dockerignore contains: models/
COPY models/tokenizer.json /app/models/
```

## Use instead
Remove the file from `.dockerignore` (or add a `!models/tokenizer.json` exception), or stop
copying it.

## Fix safety
No fix is offered: which of the two is wrong is not known.

## References
- https://docs.docker.com/reference/build-checks/copy-ignored-file/
- https://docs.docker.com/build/concepts/context/#dockerignore-files
)md",
    .alias = "CopyIgnoredFile",
};

bool has_glob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool is_remote(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("git@") ||
         s.starts_with("git://") || s.find(".git#") != std::string_view::npos;
}

class CopyIgnoredFile final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    if (inst.kind != InstructionKind::kCopy && inst.kind != InstructionKind::kAdd) return;
    if (inst.find_flag("from") != nullptr || !inst.heredocs.empty() || inst.args.size() < 2) return;
    size_t idx = bk::index_of(ctx, inst);
    if (idx == bk::kNoIndex) return;
    const DockerIgnore* ignore = load(ctx);
    if (ignore == nullptr || ignore->patterns().empty()) return;
    const BuildScope& scope = bk::scope_of(ctx, scope_);
    for (size_t i = 0; i + 1 < inst.args.size(); ++i) {
      const Word& src = inst.args[i];
      ExpandResult r = expand_word(src.text, scope.lookup_at(idx), ctx.dockerfile->escape);
      if (!r.ok() || !r.exact || has_glob(r.value) || is_remote(r.value)) continue;
      std::optional<std::string> path = clean_context_path(r.value);
      if (!path || path->empty()) continue;
      const DockerIgnore::Pattern* p = ignore->excluding(*path);
      if (p == nullptr) continue;
      std::string verb = inst.kind == InstructionKind::kCopy ? "Copy" : "Add";
      Diagnostic& d = out.report(src.span, "Attempting to " + verb + " file \"" + r.value +
                                               "\" that is excluded by " + ignore_name_);
      d.notes.push_back(ignore_name_ + " line " + std::to_string(p->line) + ": `" + p->text +
                        "` excludes it");
    }
  }

 private:
  const DockerIgnore* load(const FileContext& ctx) {
    if (loaded_) return ignore_ ? &*ignore_ : nullptr;
    loaded_ = true;
    namespace fs = std::filesystem;
    std::string path = ctx.source ? ctx.source->path() : std::string();
    std::error_code ec;
    if (!path.empty() && path != "-") {
      std::string specific = path + ".dockerignore";
      if (fs::is_regular_file(specific, ec)) {
        ignore_ = DockerIgnore::load(specific);
        ignore_name_ = fs::path(specific).filename().string();
        if (ignore_) return &*ignore_;
      }
    }
    std::string context = ctx.options != nullptr ? ctx.options->context_dir : std::string();
    if (context.empty()) {
      if (path.empty() || path == "-") return nullptr;
      fs::path parent = fs::path(path).parent_path();
      context = parent.empty() ? "." : parent.string();
    }
    fs::path common = fs::path(context) / ".dockerignore";
    if (!fs::is_regular_file(common, ec)) return nullptr;
    ignore_ = DockerIgnore::load(common.string());
    ignore_name_ = ".dockerignore";
    return ignore_ ? &*ignore_ : nullptr;
  }

  bool loaded_ = false;
  std::optional<DockerIgnore> ignore_;
  std::string ignore_name_;
  std::optional<BuildScope> scope_;
};

}  // namespace

RuleEntry bk019_copy_ignored_file() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<CopyIgnoredFile>()); }};
}

}  // namespace dockml::rules
