// The Dockerfile AST. Every piece keeps its byte span in the SourceFile so rules can
// point at exact tokens and the fixer can edit them. Produced by parse_dockerfile().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source/source_file.h"

namespace dockml {

enum class InstructionKind {
  kUnknown, kAdd, kArg, kCmd, kCopy, kEntrypoint, kEnv, kExpose, kFrom, kHealthcheck,
  kLabel, kMaintainer, kOnbuild, kRun, kShell, kStopsignal, kUser, kVolume, kWorkdir,
};

// "RUN", "COPY", ... ("" for kUnknown).
std::string_view instruction_name(InstructionKind kind);
// Case-insensitive keyword -> kind (kUnknown when not an instruction).
InstructionKind instruction_kind(std::string_view keyword);

// Text after line continuations were joined, with a map back to source bytes.
// Comment lines and blank lines inside a continuation are not part of `text`.
struct LogicalText {
  struct Segment {
    uint32_t logical_begin;  // offset in `text`
    uint32_t source_begin;   // offset in the SourceFile
    uint32_t length;
  };
  std::string text;
  std::vector<Segment> segments;  // sorted by logical_begin, contiguous in `text`

  // Maps a logical byte range to the source range from the first to the last byte
  // (which may include removed continuation characters in between).
  Span to_source(uint32_t logical_begin, uint32_t logical_end) const;
  uint32_t source_offset(uint32_t logical_offset) const;
};

// A word of an instruction. `text` is the value as BuildKit's parser sees it (continuations
// joined; decoded JSON string in exec form; quotes/escapes still present elsewhere).
struct Word {
  std::string text;
  Span span;  // the raw source bytes of the word (for JSON: the quoted string literal)
};

// A leading `--name[=value]` flag.
struct Flag {
  std::string name;          // without the leading "--"
  std::string value;         // quotes and escapes removed, as BuildKit's flag extractor does
  bool has_value = false;    // `--link` vs `--link=true`
  Span span;                 // the whole flag word
  Span name_span;            // "--name"
  Span value_span;           // the raw value after '=' (empty when !has_value)
};

// ENV/LABEL `key=value` or legacy `key value`; ARG `name[=default]`.
struct KeyValue {
  Word key;
  Word value;                 // raw (quotes kept); empty for `ARG name`
  bool has_equals = false;    // false for legacy `ENV key value` and for `ARG name`
  Span span;                  // the whole pair
};

struct Heredoc {
  std::string name;           // delimiter after quote removal
  bool expand = true;         // false when any part of the delimiter was quoted
  bool chomp_tabs = false;    // `<<-`
  int fd = -1;                // `3<<EOF` -> 3
  Span marker_span;           // the `<<EOF` token on the instruction line
  Span body_span;             // raw body lines (up to, not including, the terminator line)
  std::string body;           // the body content (raw bytes; leading tabs stripped for <<-)
  Span terminator_span;       // the terminator line (empty at EOF when unterminated)
};

struct Comment {
  std::string text;  // after '#', untrimmed
  Span span;         // from the `#` to the end of the line (no newline / trailing CR)
};

struct Instruction {
  InstructionKind kind = InstructionKind::kUnknown;
  std::string keyword;        // as written (original case)
  Span keyword_span;
  Span span;                  // keyword through the last continuation line / heredoc terminator
  uint32_t start_line = 0;    // 0-based lines of span
  uint32_t end_line = 0;

  std::vector<Flag> flags;
  // Text after the flags (leading whitespace trimmed) with its source mapping:
  // the shell-form command of RUN/CMD/ENTRYPOINT/SHELL, the JSON text in exec form, ...
  LogicalText rest;
  bool json_form = false;     // exec form (valid JSON string array)
  // An L1 parse error was reported for this instruction (see Dockerfile::errors); its
  // args/pairs may be incomplete and validate_instructions() skips it.
  bool has_parse_error = false;

  // Arguments per BuildKit's per-instruction rule (what `dockml dump` prints).
  std::vector<Word> args;
  // ENV/LABEL pairs and ARG declarations.
  std::vector<KeyValue> pairs;
  std::vector<Heredoc> heredocs;
  // The instruction an ONBUILD triggers.
  std::unique_ptr<Instruction> trigger;
  // Comment lines directly above (an empty `#` line resets the block), for pragmas.
  std::vector<Comment> comments_before;

  const Flag* find_flag(std::string_view name) const;
};

struct Directive {
  std::string key;    // lower-cased: "syntax", "escape", "check"
  std::string value;
  Span span;          // the whole directive line
  Span value_span;
};

struct ParseError {
  Span span;
  std::string message;  // says what was expected
};

struct ParseWarning {
  Span span;
  std::string message;
};

struct Dockerfile {
  SourcePtr source;
  char escape = '\\';
  std::vector<Directive> directives;
  std::vector<Instruction> instructions;
  std::vector<Comment> comments;         // every comment line (not directives)
  std::vector<ParseError> errors;        // empty when BuildKit's parser (L1) accepts the file
  std::vector<ParseWarning> warnings;    // e.g. empty continuation lines
  // Blank lines inside continuations, per instruction index (for NoEmptyContinuation).
  struct EmptyContinuation { size_t instruction; Span line; };
  std::vector<EmptyContinuation> empty_continuations;
};

}  // namespace dockml
