// Pull-request mode: which lines a unified diff adds or changes, per new-side path, and the
// filter that keeps only diagnostics touching them. Pure functions over the diff text; running
// `git diff` lives in analyzer/cli/diff_source.cpp.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dockml {

// 1-based, inclusive range of lines on the new side of a diff.
struct LineRange {
  uint32_t first = 0;
  uint32_t last = 0;
  bool operator==(const LineRange&) const = default;
};

// New-side path (relative to the repository root, '/'-separated, prefix "b/" removed) ->
// sorted, merged ranges of added or changed lines. Deleted files do not appear; a renamed
// file appears under its new path; a new file has all its lines added.
struct DiffChanges {
  std::map<std::string, std::vector<LineRange>> files;
};

// Parses `git diff` output (any --unified=N, with or without rename detection) and plain
// `diff -u` output. Tolerates CRLF line ends, "\ No newline at end of file", quoted paths
// (C-style escapes) and hunk headers with omitted counts ("@@ -1 +1 @@"). Never throws.
DiffChanges parse_unified_diff(std::string_view text);

// True when [first_line, last_line] (1-based, inclusive) of `path` (relative to the
// repository root, '/'-separated) overlaps an added or changed line.
bool diff_touches(const DiffChanges& changes, const std::string& path, uint32_t first_line,
                  uint32_t last_line);

// Unquotes a git path ("\"a\\tb\"" -> "a<TAB>b"); other text is returned unchanged.
std::string unquote_git_path(std::string_view s);

}  // namespace dockml
