#include "analyzer/fix/apply.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace dockml {

namespace {

std::vector<size_t> sorted_order(const std::vector<Edit>& edits) {
  std::vector<size_t> order(edits.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Span& sa = edits[a].span;
    const Span& sb = edits[b].span;
    if (sa.begin != sb.begin) return sa.begin < sb.begin;
    // Insertions before replacements starting at the same offset.
    return sa.empty() && !sb.empty();
  });
  return order;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

// One line of a diff: ' ', '-' or '+', with its text.
struct DiffLine {
  char tag;
  std::string_view text;
};

// Line diff by longest common subsequence over the part between the common prefix and suffix.
std::vector<DiffLine> diff_lines(const std::vector<std::string_view>& a,
                                 const std::vector<std::string_view>& b) {
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre &&
         a[a.size() - 1 - suf] == b[b.size() - 1 - suf])
    ++suf;
  std::vector<DiffLine> out;
  for (size_t i = 0; i < pre; ++i) out.push_back({' ', a[i]});
  size_t n = a.size() - pre - suf;
  size_t m = b.size() - pre - suf;
  if (n * m <= 4'000'000) {
    std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        lcs[i][j] = a[pre + i] == b[pre + j] ? lcs[i + 1][j + 1] + 1
                                             : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        out.push_back({' ', a[pre + i]});
        ++i, ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.push_back({'-', a[pre + i++]});
      } else {
        out.push_back({'+', b[pre + j++]});
      }
    }
  } else {  // too large for the table: replace the middle wholesale
    for (size_t i = 0; i < n; ++i) out.push_back({'-', a[pre + i]});
    for (size_t j = 0; j < m; ++j) out.push_back({'+', b[pre + j]});
  }
  for (size_t i = a.size() - suf; i < a.size(); ++i) out.push_back({' ', a[i]});
  return out;
}

}  // namespace

ApplyResult apply_edits(std::string_view text, const std::vector<Edit>& edits) {
  ApplyResult result;
  std::vector<size_t> order = sorted_order(edits);
  size_t cursor = 0;      // end of the last accepted replacement
  bool any = false;
  for (size_t idx : order) {
    const Edit& e = edits[idx];
    bool inside = e.span.begin <= e.span.end && e.span.end <= text.size();
    bool overlaps = any && e.span.begin < cursor;
    if (!inside || overlaps) {
      result.conflicts.push_back(idx);
      continue;
    }
    result.text.append(text.substr(cursor, e.span.begin - cursor));
    result.text.append(e.text);
    cursor = e.span.end;
    any = true;
    ++result.applied;
  }
  result.text.append(text.substr(std::min(cursor, text.size())));
  std::sort(result.conflicts.begin(), result.conflicts.end());
  return result;
}

bool edits_disjoint(const std::vector<Edit>& edits, size_t size) {
  std::string dummy(size, ' ');
  return apply_edits(dummy, edits).conflicts.empty();
}

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         size_t context) {
  if (before == after) return {};
  std::vector<std::string_view> a = split_lines(before);
  std::vector<std::string_view> b = split_lines(after);
  std::vector<DiffLine> lines = diff_lines(a, b);

  std::string out = fmt::format("--- a/{}\n+++ b/{}\n", name, name);
  size_t i = 0;
  while (i < lines.size()) {
    // Find the next change.
    size_t first = i;
    while (first < lines.size() && lines[first].tag == ' ') ++first;
    if (first == lines.size()) break;
    size_t start = first >= context ? first - context : 0;
    start = std::max(start, i);
    // Extend the hunk while changes are within 2*context lines of each other.
    size_t end = first;
    size_t last_change = first;
    while (end < lines.size()) {
      if (lines[end].tag != ' ') last_change = end;
      else if (end - last_change > 2 * context) break;
      ++end;
    }
    end = std::min(lines.size(), last_change + context + 1);
    // Line numbers of the hunk.
    size_t a_line = 1, b_line = 1;
    for (size_t k = 0; k < start; ++k) {
      if (lines[k].tag != '+') ++a_line;
      if (lines[k].tag != '-') ++b_line;
    }
    size_t a_count = 0, b_count = 0;
    for (size_t k = start; k < end; ++k) {
      if (lines[k].tag != '+') ++a_count;
      if (lines[k].tag != '-') ++b_count;
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_count ? a_line : a_line - 1, a_count,
                       b_count ? b_line : b_line - 1, b_count);
    for (size_t k = start; k < end; ++k) {
      out += lines[k].tag;
      std::string_view t = lines[k].text;
      if (!t.empty() && t.back() == '\n') {
        out.append(t);
      } else {
        out.append(t);
        out += "\n\\ No newline at end of file\n";
      }
    }
    i = end;
  }
  return out;
}

}  // namespace dockml
