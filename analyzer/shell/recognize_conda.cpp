// conda / mamba / micromamba: install, create, update, remove, env create|update -f, clean.
#include <cctype>

#include "analyzer/shell/recognize_common.h"

namespace dockml::shell::detail {
namespace {

const OptionTable kCondaOptions{{
    "-n", "--name", "-p", "--prefix", "-c", "--channel", "-f", "--file", "--repodata-fn",
    "--solver", "-r", "--root-prefix", "--platform", "--subdir", "--experimental-solver",
    "--rc-file", "--strict-channel-priority-x", "--channel-priority", "--category",
    "--condarc", "--log-level", "--cmd"}};

bool is_conda(std::string_view n) {
  return n == "conda" || n == "mamba" || n == "micromamba";
}

// "conda-forge::pytorch-cuda=12.1", "pytorch==2.1.0", "cudatoolkit=11.8.*", "numpy>=1.2",
// "pytorch=2.1.0=py3.10_cuda11.8_cudnn8.7.0_0".
CondaPackage parse_spec(std::string_view raw) {
  CondaPackage p;
  p.raw = std::string(raw);
  std::string_view s = raw;
  size_t colons = s.find("::");
  if (colons != std::string_view::npos) {
    p.channel = std::string(s.substr(0, colons));
    s = s.substr(colons + 2);
  }
  size_t i = 0;
  while (i < s.size() && s[i] != '=' && s[i] != '<' && s[i] != '>' && s[i] != '!' &&
         s[i] != '~' && s[i] != ' ' && s[i] != '[') {
    ++i;
  }
  for (char c : s.substr(0, i)) {
    p.name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::string_view rest = s.substr(i);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.substr(0, 2) == "==") {
    p.version = std::string(rest.substr(2));
  } else if (!rest.empty() && rest.front() == '=') {
    rest.remove_prefix(1);
    size_t eq = rest.find('=');
    p.version = std::string(rest.substr(0, eq));
    if (eq != std::string_view::npos) p.build = std::string(rest.substr(eq + 1));
  } else {
    p.version = std::string(rest);
  }
  return p;
}

}  // namespace

bool recognize_conda(const Recog& r) {
  std::string_view n = r.cmd.name();
  if (!is_conda(n)) return false;
  const ShellCommand& c = r.cmd;
  std::vector<Arg> args = scan_args(c, c.program + 1, static_cast<uint32_t>(c.argv.size()),
                                    kCondaOptions);
  // Subcommand: the first positional ("env" takes a second one).
  size_t sub_index = args.size();
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i].option) {
      sub_index = i;
      break;
    }
  }
  if (sub_index == args.size()) return false;
  std::string sub = args[sub_index].value;
  size_t first_operand = sub_index + 1;
  if (sub == "env" && first_operand < args.size() && !args[first_operand].option) {
    sub += " " + args[first_operand].value;
    ++first_operand;
  }
  if (sub == "clean") {
    CacheClean cc;
    cc.at = r.at(std::string(n));
    // clean's -f is --force (not --file): rescan without option values.
    for (const Arg& a : scan_args(c, c.program + 1, static_cast<uint32_t>(c.argv.size()), {})) {
      if (a.option) cc.flags.push_back(a.name);
    }
    for (const std::string& f : cc.flags) {
      if (f == "-a" || f == "--all") cc.what = "all";
    }
    if (cc.what.empty() && !cc.flags.empty()) cc.what = cc.flags.front();
    r.out.cache_cleans.push_back(std::move(cc));
    return true;
  }
  if (!is_any(sub, {"install", "create", "update", "upgrade", "remove", "uninstall",
                    "env create", "env update"})) {
    return false;
  }
  CondaInstall fact;
  fact.at = r.at(std::string(n));
  fact.subcommand = sub;
  for (size_t i = 0; i < args.size(); ++i) {
    const Arg& a = args[i];
    if (i == sub_index || (i > sub_index && i < first_operand)) continue;
    if (!a.option) {
      if (i < sub_index) continue;
      CondaPackage p = parse_spec(a.value);
      p.ref = r.ref(c.argv[a.word]);
      if (!p.name.empty()) fact.packages.push_back(std::move(p));
      continue;
    }
    if (is_any(a.name, {"-c", "--channel"}) && a.has_value) {
      fact.channels.push_back(a.value);
    } else if (is_any(a.name, {"-f", "--file"}) && a.has_value) {
      fact.files.push_back(a.value);
      fact.file_refs.push_back(value_ref(r, a));
    } else if (is_any(a.name, {"-n", "--name"}) && a.has_value) {
      fact.env_name = a.value;
    } else if (is_any(a.name, {"-p", "--prefix"}) && a.has_value) {
      fact.prefix = a.value;
    } else if (is_any(a.name, {"-y", "--yes"})) {
      fact.yes = true;
    } else if (a.name == "--override-channels") {
      fact.override_channels = true;
    } else if (a.name == "--no-update-deps" || a.name == "--freeze-installed") {
      fact.no_update_deps = true;
    }
  }
  // `conda env create` reads environment.yml from the working directory by default.
  if (sub == "env create" && fact.files.empty()) {
    fact.files.push_back("environment.yml");
    fact.file_refs.push_back(fact.at.ref);
  }
  r.out.conda.push_back(std::move(fact));
  return true;
}

}  // namespace dockml::shell::detail
