// parse_run/parse_shell entry points, SHELL handling and command-name helpers.
#include <algorithm>
#include <cctype>

#include "analyzer/shell/internal.h"
#include "analyzer/shell/parse_cache.h"

namespace dockml::shell {

using detail::base_name;

std::string_view connector_text(Connector c) {
  switch (c) {
    case Connector::kNone: return "";
    case Connector::kSequence: return ";";
    case Connector::kAnd: return "&&";
    case Connector::kOr: return "||";
    case Connector::kPipe: return "|";
    case Connector::kBackground: return "&";
  }
  return "";
}

std::string_view ShellCommand::name() const {
  return argv.size() > program ? base_name(argv[program].value) : std::string_view();
}

Span ShellScript::to_source(uint32_t logical_begin, uint32_t logical_end) const {
  return detail::map_range(segments_, logical_begin, logical_end);
}

Span ShellScript::value_span(const ShellWord& word, uint32_t b, uint32_t e) const {
  if (b > e || e > word.value.size()) return word.span;
  if (word.value_shift < 0) {
    // A literal prefix shared by the raw text and the value (`torch==` of
    // `torch==${V}`) still maps byte for byte.
    if (e > word.raw.size() || word.raw.compare(0, e, word.value, 0, e) != 0) return word.span;
    for (uint32_t i = 0; i < e; ++i) {
      char c = word.raw[i];
      if (c == '\'' || c == '"' || c == '\\' || c == '$' || c == '`') return word.span;
    }
    return to_source(word.logical_begin + b, word.logical_begin + e);
  }
  uint32_t start = word.logical_begin + static_cast<uint32_t>(word.value_shift);
  return to_source(start + b, start + e);
}

namespace {

// The NAME of a `NAME=value` word ("" when the word is not an assignment).
std::string_view assigned_name(const ShellWord& w) {
  std::string_view v = w.value;
  size_t eq = v.find('=');
  if (eq == 0 || eq == std::string_view::npos) return {};
  for (size_t i = 0; i < eq; ++i) {
    char c = v[i];
    bool ok = c == '_' || std::isalpha(static_cast<unsigned char>(c)) ||
              (i > 0 && std::isdigit(static_cast<unsigned char>(c)));
    if (!ok) return {};
  }
  return v.substr(0, eq);
}

}  // namespace

std::vector<const ShellWord*> ShellScript::environment_of(const ShellCommand& cmd) const {
  std::vector<const ShellWord*> out;
  for (const ShellExport& e : exports) {
    if (e.logical_end <= cmd.logical_begin && e.scope_begin <= cmd.logical_begin &&
        cmd.logical_end <= e.scope_end)
      out.push_back(&e.word);
  }
  // `env [-i] NAME=value ... program`: the assignments between `env` and the program.
  bool in_env = false;
  for (uint32_t i = 0; i < cmd.program && i < cmd.argv.size(); ++i) {
    const ShellWord& w = cmd.argv[i];
    if (base_name(w.value) == "env") {
      in_env = true;
    } else if (in_env && !assigned_name(w).empty()) {
      out.push_back(&w);
    } else if (in_env && w.value.starts_with("-")) {
      if (w.value == "-u" || w.value == "-C" || w.value == "-S") ++i;  // takes an argument
    } else {
      in_env = false;
    }
  }
  for (const ShellWord& a : cmd.assignments) out.push_back(&a);
  return out;
}

const ShellWord* ShellScript::env_word(const ShellCommand& cmd, std::string_view name) const {
  std::vector<const ShellWord*> env = environment_of(cmd);
  for (auto it = env.rbegin(); it != env.rend(); ++it)
    if (assigned_name(**it) == name) return *it;
  return nullptr;
}

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_posix_name(std::string_view n) {
  return n == "sh" || n == "bash" || n == "dash" || n == "ash" || n == "zsh" || n == "ksh" ||
         n == "mksh" || n == "busybox";
}

// `<<EOF`, `<<-"EOF"`, `<<'EOF'` and nothing else.
bool is_only_heredoc_marker(std::string_view rest) {
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\n' ||
                           rest.back() == '\r')) {
    rest.remove_suffix(1);
  }
  if (rest.substr(0, 2) != "<<") return false;
  rest.remove_prefix(2);
  if (!rest.empty() && rest[0] == '-') rest.remove_prefix(1);
  if (rest.empty()) return false;
  for (char c : rest) {
    if (c == ' ' || c == '\t' || c == '|' || c == '&' || c == ';' || c == '>' || c == '<') {
      return false;
    }
  }
  return true;
}

