// Language package managers: npm, yarn, pnpm, gem, go install/get.
#include "analyzer/shell/recognize_common.h"

namespace dockml::shell::detail {
namespace {

const OptionTable kNodeOptions{{"--prefix", "--registry", "--cache", "--userconfig",
                                "--network-timeout", "--modules-folder", "--cwd", "--loglevel",
                                "-C", "--dir", "--filter"}};
const OptionTable kGemOptions{{"-v", "--version", "-i", "--install-dir", "-n", "--bindir",
                               "-s", "--source", "--platform", "-P", "--trust-policy", "-g",
                               "--file"}};
const OptionTable kGoOptions{{"-ldflags", "-gcflags", "-tags", "-mod", "-modfile", "-o",
                              "-p", "-pkgdir", "-toolexec", "-asmflags", "-buildmode",
                              "-compiler", "-overlay", "-pgo", "-C"},
                             true};

// "@scope/name@1.2.3" -> ("@scope/name", "1.2.3"); "left-pad@^1" -> ("left-pad", "^1").
void split_at_version(const std::string& raw, size_t search_from, std::string* name,
                      std::string* version) {
  size_t at = raw.find('@', search_from);
  *name = raw.substr(0, at);
  if (at != std::string::npos) *version = raw.substr(at + 1);
}

bool recognize_node(const Recog& r, std::string_view tool) {
  const ShellCommand& c = r.cmd;
  std::vector<Arg> args = scan_args(c, c.program + 1, static_cast<uint32_t>(c.argv.size()),
                                    kNodeOptions);
  std::vector<const Arg*> positional;
  for (const Arg& a : args) {
    if (!a.option) positional.push_back(&a);
  }
  std::string sub = positional.empty() ? (tool == "yarn" ? "install" : "") : positional[0]->value;
  size_t first_pkg = 1;
  if (sub == "global" && positional.size() >= 2) {
    sub = "global " + positional[1]->value;
    first_pkg = 2;
  }
  if (sub == "cache") {
    CacheClean cc;
    cc.at = r.at(std::string(tool));
    cc.what = positional.size() >= 2 ? positional[1]->value : "";
    for (const Arg& a : args) {
      if (a.option) cc.flags.push_back(a.name);
    }
    r.out.cache_cleans.push_back(std::move(cc));
    return true;
  }
  if (sub == "i") sub = "install";
  if (!is_any(sub, {"install", "ci", "add", "global add", "update", "upgrade"})) return false;
  NodeInstall fact;
  fact.at = r.at(std::string(tool));
  fact.subcommand = sub;
  fact.global = sub == "global add";
  for (const Arg& a : args) {
    if (!a.option) continue;
    if (is_any(a.name, {"-g", "--global"})) fact.global = true;
    if (is_any(a.name, {"--production", "--prod", "-P"}) ||
        (a.name == "--omit" && a.value == "dev")) {
      fact.production = true;
    }
  }
  for (size_t i = first_pkg; i < positional.size(); ++i) {
    NodeInstall::Package p;
    p.raw = positional[i]->value;
    split_at_version(p.raw, (!p.raw.empty() && p.raw[0] == '@') ? 1 : 0, &p.name, &p.version);
    p.ref = r.ref(c.argv[positional[i]->word]);
    fact.packages.push_back(std::move(p));
  }
  r.out.node.push_back(std::move(fact));
  return true;
}

bool recognize_gem(const Recog& r) {
  const ShellCommand& c = r.cmd;
  if (c.arg_count() == 0 || c.arg(0).value != "install") return false;
  GemInstall fact;
  fact.at = r.at("gem");
  std::string version;
  for (const Arg& a : scan_args(c, c.program + 2, static_cast<uint32_t>(c.argv.size()),
                                kGemOptions)) {
    if (a.option) {
      if (is_any(a.name, {"-v", "--version"})) version = a.value;
      if (is_any(a.name, {"--no-document", "-N", "--no-ri", "--no-rdoc"})) fact.no_document = true;
      continue;
    }
    GemInstall::Package p;
    p.raw = a.value;
    size_t colon = a.value.find(':');  // rails:7.0.0
    p.name = a.value.substr(0, colon);
    if (colon != std::string::npos) p.version = a.value.substr(colon + 1);
    p.ref = r.ref(c.argv[a.word]);
    fact.packages.push_back(std::move(p));
  }
  if (!version.empty()) {
    for (GemInstall::Package& p : fact.packages) {
      if (p.version.empty()) p.version = version;
    }
  }
  r.out.gem.push_back(std::move(fact));
  return true;
}

bool recognize_go(const Recog& r) {
  const ShellCommand& c = r.cmd;
  if (c.arg_count() == 0 || !is_any(c.arg(0).value, {"install", "get"})) return false;
  GoInstall fact;
  fact.at = r.at("go " + c.arg(0).value);
  for (const Arg& a : scan_args(c, c.program + 2, static_cast<uint32_t>(c.argv.size()),
                                kGoOptions)) {
    if (a.option) continue;
    GoInstall::Package p;
    p.raw = a.value;
    size_t at = a.value.rfind('@');
    p.path = a.value.substr(0, at);
    if (at != std::string::npos) p.version = a.value.substr(at + 1);
    p.ref = r.ref(c.argv[a.word]);
    fact.packages.push_back(std::move(p));
  }
  r.out.go.push_back(std::move(fact));
  return true;
}

}  // namespace

bool recognize_lang(const Recog& r) {
  std::string_view n = r.cmd.name();
  if (n == "npm" || n == "yarn" || n == "pnpm") return recognize_node(r, n);
  if (n == "gem") return recognize_gem(r);
  if (n == "go") return recognize_go(r);
  return false;
}

}  // namespace dockml::shell::detail
