#include "rules/hadolint/run_facts.h"

#include <cctype>
#include <map>
#include <memory>
#include <unordered_map>

#include "analyzer/dockerfile/scope.h"
#include "analyzer/model/image_model.h"
#include "analyzer/shell/recognize.h"

namespace dockml::rules::hl {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Parsed {
  RunFacts view;
  shell::ShellScript script;
  InstallFacts facts;
};

// One file's RUNs. Keyed by the engine's lint id (and the source, held so its address is not
// reused, plus the AST for callers without an engine). RUNs the image model already parsed
// are borrowed from it (ctx.model->run_at / onbuild_run_at); only without a model is a RUN
// parsed here.
struct FileCache {
  uint64_t lint_id = 0;
  SourcePtr source;
  const Dockerfile* dockerfile = nullptr;
  std::unordered_map<const Instruction*, std::unique_ptr<Parsed>> runs;
};

thread_local FileCache cache;

// With the engine's image model every RUN (and ONBUILD RUN) is already parsed, with the SHELL
// it runs under: borrow them, nothing is recomputed.
void borrow_from_model(const FileContext& ctx) {
  const Dockerfile& df = *ctx.dockerfile;
  for (size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& inst = df.instructions[i];
    const Instruction* run = as_run(inst);
    if (run == nullptr || run->has_parse_error) continue;
    const RunAnalysis* analysed = run == &inst ? ctx.model->run_at(i) : ctx.model->onbuild_run_at(i);
    if (analysed == nullptr) continue;
    auto parsed = std::make_unique<Parsed>();
    parsed->view = RunFacts{run, &analysed->script, &analysed->facts, analysed->shell};
    cache.runs.emplace(&inst, std::move(parsed));
  }
}

// Without a model (rules driven directly, e.g. by tools): parse each RUN here, tracking SHELL
// per stage (FROM <stage> starts from that stage's SHELL).
void parse_without_model(const FileContext& ctx) {
  const Dockerfile& df = *ctx.dockerfile;
  BuildScope scope = BuildScope::compute(df);
  std::vector<std::string> shell_argv = {"/bin/sh", "-c"};
  std::map<std::string, std::vector<std::string>> stage_shell;  // stage name -> final SHELL
  std::string stage_name;
  for (size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& inst = df.instructions[i];
    if (inst.kind == InstructionKind::kFrom) {
      if (!stage_name.empty()) stage_shell[stage_name] = shell_argv;
      shell_argv = {"/bin/sh", "-c"};
      stage_name.clear();
      if (!inst.args.empty()) {
        auto it = stage_shell.find(lower(inst.args[0].text));
        if (it != stage_shell.end()) shell_argv = it->second;
      }
      if (inst.args.size() >= 3 && lower(inst.args[1].text) == "as") stage_name = lower(inst.args[2].text);
      continue;
    }
    if (inst.kind == InstructionKind::kShell && inst.json_form && !inst.args.empty()) {
      shell_argv.clear();
      for (const Word& w : inst.args) shell_argv.push_back(w.text);
      continue;
    }
    const Instruction* run = as_run(inst);
    if (run == nullptr || run->has_parse_error) continue;
    auto parsed = std::make_unique<Parsed>();
    auto lookup = scope.lookup_at(i);
    shell::ShellOptions options;
    options.shell = shell_argv;
    options.vars = &lookup;
    parsed->script = shell::parse_run(*run, *ctx.source, options);
    parsed->facts = shell::recognize(parsed->script, ctx.source);
    parsed->view = RunFacts{run, &parsed->script, &parsed->facts, shell_argv};
    cache.runs.emplace(&inst, std::move(parsed));
  }
}

void parse_all(const FileContext& ctx) {
  cache = FileCache{};
  cache.lint_id = ctx.lint_id;
  cache.source = ctx.source;
  cache.dockerfile = ctx.dockerfile;
  if (ctx.model != nullptr) borrow_from_model(ctx);
  else parse_without_model(ctx);
}

bool is_parent_or_same(std::string_view parent, std::string_view path) {
  while (parent.size() > 1 && parent.back() == '/') parent.remove_suffix(1);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (parent == path) return true;
  if (parent == "/") return path.starts_with("/");
  return path.size() > parent.size() && path.starts_with(parent) && path[parent.size()] == '/';
}

// "~/.cache/pip" and "/root/.cache/pip" or "/home/u/.cache/pip" are the same for our purpose.
std::string home_relative(std::string_view p) {
  if (p.starts_with("~/")) return std::string(p.substr(1));
  if (p.starts_with("/root/")) return std::string(p.substr(5));
  if (p.starts_with("/home/")) {
    size_t slash = p.find('/', 6);
    if (slash != std::string_view::npos) return std::string(p.substr(slash));
  }
  return {};
}

}  // namespace

