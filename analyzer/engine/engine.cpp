#include "analyzer/engine/engine.h"

#include <atomic>

#include <fmt/format.h>

#include "analyzer/compose/compose_model.h"
#include "analyzer/dockerfile/parser.h"
#include "analyzer/dockerfile/validate.h"
#include "analyzer/engine/file_kind.h"
#include "analyzer/engine/selection.h"
#include "analyzer/engine/suppression.h"
#include "analyzer/engine/twins.h"
#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/image_model.h"
#include "analyzer/yaml/yaml.h"
#include "rules/hadolint/shellcheck.h"

namespace dockml {

namespace {

const RuleMeta& df001_meta() {
  static const RuleMeta* meta = [] {
    const RuleEntry* e = find_rule("DF001");
    return e ? e->meta : nullptr;
  }();
  static const RuleMeta fallback{"DF001", "parse-error", Severity::kError, true,
                                 FixAvailability::kNone, "", ""};
  return meta ? *meta : fallback;
}

// One DF001 for input that is not UTF-8 text; false when the text is fine.
bool report_not_text(const SourceFile& file, Reporter& df001) {
  std::string_view text = file.text();
  size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    uint32_t at = static_cast<uint32_t>(nul);
    df001.report(Span{at, at + 1},
                 fmt::format("binary file: NUL byte at byte offset {}; expected UTF-8 text, "
                             "the file is not linted", at));
    return true;
  }
  if (auto bad = first_invalid_utf8(text)) {
    df001.report(Span{*bad, *bad + 1},
                 fmt::format("invalid UTF-8: byte 0x{:02X} at byte offset {}; expected UTF-8 "
                             "text, the file is not linted",
                             static_cast<unsigned char>(text[*bad]), *bad));
    return true;
  }
  return false;
}

// Model notes (unreadable requirement files, ...) as DF003 info diagnostics.
void report_model_notes(const ImageModel& model, const SourcePtr& source,
                        std::vector<Diagnostic>& diags) {
  if (model.notes.empty()) return;
  const RuleEntry* e = find_rule("DF003");
  if (!e) return;
  Reporter df003(*e->meta, source, diags);
  for (const ModelNote& n : model.notes) {
    if (n.where.source && n.where.source != source) df003.report_in(n.where.source, n.where.span, n.message);
    else df003.report(n.where.span, n.message);
  }
}

void walk(const Instruction& inst, const FileContext& ctx, std::vector<std::unique_ptr<Rule>>& rules,
          std::vector<Reporter>& reporters) {
  for (size_t i = 0; i < rules.size(); ++i) rules[i]->check_instruction(ctx, inst, reporters[i]);
  if (inst.trigger) walk(*inst.trigger, ctx, rules, reporters);  // ONBUILD trigger after ONBUILD
}

}  // namespace

LintResult lint_source(SourcePtr source, const LintOptions& options, std::optional<FileKind> kind) {
  LintResult result;
  result.source = source;
  result.options = std::make_shared<const LintOptions>(options);
  result.kind = kind ? *kind : detect_kind(source->path(), source->text());
  std::vector<Diagnostic>& diags = result.diagnostics;
  Reporter df001(df001_meta(), source, diags);

  if (report_not_text(*source, df001)) {
    finalize_diagnostics(diags, options);
    return result;
  }

  static std::atomic<uint64_t> next_lint_id{1};
  FileContext ctx;
  ctx.lint_id = next_lint_id.fetch_add(1, std::memory_order_relaxed);
  ctx.source = source;
  ctx.kind = result.kind;
  ctx.options = &options;

  std::shared_ptr<Dockerfile> df;
  if (result.kind == FileKind::kDockerfile) {
    df = std::make_shared<Dockerfile>(parse_dockerfile(source));
    for (const ParseError& e : df->errors) df001.report(e.span, e.message);           // L1
    for (const ParseError& e : validate_instructions(*df)) df001.report(e.span, e.message);  // L2
    ctx.dockerfile = df.get();
  }
  result.dockerfile = df;

  // The image model of the Dockerfile (built once; every RUN parsed here is shared by all rules).
  const KnowledgeBase& kb = options.kb ? *options.kb : KnowledgeBase::builtin();
  ctx.kb = &kb;
  std::shared_ptr<ImageModel> model;
  if (df) {
    model = build_image_model(*df, options, kb);
    ctx.model = model.get();
    report_model_notes(*model, source, diags);
  }
  result.model = model;

  // Compose files and Kubernetes manifests: YAML errors are DF001 (with their position; the
  // rest of the file is still modelled), Dockerfiles not found for `build:` are DF003 notes.
  std::unique_ptr<ComposeModel> compose;
  std::optional<yaml::Stream> yaml_stream;
  if (result.kind == FileKind::kCompose || result.kind == FileKind::kKubernetes) {
    yaml_stream = yaml::parse_yaml(source);
    for (const yaml::Error& e : yaml_stream->errors) df001.report(e.span, e.message);
    compose = build_compose_model(*yaml_stream, result.kind == FileKind::kKubernetes, options, kb);
    ctx.compose = compose.get();
    if (const RuleEntry* e = find_rule("DF003"); e && !compose->notes.empty()) {
      Reporter df003(*e->meta, source, diags);
      for (const ComposeNote& n : compose->notes) df003.report(n.span, n.message);
    }
  }

  RuleSelection selection(options);
  std::vector<std::unique_ptr<Rule>> rules;
  std::vector<Reporter> reporters;
  for (const RuleEntry* entry : selection.enabled_rules()) {
    rules.push_back(entry->create());
    reporters.emplace_back(*entry->meta, source, diags);
  }
  if (df) {
    for (const Instruction& inst : df->instructions) walk(inst, ctx, rules, reporters);
  }
  for (size_t i = 0; i < rules.size(); ++i) rules[i]->finish(ctx, reporters[i]);
  // Optional ShellCheck on RUN (--shellcheck): SCxxxx findings, nothing when it is not installed.
  if (df && options.shellcheck && rules::hl::shellcheck_selected(options)) rules::hl::run_shellcheck(ctx, diags);

  // One finding per DL/BK twin pair, then inline suppressions (and DF002 for unused ones).
  // .dockml.yaml is applied by the caller (config::effective_options) before lint_source.
  drop_twin_duplicates(diags, df.get(), options);
  if (df) apply_inline_suppressions(*df, options, diags);

  finalize_diagnostics(diags, options);
  return result;
}

}  // namespace dockml
