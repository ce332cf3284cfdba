// Test helpers for the shell front end: build LogicalText/Instructions by hand, find carets.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "analyzer/dockerfile/ast.h"
#include "analyzer/source/source_file.h"

namespace dockml::shell::testing {

// Joins `\`-newline continuations of src[begin, end) into a LogicalText mapped to `src`.
inline LogicalText join_continuations(std::string_view src, uint32_t begin, uint32_t end) {
  LogicalText lt;
  uint32_t seg_start = begin;
  auto flush = [&](uint32_t to) {
    if (to > seg_start) {
      lt.segments.push_back({static_cast<uint32_t>(lt.text.size()), seg_start, to - seg_start});
      lt.text.append(src.substr(seg_start, to - seg_start));
    }
  };
  for (uint32_t i = begin; i < end; ++i) {
    if (src[i] == '\\' && i + 1 < end && src[i + 1] == '\n') {
      flush(i);
      seg_start = i + 2;
      ++i;
    }
  }
  flush(end);
  return lt;
}

// A RUN instruction whose shell-form command starts right after "RUN " on line 0 and runs
// to the end of `src` (or to the first heredoc body).
inline Instruction make_run(std::string_view src) {
  Instruction run;
  run.kind = InstructionKind::kRun;
  run.keyword = "RUN";
  uint32_t end = static_cast<uint32_t>(src.size());
  if (end > 0 && src[end - 1] == '\n') --end;
  run.rest = join_continuations(src, 4, end);
  return run;
}

// The span of the n-th (0-based) occurrence of `needle` in `src`.
inline Span find_span(std::string_view src, std::string_view needle, int n = 0) {
  size_t pos = src.find(needle);
  while (n-- > 0 && pos != std::string_view::npos) pos = src.find(needle, pos + 1);
  if (pos == std::string_view::npos) return Span{0, 0};
  return Span{static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + needle.size())};
}

}  // namespace dockml::shell::testing