const Instruction* as_run(const Instruction& inst) {
  if (inst.kind == InstructionKind::kRun) return &inst;
  if (inst.kind == InstructionKind::kOnbuild && inst.trigger && inst.trigger->kind == InstructionKind::kRun)
    return inst.trigger.get();
  return nullptr;
}

const RunFacts* run_facts(const FileContext& ctx, const Instruction& inst) {
  if (ctx.dockerfile == nullptr || ctx.source == nullptr || as_run(inst) == nullptr) return nullptr;
  if (cache.lint_id != ctx.lint_id || cache.source != ctx.source || cache.dockerfile != ctx.dockerfile)
    parse_all(ctx);
  auto it = cache.runs.find(&inst);
  return it == cache.runs.end() ? nullptr : &it->second->view;
}

std::vector<Mount> mounts(const Instruction& run) {
  std::vector<Mount> out;
  for (const Flag& f : run.flags) {
    if (f.name != "mount") continue;
    Mount m{"bind", ""};
    std::string_view v = f.value;
    while (!v.empty()) {
      size_t comma = v.find(',');
      std::string_view part = v.substr(0, comma);
      v = comma == std::string_view::npos ? std::string_view{} : v.substr(comma + 1);
      size_t eq = part.find('=');
      std::string key = lower(part.substr(0, eq));
      std::string_view value = eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1);
      if (key == "type") m.type = lower(value);
      else if (key == "target" || key == "dst" || key == "destination") m.target = std::string(value);
    }
    out.push_back(std::move(m));
  }
  return out;
}

bool cache_mount_covers(const Instruction& run, std::string_view path, bool or_below) {
  std::string path_home = home_relative(path);
  for (const Mount& m : mounts(run)) {
    if ((m.type != "cache" && m.type != "tmpfs") || m.target.empty()) continue;
    if (is_parent_or_same(m.target, path) || (or_below && is_parent_or_same(path, m.target))) return true;
    std::string target_home = home_relative(m.target);
    if (!path_home.empty() && !target_home.empty() &&
        (is_parent_or_same(target_home, path_home) || (or_below && is_parent_or_same(path_home, target_home))))
      return true;
  }
  return false;
}

bool removes_dir(const InstallFacts& facts, std::string_view dir) {
  for (const RemovedPath& r : facts.removed_paths) {
    std::string_view p = r.path;
    if (p.ends_with("/*")) p.remove_suffix(2);
    if (is_parent_or_same(p, dir)) return true;
  }
  return false;
}

const shell::ShellWord* find_arg(const shell::ShellCommand& cmd, std::string_view value) {
  for (size_t i = 0; i < cmd.arg_count(); ++i)
    if (cmd.arg(i).value == value) return &cmd.arg(i);
  return nullptr;
}

namespace {

// True when the shell text holds a comment (`#` starting a word outside quotes): text appended
// after it would be commented out.
bool has_shell_comment(std::string_view text) {
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote == '\'') {
      if (c == '\'') quote = 0;
    } else if (c == '\\') {
      ++i;
    } else if (quote == '"') {
      if (c == '"') quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || std::string_view(" \t\n;&|()").find(text[i - 1]) != std::string_view::npos)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Edit> append_command(const FileContext& ctx, const Instruction& run, std::string_view command) {
  if (run.json_form || !run.heredocs.empty() || ctx.source == nullptr || ctx.dockerfile == nullptr) return std::nullopt;
  std::string_view logical = run.rest.text;
  if (has_shell_comment(logical)) return std::nullopt;
  size_t n = logical.size();
  while (n > 0 && std::isspace(static_cast<unsigned char>(logical[n - 1]))) --n;
  if (n == 0 || std::string_view(";&|\\`").find(logical[n - 1]) != std::string_view::npos) return std::nullopt;
  uint32_t at = run.rest.source_offset(static_cast<uint32_t>(n - 1)) + 1;
  std::string_view text = ctx.source->text();
  if (at > text.size()) return std::nullopt;
  std::string escape(1, ctx.dockerfile->escape);
  if (run.start_line == run.end_line) return Edit{Span{at, at}, " && " + std::string(command)};
  size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  size_t indent_end = line_start;
  while (indent_end < at && (text[indent_end] == ' ' || text[indent_end] == '\t')) ++indent_end;
  std::string indent(text.substr(line_start, indent_end - line_start));
  bool leading = text.substr(indent_end, at - indent_end).starts_with("&&");
  std::string eol = text.substr(0, line_start).ends_with("\r\n") ? "\r\n" : "\n";
  if (leading) return Edit{Span{at, at}, " " + escape + eol + indent + "&& " + std::string(command)};
  return Edit{Span{at, at}, " && " + escape + eol + indent + std::string(command)};
}

}  // namespace dockml::rules::hl
