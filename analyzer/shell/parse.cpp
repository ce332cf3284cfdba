// The tree walker: tree-sitter-bash tree -> flat list of simple commands. Iterative (an
// explicit stack), so deeply nested input cannot overflow the C++ stack.
#include <map>
#include <string>
#include <vector>

#include "analyzer/shell/internal.h"

namespace dockml::shell::detail {

const BashSymbols& bash_symbols() {
  static const BashSymbols symbols = [] {
    ts::SymbolTable t(
        ts::Grammar::kBash,
        {{"program"}, {"command"}, {"command_name"}, {"word"}, {"number"}, {"string"},
         {"string_content"}, {"raw_string"}, {"ansi_c_string"}, {"translated_string"},
         {"concatenation"}, {"simple_expansion"}, {"expansion"}, {"variable_name"},
         {"special_variable_name"}, {"command_substitution"}, {"process_substitution"},
         {"arithmetic_expansion"}, {"list"}, {"pipeline"}, {"subshell"}, {"negated_command"},
         {"redirected_statement"}, {"variable_assignment"}, {"declaration_command"},
         {"file_redirect"}, {"heredoc_redirect"}, {"herestring_redirect"}, {"heredoc_body"},
         {"heredoc_start"}, {"if_statement"}, {"for_statement"}, {"c_style_for_statement"},
         {"while_statement"}, {"function_definition"}, {"case_statement"}, {"ERROR"}},
        {"name", "argument", "body", "redirect", "destination", "value", "operator", "right"});
    BashSymbols s{};
    s.program = t.symbol("program");
    s.command = t.symbol("command");
    s.command_name = t.symbol("command_name");
    s.word = t.symbol("word");
    s.number = t.symbol("number");
    s.string = t.symbol("string");
    s.string_content = t.symbol("string_content");
    s.raw_string = t.symbol("raw_string");
    s.ansi_c_string = t.symbol("ansi_c_string");
    s.translated_string = t.symbol("translated_string");
    s.concatenation = t.symbol("concatenation");
    s.simple_expansion = t.symbol("simple_expansion");
    s.expansion = t.symbol("expansion");
    s.variable_name = t.symbol("variable_name");
    s.special_variable_name = t.symbol("special_variable_name");
    s.command_substitution = t.symbol("command_substitution");
    s.process_substitution = t.symbol("process_substitution");
    s.arithmetic_expansion = t.symbol("arithmetic_expansion");
    s.list = t.symbol("list");
    s.pipeline = t.symbol("pipeline");
    s.subshell = t.symbol("subshell");
    s.negated_command = t.symbol("negated_command");
    s.redirected_statement = t.symbol("redirected_statement");
    s.variable_assignment = t.symbol("variable_assignment");
    s.declaration_command = t.symbol("declaration_command");
    s.file_redirect = t.symbol("file_redirect");
    s.heredoc_redirect = t.symbol("heredoc_redirect");
    s.herestring_redirect = t.symbol("herestring_redirect");
    s.heredoc_body = t.symbol("heredoc_body");
    s.heredoc_start = t.symbol("heredoc_start");
    s.if_statement = t.symbol("if_statement");
    s.for_statement = t.symbol("for_statement");
    s.c_style_for_statement = t.symbol("c_style_for_statement");
    s.while_statement = t.symbol("while_statement");
    s.function_definition = t.symbol("function_definition");
    s.case_statement = t.symbol("case_statement");
    s.error = t.symbol("ERROR");
    s.name = t.field("name");
    s.argument = t.field("argument");
    s.body = t.field("body");
    s.redirect = t.field("redirect");
    s.destination = t.field("destination");
    s.value = t.field("value");
    s.operator_ = t.field("operator");
    s.right = t.field("right");
    s.error_text = t.error();
    return s;
  }();
  return symbols;
}

namespace {

constexpr int kMaxNesting = 4;

Connector connector_of(std::string_view token) {
  if (token == "&&") return Connector::kAnd;
  if (token == "||") return Connector::kOr;
  if (token == "|" || token == "|&") return Connector::kPipe;
  if (token == ";") return Connector::kSequence;
  if (token == "&") return Connector::kBackground;
  return Connector::kNone;
}

bool is_shell_name(std::string_view n) {
  return n == "sh" || n == "bash" || n == "dash" || n == "ash" || n == "zsh" || n == "ksh" ||
         n == "mksh";
}

struct Frame {
  ts::Node node;
  uint16_t context = 0;
  Connector before = Connector::kNone;
  Connector after = Connector::kNone;
  int32_t pipeline = -1;
  uint32_t pipeline_index = 0;
  uint32_t depth = 1;  // set by Walker::push: the frame's nesting below the script's root
};

class Walker {
 public:
  Walker(ShellScript& out, uint32_t base, uint32_t length, const ShellOptions& options,
         Scope& scope, int nesting)
      : out_(out), base_(base), script_length_(length), options_(options), scope_(scope),
        nesting_(nesting), sym_(bash_symbols()) {}

