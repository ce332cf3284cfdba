#include "rules/buildkit/dockerignore.h"

#include <fstream>
#include <sstream>

#include <re2/re2.h>

namespace dockml {

std::optional<std::string> clean_context_path(std::string_view path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string_view part = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.emplace_back(part);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

namespace {

// Translates a cleaned pattern to an anchored RE2 expression.
std::string to_regex(std::string_view p) {
  std::string re = "^";
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '*') {
      if (i + 1 < p.size() && p[i + 1] == '*') {
        ++i;
        if (i + 1 < p.size() && p[i + 1] == '/') {
          ++i;
          re += "(?:.*/)?";  // `**/`: zero or more directories
        } else {
          re += ".*";
        }
      } else {
        re += "[^/]*";
      }
    } else if (c == '?') {
      re += "[^/]";
    } else if (c == '[') {
      size_t close = p.find(']', i + 1);
      if (close == std::string_view::npos) return {};  // invalid class: pattern never matches
      std::string cls(p.substr(i + 1, close - i - 1));
      re += "[" + cls + "]";
      i = close;
    } else if (c == '\\' && i + 1 < p.size()) {
      re += RE2::QuoteMeta(std::string(1, p[++i]));
    } else {
      re += RE2::QuoteMeta(std::string(1, c));
    }
  }
  return re + "$";
}

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

DockerIgnore DockerIgnore::parse(std::string_view contents) {
  DockerIgnore out;
  uint32_t line_no = 0;
  size_t start = 0;
  while (start < contents.size()) {
    size_t nl = contents.find('\n', start);
    std::string_view line = contents.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    start = nl == std::string_view::npos ? contents.size() : nl + 1;
    ++line_no;
    if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    if (line.starts_with('#')) continue;
    std::string_view t = trim(line);
    if (t.empty()) continue;
    Pattern pat;
    pat.line = line_no;
    if (t.starts_with('!')) {
      pat.exclusion = true;
      t = trim(t.substr(1));
      if (t.empty()) continue;
    }
    std::optional<std::string> cleaned = clean_context_path(t);
    if (!cleaned) continue;
    pat.text = cleaned->empty() ? std::string(".") : *cleaned;
    std::string re = to_regex(pat.text);
    if (re.empty()) continue;
    RE2::Options opts;
    opts.set_log_errors(false);
    auto compiled = std::make_shared<const RE2>(re, opts);
    if (!compiled->ok()) continue;
    pat.re = std::move(compiled);
    out.patterns_.push_back(std::move(pat));
  }
  return out;
}

std::optional<DockerIgnore> DockerIgnore::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.size() > (1u << 20)) return std::nullopt;
  return parse(text);
}

const DockerIgnore::Pattern* DockerIgnore::excluding(std::string_view path) const {
  // The path itself and each of its parent directories.
  std::vector<std::string_view> candidates;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '/') candidates.push_back(path.substr(0, i));
  }
  candidates.push_back(path);
  const Pattern* decided = nullptr;
  for (const Pattern& p : patterns_) {
    bool hit = false;
    for (std::string_view c : candidates) hit = hit || RE2::FullMatch(c, *p.re);
    if (!hit) continue;
    decided = p.exclusion ? nullptr : &p;
  }
  return decided;
}

}  // namespace dockml
