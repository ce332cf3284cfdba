#include "analyzer/config/path_glob.h"

#include <re2/re2.h>

namespace dockml::config {

namespace {

// Appends the regular expression of `glob` to `re`; false (with `error`) when invalid.
bool translate(std::string_view glob, std::string& re, std::string* error) {
  size_t i = 0;
  while (i < glob.size()) {
    char c = glob[i];
    if (c == '*') {
      bool dstar = i + 1 < glob.size() && glob[i + 1] == '*';
      if (dstar) {
        bool seg_start = i == 0 || glob[i - 1] == '/';
        bool seg_end = i + 2 == glob.size() || glob[i + 2] == '/';
        if (seg_start && seg_end) {
          if (i + 2 == glob.size()) {
            re += ".*";  // `a/**`: everything below
            i += 2;
          } else {
            re += "(?:[^/]*/)*";  // `**/`: any number of segments
            i += 3;
          }
          continue;
        }
      }
      re += "[^/]*";
      i += dstar ? 2 : 1;
    } else if (c == '?') {
      re += "[^/]";
      ++i;
    } else if (c == '[') {
      size_t j = i + 1;
      std::string cls = "[";
      if (j < glob.size() && (glob[j] == '!' || glob[j] == '^')) {
        cls += '^';
        ++j;
      }
      bool first = true;
      while (j < glob.size() && (glob[j] != ']' || first)) {
        char k = glob[j];
        if (k == '\\' || k == '[' || k == ']' || k == '^') cls += '\\';
        cls += k;
        first = false;
        ++j;
      }
      if (j >= glob.size()) {
        if (error) *error = "unterminated character class '['";
        return false;
      }
      re += cls + "]";
      i = j + 1;
    } else if (c == '\\') {
      if (i + 1 >= glob.size()) {
        if (error) *error = "trailing backslash";
        return false;
      }
      re += RE2::QuoteMeta(glob.substr(i + 1, 1));
      i += 2;
    } else {
      re += RE2::QuoteMeta(glob.substr(i, 1));
      ++i;
    }
  }
  return true;
}

}  // namespace

std::optional<PathGlob> PathGlob::compile(std::string_view glob, std::string* error) {
  std::string_view g = glob;
  while (g.starts_with("./")) g.remove_prefix(2);
  while (g.size() > 1 && g.back() == '/') g.remove_suffix(1);
  if (g.empty() || g == ".") {
    if (error) *error = "empty glob";
    return std::nullopt;
  }
  if (g.front() == '/') g.remove_prefix(1);
  std::string re;
  // A glob without `/` names a file or folder at any depth.
  if (g.find('/') == std::string_view::npos) re += "(?:[^/]*/)*";
  if (!translate(g, re, error)) return std::nullopt;
  re += "(?:/.*)?";  // and everything below a matching folder
  RE2::Options options;
  options.set_log_errors(false);
  options.set_dot_nl(true);
  auto compiled = std::make_shared<const RE2>(re, options);
  if (!compiled->ok()) {
    if (error) *error = "invalid glob: " + compiled->error();
    return std::nullopt;
  }
  PathGlob out;
  out.glob_ = std::string(glob);
  out.re_ = std::move(compiled);
  return out;
}

bool PathGlob::matches(std::string_view relative_path) const {
  return re_ && RE2::FullMatch(relative_path, *re_);
}

}  // namespace dockml::config
