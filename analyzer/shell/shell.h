// The shell front end: a RUN command (shell form, heredoc script, ONBUILD RUN) parsed once
// with tree-sitter-bash into a flat list of simple commands with argv words, the operators
// around them and their context, every word's span mapped back to the Dockerfile.
//
// The result owns plain data only (no tree-sitter nodes), so it can be cached per RUN and
// shared by every rule. Parsing is iterative (no recursion over the tree) and bounded:
// ShellOptions::max_commands and a parse time budget keep pathological input cheap.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/dockerfile/ast.h"
#include "analyzer/dockerfile/expand.h"
#include "analyzer/source/source_file.h"

namespace dockml::shell {

// How a command is joined to its neighbour.
enum class Connector : uint8_t {
  kNone,        // start/end of the script or of a compound body
  kSequence,    // `;` or a newline
  kAnd,         // `&&`
  kOr,          // `||`
  kPipe,        // `|` (also `|&`)
  kBackground,  // `&`
};
std::string_view connector_text(Connector c);  // "", ";", "&&", "||", "|", "&"

// Where a command sits (bit set).
enum Context : uint16_t {
  kInSubshell = 1 << 0,              // ( ... )
  kInCommandSubstitution = 1 << 1,   // $( ... ), ` ... `, <( ... )
  kInIf = 1 << 2,                    // condition or branch of if/elif/else
  kInFor = 1 << 3,                   // for loop (incl. C-style)
  kInWhile = 1 << 4,                 // while/until loop
  kInFunction = 1 << 5,              // function body
  kInCase = 1 << 6,                  // case item
  kNegated = 1 << 7,                 // `! cmd`
  kBackground = 1 << 8,              // the statement runs with `&`
  kInHeredocScript = 1 << 9,         // body of `bash <<EOF` / `RUN <<EOF`
  kInShellC = 1 << 10,               // the string of `sh -c '...'` / `bash -c "..."`
};

struct ShellWord {
  std::string raw;        // as written in the script (logical text; first 4 KiB only)
  std::string value;      // after quote removal and substitution of known variables;
                          // unknown parts (e.g. `$(date)`, `${UNKNOWN}`) are kept as written
                          // (abbreviated with "..." after 256 bytes)
  bool is_static = false; // `value` is exactly what the shell will see
  Span span;              // source bytes of the word in the Dockerfile
  uint32_t logical_begin = 0;  // offsets in the script text
  uint32_t logical_end = 0;
  // When >= 0: value[i] is the script byte logical_begin + value_shift + i (the word is a
  // plain or singly-quoted literal without escapes), so sub-spans of the value map exactly.
  int32_t value_shift = -1;
};

struct Redirect {
  std::string op;      // ">", ">>", "<", "2>", "&>", "<<", "<<<", ...
  ShellWord target;    // file / fd / heredoc delimiter
};

struct ShellCommand {
  std::vector<ShellWord> assignments;  // `FOO=bar` prefixes (raw text `FOO=bar`)
  std::vector<ShellWord> argv;         // argv[0] is the command name as written
  // Index in argv of the program that actually runs after wrappers such as `sudo -E`,
  // `env A=1`, `time`, `nice -n 5`, `nohup`, `exec`, `command`, `timeout 60`, `xargs -r`
  // (== argv.size() when only wrappers were found).
  uint32_t program = 0;
  std::vector<Redirect> redirects;
  Connector before = Connector::kNone;
  Connector after = Connector::kNone;
  uint16_t context = 0;      // Context bits
  int32_t pipeline = -1;     // commands of one pipeline share an id (-1: not in a pipeline)
  uint32_t pipeline_index = 0;
  Span span;                 // source span of the whole command
  uint32_t logical_begin = 0, logical_end = 0;

