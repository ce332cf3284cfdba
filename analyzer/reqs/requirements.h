// Requirement files (requirements.txt, constraints.txt) parsed with tree-sitter-requirements.
//
// Every requirement becomes a PipRequirement whose spans point into the requirement file;
// option lines fill PipOptions and are kept with their spans; lines that neither the grammar
// nor the PEP 508 parser accept become ParseError values (the rest of the file still counts).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/packages.h"
#include "analyzer/source/source_file.h"

namespace dockml::reqs {

// One option as written in a requirement file: a global option line ("-r base.txt",
// "--index-url URL", "--pre") or a per-requirement option ("--hash=sha256:...").
struct OptionLine {
  std::string option;  // as written: "-r", "--requirement", "--index-url", "--hash"
  std::string value;   // the argument without quotes ("" for flags such as --pre)
  Span span;           // option and argument
  Span option_span;    // just the option
  Span value_span;     // the argument as written, quotes included (empty for flags)
  bool per_requirement = false;  // --hash / --global-option / --config-settings
};

// A nested requirement (-r/--requirement) or constraint (-c/--constraint) file.
struct IncludeRef {
  std::string path;  // as written, unquoted ("../base.txt")
  bool constraint = false;
  Span span;         // the path's span (quotes included)
};

struct ParseError {
  std::string message;  // "unknown option '--no-cache-dir' in a requirement file"
  Span span;            // the offending logical line (without comment and line break)
  Position position;    // 0-based line and byte column of span.begin
};

struct RequirementFile {
  SourcePtr source;
  std::vector<PipRequirement> requirements;  // file order; includes -e, URL and path lines
  PipOptions options;                        // -r/-c land in requirement/constraint_files
  std::vector<OptionLine> option_lines;      // file order
  std::vector<IncludeRef> includes;          // -r and -c in file order
  std::vector<ParseError> errors;
};

// Parses a whole requirement file.
RequirementFile parse_requirement_file(SourcePtr source);

// Parses requirement-file text that sits inside `source` (e.g. the entries of a conda
// environment's `pip:` list). `text` is the decoded text; when `exact` is true it equals
// source bytes starting at `base` and spans are exact, otherwise every span is `fallback`.
RequirementFile parse_requirement_text(SourcePtr source, std::string_view text, uint32_t base,
                                       bool exact, Span fallback);

}  // namespace dockml::reqs