  void run(ts::Node root, uint16_t context) {
    push(Frame{root, context});
    while (!stack_.empty()) {
      if (out_.status == ScriptStatus::kTruncated) return;
      Frame f = stack_.back();
      stack_.pop_back();
      depth_ = f.depth;
      visit(f);
    }
  }

  // The deepest frame walked (the tree's depth where the walker goes).
  uint32_t max_depth() const { return max_depth_; }

 private:
  Span map(uint32_t b, uint32_t e) const { return map_range(out_.segments_, base_ + b, base_ + e); }

  void visit(const Frame& f) {
    ts::Node n = f.node;
    if (n.is_error() || n.is_missing()) out_.syntax_errors.push_back(map(n.begin(), n.end()));
    ts::Symbol s = n.symbol();
    uint16_t ctx = f.context;
    if (s == sym_.command) {
      emit_command(f, n, {}, f.after);
      push_command_children(n, ctx);
      return;
    }
    if (s == sym_.redirected_statement) return visit_redirected(f);
    if (s == sym_.list) return push_sequence(f, ctx, f.pipeline, false);
    if (s == sym_.pipeline) return push_sequence(f, ctx, out_.next_pipeline_++, true);
    if (s == sym_.negated_command) return push_sequence(f, ctx | kNegated, f.pipeline, false);
    if (s == sym_.variable_assignment) {
      record_assignment(n);
      push_children_of(n.child_by_field(sym_.value), ctx);
      return;
    }
    if (s == sym_.declaration_command) return visit_declaration(n, ctx);
    if (s == sym_.subshell) ctx |= kInSubshell;
    if (s == sym_.command_substitution || s == sym_.process_substitution) {
      ctx |= kInCommandSubstitution;
    }
    if (s == sym_.if_statement) ctx |= kInIf;
    if (s == sym_.while_statement) ctx |= kInWhile;
    if (s == sym_.function_definition) ctx |= kInFunction;
    if (s == sym_.case_statement) ctx |= kInCase;
    if (s == sym_.for_statement || s == sym_.c_style_for_statement) {
      ctx |= kInFor;
      ts::Node var = n.child_by_field("variable");
      if (var) scope_.assign(std::string(var.text()), std::nullopt);
    }
    push_container(n, ctx);
  }

  // Statement containers (program, bodies, ...): connectors come from `;`/`&` tokens
  // between statements; statements on separate lines are a sequence.
  void push_container(ts::Node n, uint16_t ctx) {
    std::vector<ts::Node> kids = n.children();
    std::vector<Frame> frames;
    for (size_t i = 0; i < kids.size(); ++i) {
      if (!kids[i].is_named()) continue;
      Frame c{kids[i], ctx};
      if (i > 0) c.before = kids[i - 1].is_named() ? Connector::kSequence
                                                  : connector_of(kids[i - 1].type());
      if (i + 1 < kids.size()) {
        c.after = kids[i + 1].is_named() ? Connector::kSequence : connector_of(kids[i + 1].type());
      }
      if (c.after == Connector::kBackground) c.context |= kBackground;
      frames.push_back(c);
    }
    push_reversed(frames);
  }

