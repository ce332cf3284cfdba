// pip / pip3 / pipX.Y, python[X[.Y]] -m pip, uv pip / uv add, pipx.
#include <cctype>
#include <cstdint>

#include "analyzer/model/pep508.h"
#include "analyzer/shell/recognize_common.h"

namespace dockml::shell::detail {
namespace {

// pip's (and uv pip's) options that take a value.
const OptionTable kPipOptions{{
    "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
    "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
    "--platform", "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy",
    "--progress-bar", "--no-binary", "--only-binary", "--trusted-host", "--cache-dir", "--log",
    "--proxy", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert", "-C",
    "--config-settings", "--global-option", "--install-option", "--report", "--python",
    "--root-user-action", "--keyring-provider", "--index", "--default-index", "-p",
    "--torch-backend", "--index-strategy", "--extra", "--group", "--resolution", "--prerelease",
    "--python-platform", "-o", "--output-file", "-d", "--dest", "--dev", "--optional",
    "--package", "--link-mode", "--overrides", "--build-constraints", "--exclude-newer",
    "--pip-args", "--spec", "--suffix", "--index-url-pipx"}};

// `python3.10` -> true; also python, python3, python3.12.
bool is_python(std::string_view n) {
  if (n.substr(0, 6) != "python") return false;
  for (char c : n.substr(6)) {
    if (!(c >= '0' && c <= '9') && c != '.') return false;
  }
  return true;
}

// pip, pip3, pip3.10.
bool is_pip(std::string_view n) {
  if (n.substr(0, 3) != "pip") return false;
  for (char c : n.substr(3)) {
    if (!(c >= '0' && c <= '9') && c != '.') return false;
  }
  return true;
}

void add_requirement(const Recog& r, PipInstall& fact, const Arg& a, bool editable) {
  const ShellWord& w = r.cmd.argv[a.value_word];
  Pep508Result parsed = parse_requirement(a.value, true);
  uint32_t off = (a.option && a.value_word == a.word) ? a.value_offset : 0;
  PipRequirement req;
  if (parsed.ok()) {
    req = std::move(parsed.requirement);
    if (!parsed.name.empty()) req.name_ref = r.ref(w, off + parsed.name.begin, off + parsed.name.end);
    if (!parsed.specifier.empty()) {
      req.specifier_ref = r.ref(w, off + parsed.specifier.begin, off + parsed.specifier.end);
    } else {
      req.specifier_ref = SourceRef{r.source, Span{req.name_ref.span.end, req.name_ref.span.end}};
    }
  } else if (!w.is_static) {
    // `torch==${TORCH_VERSION}`: keep the name when it is literal; the rest is unknown.
    size_t i = 0;
    while (i < a.value.size() && (std::isalnum(static_cast<unsigned char>(a.value[i])) ||
                                  a.value[i] == '-' || a.value[i] == '_' || a.value[i] == '.')) {
      ++i;
    }
    std::string name = a.value.substr(0, i);
    req.raw = a.value;
    if (is_valid_package_name(name)) {
      req.display_name = name;
      req.name = normalize_package_name(name);
      req.name_ref = r.ref(w, off, off + static_cast<uint32_t>(i));
      req.specifier = a.value.substr(i);
    }
  } else {
    fact.errors.push_back("'" + a.value + "': " + parsed.error);
    return;
  }
  req.is_static = w.is_static;
  req.editable = editable;
  req.ref = value_ref(r, a);
  if (req.name_ref.span.empty() && req.name.empty()) req.name_ref = req.ref;
  fact.requirements.push_back(std::move(req));
}

// Options and requirement arguments of `pip install ...` from argv[from].
void parse_pip_args(const Recog& r, PipInstall& fact, uint32_t from, bool positional_reqs,
                    uint32_t to = UINT32_MAX) {
  for (const Arg& a : scan_args(r.cmd, from, to, kPipOptions)) {
    if (!a.option) {
      if (positional_reqs) add_requirement(r, fact, a, false);
      continue;
    }
    PipOptions& o = fact.options;
    const std::string& n = a.name;
    if (is_any(n, {"-r", "--requirement"}) && a.has_value) {
      o.requirement_files.push_back(a.value);
    } else if (is_any(n, {"-c", "--constraint", "--overrides"}) && a.has_value) {
      o.constraint_files.push_back(a.value);
    } else if (is_any(n, {"-e", "--editable"}) && a.has_value) {
      add_requirement(r, fact, a, true);
    } else if (is_any(n, {"-i", "--index-url", "--default-index"}) && a.has_value) {
      o.index_urls.push_back(a.value);
    } else if (is_any(n, {"--extra-index-url", "--index"}) && a.has_value) {
      o.extra_index_urls.push_back(a.value);
    } else if (is_any(n, {"-f", "--find-links"}) && a.has_value) {
      o.find_links.push_back(a.value);
    } else if (is_any(n, {"--trusted-host"}) && a.has_value) {
      o.trusted_hosts.push_back(a.value);
    } else if (n == "--no-binary" && a.has_value) {
      o.no_binary.push_back(a.value);
    } else if (n == "--only-binary" && a.has_value) {
      o.only_binary.push_back(a.value);
    } else if (is_any(n, {"--no-cache-dir", "--no-cache"})) {
      o.no_cache_dir = true;
    } else if (n == "--no-build-isolation") {
      o.no_build_isolation = true;
    } else if (is_any(n, {"-U", "--upgrade"})) {
      o.upgrade = true;
    } else if (n == "--user") {
      o.user = true;
    } else if (is_any(n, {"--pre", "--prerelease"})) {
      o.pre = true;
    } else if (n == "--no-deps") {
      o.no_deps = true;
    } else if (n == "--no-index") {
      o.no_index = true;
    } else if (n == "--prefer-binary") {
      o.prefer_binary = true;
    } else if (n == "--require-hashes") {
      o.require_hashes = true;
    } else if (n == "--break-system-packages") {
      fact.break_system_packages = true;
    } else if (n == "--system") {
      fact.system = true;
    }
  }
}

// `pip [global options] SUBCOMMAND ...` starting at argv[from]; `tool` names the invocation.
bool recognize_pip_cli(const Recog& r, uint32_t from, std::string tool, std::string python) {
  // Find the subcommand after global options (which parse_pip_args reads too).
  uint32_t sub = from;
  std::vector<Arg> head = scan_args(r.cmd, from, static_cast<uint32_t>(r.cmd.argv.size()),
                                    kPipOptions);
  bool found = false;
  for (const Arg& a : head) {
    if (!a.option) {
      sub = a.word;
      found = true;
      break;
    }
  }
  if (!found) return false;
  const std::string& s = r.cmd.argv[sub].value;
  if (s == "cache") {
    CacheClean c;
    c.at = r.at(tool);
    c.what = sub + 1 < r.cmd.argv.size() ? r.cmd.argv[sub + 1].value : "";
    r.out.cache_cleans.push_back(std::move(c));
    return true;
  }
  if (!is_any(s, {"install", "uninstall", "download", "wheel"})) return false;
  PipInstall fact;
  fact.at = r.at(std::move(tool));
  fact.subcommand = s;
  fact.python = std::move(python);
  parse_pip_args(r, fact, from, false, sub);  // global options before the subcommand
  parse_pip_args(r, fact, sub + 1, true);
  r.out.pip.push_back(std::move(fact));
  return true;
}

// `python3 [-u -B ...] -m pip ...`.
bool recognize_python_m(const Recog& r) {
  const ShellCommand& c = r.cmd;
  std::string python(c.name());
  for (uint32_t i = c.program + 1; i < c.argv.size(); ++i) {
    const std::string& v = c.argv[i].value;
    if (v == "-m" || v.rfind("-m", 0) == 0) {
      std::string module = v == "-m" ? (i + 1 < c.argv.size() ? c.argv[i + 1].value : "")
                                     : v.substr(2);
      uint32_t next = v == "-m" ? i + 2 : i + 1;
      if (module == "pip" || module == "pip3") {
        return recognize_pip_cli(r, next, python + " -m pip", python);
      }
      if (module == "uv" && next < c.argv.size() && c.argv[next].value == "pip") {
        return recognize_pip_cli(r, next + 1, python + " -m uv pip", python);
      }
      return false;
    }
    if (v == "-c" || v.empty() || v[0] != '-') return false;  // a script or -c code
    if (is_any(v, {"-X", "-W"})) ++i;
  }
  return false;
}

bool recognize_uv(const Recog& r) {
  const ShellCommand& c = r.cmd;
  std::vector<Arg> args = scan_args(c, c.program + 1, static_cast<uint32_t>(c.argv.size()),
                                    kPipOptions);
  const Arg* first = nullptr;
  for (const Arg& a : args) {
    if (!a.option) {
      first = &a;
      break;
    }
  }
  if (first == nullptr) return false;
  if (first->value == "pip") return recognize_pip_cli(r, first->word + 1, "uv pip", "");
  if (first->value == "cache") {
    CacheClean cc;
    cc.at = r.at("uv");
    cc.what = first->word + 1 < c.argv.size() ? c.argv[first->word + 1].value : "";
    r.out.cache_cleans.push_back(std::move(cc));
    return true;
  }
  bool tool_install = first->value == "tool" && first->word + 1 < c.argv.size() &&
                      c.argv[first->word + 1].value == "install";
  if (first->value != "add" && !tool_install) return false;
  PipInstall fact;
  fact.at = r.at(tool_install ? "uv tool" : "uv");
  fact.subcommand = tool_install ? "install" : "add";
  parse_pip_args(r, fact, first->word + (tool_install ? 2 : 1), true);
  r.out.pip.push_back(std::move(fact));
  return true;
}

bool recognize_pipx(const Recog& r) {
  const ShellCommand& c = r.cmd;
  if (c.arg_count() == 0) return false;
  const std::string& sub = c.arg(0).value;
  PipInstall fact;
  fact.at = r.at("pipx");
  if (sub == "install") {
    fact.subcommand = "install";
    parse_pip_args(r, fact, c.program + 2, true);
  } else if (sub == "inject" && c.arg_count() >= 2) {
    fact.subcommand = "inject";
    parse_pip_args(r, fact, c.program + 3, true);  // after the venv name
  } else if (sub == "runpip" && c.arg_count() >= 3) {
    return recognize_pip_cli(r, c.program + 3, "pipx runpip", "");
  } else {
    return false;
  }
  r.out.pip.push_back(std::move(fact));
  return true;
}

}  // namespace

bool recognize_pip(const Recog& r) {
  std::string_view n = r.cmd.name();
  if (is_pip(n)) return recognize_pip_cli(r, r.cmd.program + 1, std::string(n), "");
  if (is_python(n)) return recognize_python_m(r);
  if (n == "uv") return recognize_uv(r);
  if (n == "pipx") return recognize_pipx(r);
  return false;
}

}  // namespace dockml::shell::detail