// The interpreter named by a `#!` line ("python3" for `#!/usr/bin/env python3`), "" if none.
std::string shebang_interpreter(std::string_view body) {
  if (body.substr(0, 2) != "#!") return "";
  std::string_view line = body.substr(2, body.find('\n') == std::string_view::npos
                                             ? std::string_view::npos : body.find('\n') - 2);
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  if (words.empty()) return "";
  std::string_view interp = base_name(words[0]);
  if (interp == "env" && words.size() > 1) {
    for (size_t w = 1; w < words.size(); ++w) {
      if (words[w][0] != '-') return std::string(base_name(words[w]));
    }
  }
  return std::string(interp);
}

// Appends src.text[b, e) to dst with its source mapping.
void append_slice(LogicalText& dst, const LogicalText& src, uint32_t b, uint32_t e) {
  for (const LogicalText::Segment& s : src.segments) {
    uint32_t sb = std::max(b, s.logical_begin);
    uint32_t se = std::min(e, s.logical_begin + s.length);
    if (sb >= se) continue;
    dst.segments.push_back({static_cast<uint32_t>(dst.text.size() + (sb - b)),
                            s.source_begin + (sb - s.logical_begin), se - sb});
  }
  dst.text.append(src.text, b, e - b);
}

// `<<EOF bash -ex` (BuildKit accepts the marker first): reordered to `bash -ex <<EOF`, which
// tree-sitter-bash parses, keeping every byte's mapping.
LogicalText marker_last(const LogicalText& rest) {
  const std::string& t = rest.text;
  if (t.compare(0, 2, "<<") != 0) return rest;
  size_t marker_end = t.find_first_of(" \t", 2);
  if (marker_end == std::string::npos) return rest;
  size_t cmd = t.find_first_not_of(" \t", marker_end);
  if (cmd == std::string::npos) return rest;
  LogicalText out;
  append_slice(out, rest, static_cast<uint32_t>(cmd), static_cast<uint32_t>(t.size()));
  out.text += ' ';
  append_slice(out, rest, 0, static_cast<uint32_t>(marker_end));
  return out;
}

ShellScript skipped(ScriptStatus status, std::string reason) {
  ShellScript s;
  s.status = status;
  s.reason = std::move(reason);
  return s;
}

// Parses `text` as one script in `context` (through the thread's ParseCache when there is one).
ShellScript parse_text(const LogicalText& text, const ShellOptions& options, uint16_t context) {
  auto parse = [context](const LogicalText& t, const ShellOptions& o) {
    ShellScript out;
    out.text = t.text;
    out.segments_ = t.segments;
    detail::Scope scope(o.vars);
    detail::parse_into(out, 0, static_cast<uint32_t>(out.text.size()), o, scope, context, 0);
    return out;
  };
  if (ParseCache* cache = current_parse_cache()) return cache->parse(text, options, context, parse);
  return parse(text, options);
}

ShellScript exec_form(const Instruction& run, const SourceFile& source) {
  ShellScript s;
  s.status = ScriptStatus::kNotShell;
  s.reason = "exec form runs without a shell";
  ShellCommand cmd;
  for (const Word& w : run.args) {
    ShellWord sw;
    sw.raw = std::string(source.slice(w.span));  // the JSON literal: never maps by offset
    sw.value = w.text;
    sw.is_static = true;
    sw.span = w.span;
    cmd.argv.push_back(std::move(sw));
  }
  if (!cmd.argv.empty()) {
    cmd.program = detail::find_program(cmd.argv);
    cmd.span = Span{cmd.argv.front().span.begin, cmd.argv.back().span.end};
    s.commands.push_back(std::move(cmd));
  }
  return s;
}

}  // namespace

bool is_posix_shell(const std::vector<std::string>& shell) {
  if (shell.empty()) return true;
  size_t i = 0;
  std::string name = lower(base_name(shell[0]));
  if (name == "env") {
    for (i = 1; i < shell.size() && !shell[i].empty() && shell[i][0] == '-'; ++i) {
    }
    if (i == shell.size()) return false;
    name = lower(base_name(shell[i]));
  }
  if (name.size() > 4 && name.substr(name.size() - 4) == ".exe") name.resize(name.size() - 4);
  return is_posix_name(name);
}

ShellScript parse_shell(const LogicalText& text, const ShellOptions& options) {
  if (!is_posix_shell(options.shell)) {
    return skipped(ScriptStatus::kNotShell,
                   "SHELL is " + std::string(base_name(options.shell[0])) + ", not a POSIX shell");
  }
  if (text.text.size() > options.max_bytes) {
    return skipped(ScriptStatus::kTooLarge, "the command is larger than " +
                                                std::to_string(options.max_bytes) + " bytes");
  }
  return parse_text(text, options, 0);
}

