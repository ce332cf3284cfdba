// Dispatch by command name and the shared option scanner.
#include "analyzer/shell/recognize.h"

#include <algorithm>

#include "analyzer/shell/recognize_common.h"

namespace dockml::shell {
namespace detail {

bool is_any(std::string_view v, std::initializer_list<std::string_view> options) {
  return std::find(options.begin(), options.end(), v) != options.end();
}

std::vector<Arg> scan_args(const ShellCommand& cmd, uint32_t from, uint32_t to,
                           const OptionTable& table) {
  std::vector<Arg> out;
  auto takes_value = [&](std::string_view name) {
    return std::find(table.with_value.begin(), table.with_value.end(), name) !=
           table.with_value.end();
  };
  bool options_done = false;
  to = std::min<uint32_t>(to, static_cast<uint32_t>(cmd.argv.size()));
  for (uint32_t i = from; i < to; ++i) {
    const std::string& v = cmd.argv[i].value;
    if (options_done || v.size() < 2 || v[0] != '-') {
      out.push_back(Arg{false, "", v, true, i, i, 0});
      continue;
    }
    if (v == "--") {
      options_done = true;
      continue;
    }
    bool long_form = v[1] == '-' || table.single_dash_long;
    if (long_form) {
      size_t eq = v.find('=');
      Arg a{true, v.substr(0, eq), "", false, i, i, 0};
      if (eq != std::string::npos) {
        a.value = v.substr(eq + 1);
        a.has_value = true;
        a.value_offset = static_cast<uint32_t>(eq + 1);
      } else if (takes_value(a.name) && i + 1 < to) {
        a.value = cmd.argv[i + 1].value;
        a.has_value = true;
        a.value_word = ++i;
      }
      out.push_back(std::move(a));
      continue;
    }
    // Short options, possibly bundled: -fsSL, -rfile, -o file.
    for (size_t c = 1; c < v.size(); ++c) {
      Arg a{true, std::string("-") + v[c], "", false, i, i, 0};
      if (takes_value(a.name)) {
        bool consumed_next = false;
        if (c + 1 < v.size()) {
          size_t start = c + 1;
          if (v[start] == '=') ++start;
          a.value = v.substr(start);
          a.has_value = true;
          a.value_offset = static_cast<uint32_t>(start);
        } else if (i + 1 < to) {
          a.value = cmd.argv[i + 1].value;
          a.has_value = true;
          a.value_word = i + 1;
          consumed_next = true;
        }
        out.push_back(std::move(a));
        if (consumed_next) ++i;
        break;
      }
      out.push_back(std::move(a));
    }
  }
  return out;
}

SourceRef value_ref(const Recog& r, const Arg& a) {
  const ShellWord& w = r.cmd.argv[a.value_word];
  if (a.value_word == a.word && a.option) {
    return r.ref(w, a.value_offset, a.value_offset + static_cast<uint32_t>(a.value.size()));
  }
  return r.ref(w);
}

}  // namespace detail

InstallFacts recognize(const ShellScript& script, const SourcePtr& source) {
  InstallFacts facts;
  for (uint32_t i = 0; i < script.commands.size(); ++i) {
    const ShellCommand& cmd = script.commands[i];
    if (cmd.name().empty()) continue;
    detail::Recog r{script, cmd, i, source, facts};
    if (detail::recognize_pip(r)) continue;
    if (detail::recognize_conda(r)) continue;
    if (detail::recognize_system(r)) continue;
    if (detail::recognize_lang(r)) continue;
    detail::recognize_fetch(r);
  }
  return facts;
}

}  // namespace dockml::shell
