// Helpers shared by the machine-readable renderers (sarif, github, checkstyle, gitlab, rdjson,
// gnu): 1-based positions in the unit each format wants, report paths relative to the root,
// stable fingerprints, severity counts and text sanitising.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/engine/rule.h"
#include "analyzer/render/render.h"

namespace dockml::render {

// Where the project lives; SARIF's informationUri and reviewdog's source url.
inline constexpr std::string_view kProjectUrl = "https://github.com/dockml/dockml";

// Column units used by the formats.
enum class ColumnUnit {
  kUtf8Bytes,   // reviewdog
  kUtf16,       // SARIF (columnKind utf16CodeUnits), GitHub annotations
  kCodePoints,  // checkstyle
  kGnu,         // GNU Coding Standards: characters, tab stops every 8
};

// 1-based line and column.
struct LineCol {
  uint32_t line = 1;
  uint32_t column = 1;
  friend bool operator==(const LineCol&, const LineCol&) = default;
};

struct Range {
  LineCol start;
  LineCol end;  // exclusive
};

// 1-based position of a byte offset. A UTF-8 BOM does not count as a column. An offset at the
// end of a file that ends with a newline is the start of the (empty) line after the last one.
LineCol locate(const SourceFile& file, uint32_t offset, ColumnUnit unit);

// Range for a diagnostic or label: a non-empty span that ends right after a line break ends
// at the end of that line instead of at column 1 of the next one; an empty span at the end of
// a file that ends with a newline sits at the end of the last line.
Range span_range(const SourceFile& file, Span span, ColumnUnit unit);
// The span span_range() locates (clamped to the file, trailing line break dropped).
Span trimmed_span(const SourceFile& file, Span span);

// Exact range for an edit (never adjusted).
Range edit_range(const SourceFile& file, Span span, ColumnUnit unit);

// Absolute, lexically normalised form of `root_dir` ("" = the current directory), without
// a trailing slash (except for "/").
std::string absolute_root(std::string_view root_dir);

// Path of `path` relative to `root_dir` when it lies below it, else `path` unchanged; "-"
// (stdin) is "<stdin>" as in the text output. Uses forward slashes, no "./" prefix.
std::string report_path(std::string_view path, std::string_view root_dir);
// Same for a diagnostic's file; "<unknown>" when the diagnostic has no source.
std::string report_path(const Diagnostic& d, std::string_view root_dir);

// True (and sets *relative) when `path` lies below `root_dir`.
bool relative_to_root(std::string_view path, std::string_view root_dir, std::string* relative);

// RFC 3986 percent-encoding of a path: unreserved characters and '/' stay, all else is %XX.
std::string percent_encode_path(std::string_view path);

// One fingerprint per diagnostic, "<16 hex digits>:<occurrence>": the hash covers the code,
// the report path and the whitespace-normalised text of the diagnostic's first line (not its
// line number), so it survives edits elsewhere in the file; the 1-based occurrence tells apart
// identical findings on identical lines.
std::vector<std::string> fingerprints(const std::vector<Diagnostic>& diagnostics,
                                      std::string_view root_dir);

// 64-bit FNV-1a as 16 lowercase hex digits.
std::string fnv1a_hex(std::string_view bytes);

struct SeverityCounts {
  size_t error = 0;
  size_t warning = 0;
  size_t info = 0;
  size_t style = 0;
  size_t total() const { return error + warning + info + style; }
};
SeverityCounts count_severities(const std::vector<Diagnostic>& diagnostics);

// "2 errors, 1 warning, 3 infos, 1 style finding" (zero counts left out; "no problems" when
// all are zero).
std::string counts_phrase(const SeverityCounts& counts);

// "1 file" / "3 files".
std::string files_phrase(size_t files);

// Replaces invalid UTF-8 sequences with U+FFFD.
std::string valid_utf8(std::string_view text);

// The RuleMeta among `rules_run` with this code, else the registry's, else nullptr.
const RuleMeta* find_meta(std::string_view code, const std::vector<const RuleMeta*>& rules_run);

// Diagnostics of the input (empty when the pointer is null).
const std::vector<Diagnostic>& diagnostics_of(const RenderInput& in);

}  // namespace dockml::render