ShellScript parse_run(const Instruction& run, const SourceFile& source,
                      const ShellOptions& options) {
  if (run.kind == InstructionKind::kOnbuild && run.trigger) {
    return parse_run(*run.trigger, source, options);
  }
  if (run.kind != InstructionKind::kRun) {
    return skipped(ScriptStatus::kNotShell, "not a RUN instruction");
  }
  if (run.json_form) return exec_form(run, source);
  if (run.heredocs.empty()) return parse_shell(run.rest, options);
  if (!is_posix_shell(options.shell)) return parse_shell(run.rest, options);

  // `RUN <<EOF` with nothing else: the body is the script (BuildKit runs it with the shell
  // unless a #! line names another interpreter).
  if (run.heredocs.size() == 1 && is_only_heredoc_marker(run.rest.text)) {
    const Heredoc& h = run.heredocs.front();
    std::string_view body = source.slice(h.body_span);
    std::string interp = shebang_interpreter(body);
    if (!interp.empty() && !is_posix_name(interp)) {
      return skipped(ScriptStatus::kNotShell, "the heredoc runs " + interp);
    }
    if (body.size() > options.max_bytes) {
      return skipped(ScriptStatus::kTooLarge, "the heredoc is larger than " +
                                                  std::to_string(options.max_bytes) + " bytes");
    }
    LogicalText lt;
    lt.text = std::string(body);
    lt.segments.push_back({0, h.body_span.begin, static_cast<uint32_t>(body.size())});
    return parse_text(lt, options, kInHeredocScript);
  }

  // Otherwise the command line, then each heredoc body and terminator, as the shell reads
  // them (so `cat <<EOF > f` keeps its body out of the command list).
  LogicalText lt = marker_last(run.rest);
  lt.text += '\n';
  for (const Heredoc& h : run.heredocs) {
    std::string_view body = source.slice(h.body_span);
    lt.segments.push_back({static_cast<uint32_t>(lt.text.size()), h.body_span.begin,
                           static_cast<uint32_t>(body.size())});
    lt.text += body;
    if (!body.empty() && body.back() != '\n') lt.text += '\n';
    if (!h.terminator_span.empty()) {
      std::string_view term = source.slice(h.terminator_span);
      lt.segments.push_back({static_cast<uint32_t>(lt.text.size()), h.terminator_span.begin,
                             static_cast<uint32_t>(term.size())});
      lt.text += term;
    } else {
      lt.text += h.name;
    }
    lt.text += '\n';
  }
  return parse_shell(lt, options);
}

std::string check_bash_grammar() { return detail::bash_symbols().error_text; }

namespace detail {

std::string_view base_name(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

namespace {

bool starts_dash(const ShellWord& w) { return !w.value.empty() && w.value[0] == '-'; }

bool is_one_of(std::string_view v, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), v) != options.end();
}

}  // namespace

uint32_t find_program(const std::vector<ShellWord>& argv) {
  size_t i = 0;
  const size_t n = argv.size();
  while (i < n) {
    std::string_view name = base_name(argv[i].value);
    if (name == "sudo") {
      ++i;
      while (i < n && starts_dash(argv[i])) {
        i += is_one_of(argv[i].value, {"-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T"})
                 ? 2 : 1;
      }
    } else if (name == "env") {
      ++i;
      while (i < n && (starts_dash(argv[i]) || argv[i].value.find('=') != std::string::npos)) {
        i += is_one_of(argv[i].value, {"-u", "-C", "-S"}) ? 2 : 1;
      }
    } else if (name == "time" || name == "nohup" || name == "exec" || name == "builtin" ||
               name == "eatmydata" || name == "command") {
      if (name == "command" && i + 1 < n && is_one_of(argv[i + 1].value, {"-v", "-V"})) break;
      ++i;
      while (i < n && starts_dash(argv[i])) ++i;
    } else if (name == "nice" || name == "stdbuf" || name == "ionice" || name == "chronic") {
      ++i;
      while (i < n && starts_dash(argv[i])) {
        i += is_one_of(argv[i].value, {"-n", "-c", "-i", "-o", "-e"}) ? 2 : 1;
      }
    } else if (name == "timeout") {
      ++i;
      while (i < n && starts_dash(argv[i])) i += is_one_of(argv[i].value, {"-s", "-k"}) ? 2 : 1;
      if (i < n) ++i;  // the duration
    } else if (name == "xargs") {
      ++i;
      while (i < n && starts_dash(argv[i])) {
        i += is_one_of(argv[i].value, {"-I", "-n", "-P", "-d", "-a", "-E", "-s", "-L"}) ? 2 : 1;
      }
    } else {
      break;
    }
  }
  return static_cast<uint32_t>(std::min(i, n));
}

}  // namespace detail
}  // namespace dockml::shell