  // list / pipeline / negated_command: operators between children; the ends inherit.
  void push_sequence(const Frame& f, uint16_t ctx, int32_t pipeline, bool is_pipeline) {
    std::vector<ts::Node> kids = f.node.children();
    std::vector<Frame> frames;
    uint32_t index = 0;
    for (size_t i = 0; i < kids.size(); ++i) {
      if (!kids[i].is_named()) continue;
      Frame c{kids[i], ctx};
      // Operators between children; `!` and the ends inherit the parent's connectors.
      Connector prev = (i > 0 && !kids[i - 1].is_named()) ? connector_of(kids[i - 1].type())
                                                          : Connector::kNone;
      Connector next = (i + 1 < kids.size() && !kids[i + 1].is_named())
                           ? connector_of(kids[i + 1].type()) : Connector::kNone;
      c.before = prev != Connector::kNone ? prev : f.before;
      c.after = next != Connector::kNone ? next : f.after;
      c.pipeline = pipeline;
      c.pipeline_index = is_pipeline ? index++ : f.pipeline_index;
      frames.push_back(c);
    }
    push_reversed(frames);
  }

  void push_reversed(std::vector<Frame>& frames) {
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) push(*it);
  }

  // Schedules a child of the frame being visited.
  void push(Frame f) {
    f.depth = depth_ + 1;
    if (f.depth > max_depth_) max_depth_ = f.depth;
    stack_.push_back(f);
  }

  void push_children_of(ts::Node n, uint16_t ctx) {
    if (!n) return;
    std::vector<Frame> frames;
    for (const ts::Node& c : n.named_children()) frames.push_back(Frame{c, ctx});
    push_reversed(frames);
  }

  // Words of a command can hold $(...): walk them, skipping prefix assignments' names.
  void push_command_children(ts::Node cmd, uint16_t ctx) {
    std::vector<Frame> frames;
    for (const ts::Node& c : cmd.named_children()) {
      if (c.symbol() == sym_.variable_assignment) {
        ts::Node v = c.child_by_field(sym_.value);
        if (v) frames.push_back(Frame{v, ctx});
      } else {
        frames.push_back(Frame{c, ctx});
      }
    }
    push_reversed(frames);
  }

  void visit_redirected(const Frame& f) {
    ts::Node n = f.node;
    ts::Node body = n.child_by_field(sym_.body);
    std::vector<Redirect> redirects;
    Connector body_after = f.after;
    std::vector<ts::Node> heredoc_bodies;
    std::vector<Frame> rest;
    for (uint32_t i = 0; i < n.child_count(); ++i) {
      ts::Node c = n.child(i);
      if (n.field_name_for_child(i) != "redirect") continue;
      collect_redirect(c, redirects);
      if (c.symbol() == sym_.heredoc_redirect) {
        // `cmd <<EOF && next`: tree-sitter nests `&& next` inside the heredoc redirect.
        ts::Node op = c.child_by_field(sym_.operator_);
        ts::Node right = c.child_by_field(sym_.right);
        if (op && right) {
          body_after = connector_of(op.type());
          Frame r{right, f.context};
          r.before = body_after;
          r.after = f.after;
          rest.push_back(r);
        }
        for (const ts::Node& hc : c.named_children()) {
          if (hc.symbol() == sym_.heredoc_body) heredoc_bodies.push_back(hc);
        }
      } else {
        rest.push_back(Frame{c, f.context});
      }
    }
    if (body && body.symbol() == sym_.command) {
      size_t index = out_.commands.size();
      emit_command(f, body, std::move(redirects), body_after);
      if (index < out_.commands.size()) {
        const ShellCommand& cmd = out_.commands[index];
        bool all_options = true;
        for (size_t a = 0; a < cmd.arg_count(); ++a) {
          if (cmd.arg(a).value.empty() || cmd.arg(a).value[0] != '-') all_options = false;
        }
        if (is_shell_name(cmd.name()) && all_options && nesting_ < kMaxNesting) {
          for (const ts::Node& hb : heredoc_bodies) {
            parse_into(out_, base_ + hb.begin(), hb.end() - hb.begin(), options_, scope_,
                       static_cast<uint16_t>(f.context | kInHeredocScript), nesting_ + 1);
          }
        }
      }
      for (auto it = rest.rbegin(); it != rest.rend(); ++it) push(*it);
      push_command_children(body, f.context);
      return;
    }
    for (auto it = rest.rbegin(); it != rest.rend(); ++it) push(*it);
    if (body) {
      Frame b = f;
      b.node = body;
      b.after = body_after;
      push(b);
    }
  }