  // The effective command name: the basename of argv[program] after quote removal
  // ("/usr/bin/pip3" -> "pip3"), "" when none.
  std::string_view name() const;
  // The arguments after the effective command name.
  size_t arg_count() const { return argv.size() > program ? argv.size() - program - 1 : 0; }
  const ShellWord& arg(size_t i) const { return argv[program + 1 + i]; }
  bool has_context(Context c) const { return (context & c) != 0; }
};

// A variable the script puts in the environment of the commands after it: `export
// NAME=value` (several per line too), `declare -x` / `typeset -x` / `local -x NAME=value`,
// and `export NAME` of an earlier `NAME=value` of the script. Not `readonly`, plain
// `declare`, `export -n` or a bare `NAME=value` (a shell variable only).
struct ShellExport {
  std::string name;
  ShellWord word;  // the `NAME=value` word like ShellCommand::assignments (raw `NAME="a b"`,
                   // value `NAME=a b`); for `export NAME`, the earlier assignment's word
  uint32_t logical_begin = 0, logical_end = 0;  // the export command in the script text
  // Where it applies: the innermost subshell, command substitution or nested script
  // (`sh -c`, heredoc) holding the export; the whole script at top level.
  uint32_t scope_begin = 0, scope_end = 0;
};

enum class ScriptStatus : uint8_t {
  kOk,
  kNotShell,       // exec form, non-POSIX SHELL (powershell/cmd) or a non-shell heredoc
  kTooLarge,       // larger than ShellOptions::max_bytes
  kTimeout,        // the tree-sitter parse exceeded its time budget
  kTruncated,      // more than max_commands commands: the first ones are kept
};

struct ShellScript {
  ScriptStatus status = ScriptStatus::kOk;
  std::string reason;            // why a script was skipped ("SHELL is powershell", ...)
  std::string text;              // the parsed script (logical text)
  std::vector<ShellCommand> commands;  // in source order (a command precedes its $(...))
  std::vector<ShellExport> exports;    // in source order
  std::vector<Span> syntax_errors;     // source spans of tree-sitter ERROR/MISSING nodes
  uint32_t tree_depth = 0;             // deepest nesting of nodes the walker went through

  // Maps a logical range of `text` to Dockerfile bytes (first through last byte).
  Span to_source(uint32_t logical_begin, uint32_t logical_end) const;
  // The source span of value[b, e) of `word`; the whole word's span when not mappable.
  Span value_span(const ShellWord& word, uint32_t b, uint32_t e) const;

  // The `NAME=value` words this script puts in the environment of `cmd`, weakest first: the
  // exports made before it that reach it, then its `env NAME=value` wrapper arguments, then
  // its prefix assignments. (Variables from ENV/ARG are not included: see the build scope.)
  std::vector<const ShellWord*> environment_of(const ShellCommand& cmd) const;
  // The word that sets `name` for `cmd` (the last of environment_of), nullptr when none.
  const ShellWord* env_word(const ShellCommand& cmd, std::string_view name) const;

  std::vector<LogicalText::Segment> segments_;  // mapping of `text` to the source
  int32_t next_pipeline_ = 0;                   // next pipeline id (walker state)
};

struct ShellOptions {
  // The current SHELL instruction's argv (default /bin/sh -c).
  std::vector<std::string> shell = {"/bin/sh", "-c"};
  // Known ARG/ENV values; nullptr means every variable is unknown.
  const VarLookup* vars = nullptr;
  uint32_t max_bytes = 4u << 20;
  uint32_t max_commands = 20000;
  uint32_t parse_budget_ms = 2000;
};

// True when `shell` (a SHELL argv) runs a POSIX-like shell (sh, bash, dash, ash, zsh, ksh,
// busybox sh; also via /usr/bin/env). False for powershell, pwsh, cmd and anything unknown.
bool is_posix_shell(const std::vector<std::string>& shell);

// Parses a RUN instruction (or an ONBUILD whose trigger is RUN): the shell-form command
// with its heredocs, a heredoc body run as the script (`RUN <<EOF`, `RUN bash <<EOF`), or
// the exec-form argv (one command, no shell). `source` is the Dockerfile the spans refer to.
ShellScript parse_run(const Instruction& run, const SourceFile& source,
                      const ShellOptions& options = {});

// Parses shell text whose bytes map to the source through `text.segments`.
ShellScript parse_shell(const LogicalText& text, const ShellOptions& options = {});

// The names of the bash grammar's node types and fields this front end relies on, checked
// against the grammar ("" when all exist; otherwise the missing names). Tested.
std::string check_bash_grammar();

}  // namespace dockml::shell
