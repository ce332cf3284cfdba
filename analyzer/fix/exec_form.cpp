#include "analyzer/fix/exec_form.h"

#include <algorithm>
#include <array>
#include <vector>

namespace dockml {

namespace {

// Builtins and keywords that have no program of that name (or behave differently as one).
constexpr std::array<std::string_view, 24> kShellOnly = {
    ".",     "source", "cd",    "export", "set",   "unset", "eval",     "if",
    "for",   "while",  "until", "case",   "function", "alias", "ulimit", "umask",
    "trap",  "shift",  "wait",  "readonly", "local", "return", "exit",  "!"};

}  // namespace

std::optional<std::string> exec_form_json(std::string_view command) {
  static constexpr std::string_view kSpecial = "$`'\"\\|&;<>()*?[]{}~#!\n\r";
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < command.size()) {
    char c = command[i];
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < command.size() && command[i] != ' ' && command[i] != '\t') {
      unsigned char u = static_cast<unsigned char>(command[i]);
      if (kSpecial.find(command[i]) != std::string_view::npos || u < 0x20 || u == 0x7f) return std::nullopt;
      ++i;
    }
    words.push_back(command.substr(start, i - start));
  }
  if (!words.empty() && words.front() == "exec") words.erase(words.begin());
  if (words.empty()) return std::nullopt;
  std::string_view first = words.front();
  if (first.find('=') != std::string_view::npos || first.starts_with('-')) return std::nullopt;
  if (std::find(kShellOnly.begin(), kShellOnly.end(), first) != kShellOnly.end()) return std::nullopt;
  std::string json = "[";
  for (size_t k = 0; k < words.size(); ++k) {
    json += k ? ", \"" : "\"";
    json += words[k];
    json += '"';
  }
  json += "]";
  return json;
}

}  // namespace dockml