  void collect_redirect(ts::Node r, std::vector<Redirect>& out) {
    Redirect red;
    ts::Node target;
    for (const ts::Node& c : r.children()) {
      if (!c.is_named()) {
        if (red.op.empty()) red.op = std::string(c.type());
      } else if (c.symbol() == sym_.number && red.op.empty()) {
        red.op = std::string(c.text());  // the fd of `2>`
      } else if (!target) {
        target = c;
      }
    }
    if (r.symbol() == sym_.file_redirect) {
      ts::Node d = r.child_by_field(sym_.destination);
      if (d) target = d;
      // `2>` : fd number then the operator.
      ts::Node first = r.child(0);
      if (first.symbol() == sym_.number || first.type() == "file_descriptor") {
        red.op = std::string(first.text()) + std::string(r.child(1).type());
      }
    }
    if (target) red.target = eval_word(target, scope_, base_, out_.segments_);
    out.push_back(std::move(red));
  }

  // `export A=1 B`, `declare -x A=1`, `local A`, `readonly A=1`: assignments, some of them
  // exported to the environment of the commands that follow.
  void visit_declaration(ts::Node n, uint16_t ctx) {
    std::vector<ts::Node> kids = n.children();
    if (kids.empty()) return;
    std::string_view keyword = kids[0].type();
    bool exported = keyword == "export";
    for (const ts::Node& c : kids) {
      if (!c.is_named() || c.symbol() == sym_.variable_assignment ||
          c.symbol() == sym_.variable_name)
        continue;
      std::string_view flag = c.text();
      if (flag.size() < 2 || (flag[0] != '-' && flag[0] != '+')) continue;
      if (keyword == "export" && flag.find_first_of("nfp") != std::string_view::npos)
        exported = false;
      if (keyword != "export" && keyword != "readonly" && flag.find('x') != std::string_view::npos)
        exported = flag[0] == '-';
    }
    std::vector<Frame> frames;
    for (const ts::Node& c : kids) {
      if (c.symbol() == sym_.variable_assignment) {
        ShellWord w = eval_word(c, scope_, base_, out_.segments_);
        record_assignment(c);
        if (ts::Node name = c.child_by_field(sym_.name); exported && name)
          add_export(n, std::string(name.text()), std::move(w));
        if (ts::Node v = c.child_by_field(sym_.value)) frames.push_back(Frame{v, ctx});
      } else if (c.symbol() == sym_.variable_name && exported) {
        auto it = assigned_.find(c.text());
        if (it != assigned_.end()) add_export(n, it->first, it->second);
      }
    }
    push_reversed(frames);
  }

  void add_export(ts::Node declaration, std::string name, ShellWord word) {
    ShellExport e;
    e.name = std::move(name);
    e.word = std::move(word);
    e.logical_begin = base_ + declaration.begin();
    e.logical_end = base_ + declaration.end();
    // The innermost subshell / command substitution, else this (possibly nested) script.
    e.scope_begin = base_;
    e.scope_end = base_ + script_length_;
    for (ts::Node p = declaration.parent(); p; p = p.parent()) {
      ts::Symbol s = p.symbol();
      if (s == sym_.subshell || s == sym_.command_substitution ||
          s == sym_.process_substitution) {
        e.scope_begin = base_ + p.begin();
        e.scope_end = base_ + p.end();
        break;
      }
    }
    out_.exports.push_back(std::move(e));
  }

  void record_assignment(ts::Node a) {
    ts::Node name = a.child_by_field(sym_.name);
    if (!name) return;
    assigned_[std::string(name.text())] = eval_word(a, scope_, base_, out_.segments_);
    ts::Node value = a.child_by_field(sym_.value);
    bool append = a.text().find("+=") == name.end() - a.begin();
    if (append) {
      scope_.assign(std::string(name.text()), std::nullopt);
      return;
    }
    if (!value) {
      scope_.assign(std::string(name.text()), std::string());
      return;
    }
    ShellWord w = eval_word(value, scope_, base_, out_.segments_);
    scope_.assign(std::string(name.text()),
                  w.is_static ? std::optional<std::string>(w.value) : std::nullopt);
  }

  void emit_command(const Frame& f, ts::Node n, std::vector<Redirect> redirects,
                    Connector after) {
    if (out_.commands.size() >= options_.max_commands) {
      out_.status = ScriptStatus::kTruncated;
      out_.reason = "more than " + std::to_string(options_.max_commands) + " commands";
      return;
    }
    ShellCommand cmd;
    for (uint32_t i = 0; i < n.child_count(); ++i) {
      ts::Node c = n.child(i);
      std::string_view field = n.field_name_for_child(i);
      if (c.symbol() == sym_.variable_assignment) {
        cmd.assignments.push_back(eval_word(c, scope_, base_, out_.segments_));
      } else if (field == "name" || field == "argument") {
        for (ShellWord& w : eval_argv_word(c, scope_, base_, out_.segments_)) {
          cmd.argv.push_back(std::move(w));
        }
      } else if (c.symbol() == sym_.file_redirect || c.symbol() == sym_.herestring_redirect ||
                 c.symbol() == sym_.heredoc_redirect) {
        collect_redirect(c, redirects);
      }
    }
    if (cmd.argv.empty()) return;
    cmd.redirects = std::move(redirects);
    cmd.program = find_program(cmd.argv);
    cmd.before = f.before;
    cmd.after = after;
    cmd.context = f.context;
    cmd.pipeline = f.pipeline;
    cmd.pipeline_index = f.pipeline_index;
    cmd.logical_begin = base_ + n.begin();
    cmd.logical_end = base_ + n.end();
    cmd.span = map(n.begin(), n.end());
    out_.commands.push_back(std::move(cmd));
    maybe_parse_shell_c(out_.commands.back(), f.context);
  }

  // `sh -c 'script'` / `bash -ec "..."`: parse the literal script too.
  void maybe_parse_shell_c(const ShellCommand& cmd, uint16_t ctx) {
    if (nesting_ >= kMaxNesting || !is_shell_name(cmd.name())) return;
    for (size_t a = 0; a < cmd.arg_count(); ++a) {
      const std::string& v = cmd.arg(a).value;
      if (v == "-o" || v == "+o") {
        ++a;  // -o pipefail
        continue;
      }
      if (v.size() >= 2 && v[0] == '-' && v[1] == '-') continue;  // --login, --norc
      if (v.size() < 2 || (v[0] != '-' && v[0] != '+')) return;   // a script file: no -c
      if (v[0] == '+' || v.find('c') == std::string::npos) continue;
      if (a + 1 >= cmd.arg_count()) return;
      const ShellWord& script = cmd.arg(a + 1);
      if (!script.is_static || script.value_shift < 0) return;
      // Arguments are evaluated before the call, while `cmd` is still valid.
      parse_into(out_, script.logical_begin + static_cast<uint32_t>(script.value_shift),
                 static_cast<uint32_t>(script.value.size()), options_, scope_,
                 static_cast<uint16_t>(ctx | kInShellC), nesting_ + 1);
      return;
    }
  }

  ShellScript& out_;
  uint32_t base_;
  uint32_t script_length_;
  const ShellOptions& options_;
  Scope& scope_;
  int nesting_;
  const BashSymbols& sym_;
  std::vector<Frame> stack_;
  uint32_t depth_ = 0;      // of the frame being visited
  uint32_t max_depth_ = 0;
  // The last `NAME=value` word per name (for a later `export NAME`).
  std::map<std::string, ShellWord, std::less<>> assigned_;
};

}  // namespace

void parse_into(ShellScript& out, uint32_t base, uint32_t length, const ShellOptions& options,
                Scope& scope, uint16_t context, int nesting) {
  const BashSymbols& sym = bash_symbols();
  if (!sym.error_text.empty()) {
    out.reason = sym.error_text;
    return;
  }
  if (base > out.text.size()) return;
  std::string text = out.text.substr(base, length);
  auto tree = ts::Parser::for_thread(ts::Grammar::kBash)
                  .parse(std::move(text), std::chrono::milliseconds(options.parse_budget_ms));
  if (!tree) {
    out.status = ScriptStatus::kTimeout;
    out.reason = "the shell parser gave up on this command";
    return;
  }
  Walker walker(out, base, length, options, scope, nesting);
  walker.run(tree->root(), context);
  if (walker.max_depth() > out.tree_depth) out.tree_depth = walker.max_depth();
}

}  // namespace dockml::shell::detail
