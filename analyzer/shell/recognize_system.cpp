// System package managers: apt-get, apt, apk, yum, dnf, microdnf, zypper.
#include <cstdint>

#include "analyzer/shell/recognize_common.h"

namespace dockml::shell::detail {
namespace {

const OptionTable kAptOptions{{"-o", "--option", "-t", "--target-release", "-c",
                               "--config-file", "-a", "--host-architecture"}};
const OptionTable kApkOptions{{"-t", "--virtual", "-X", "--repository", "-p", "--root",
                               "--arch", "--cache-dir", "--keys-dir", "--repositories-file"}};
const OptionTable kYumOptions{{"--enablerepo", "--disablerepo", "--setopt", "--installroot",
                               "--releasever", "-c", "--config", "-x", "--exclude", "-d",
                               "--debuglevel", "-e", "--errorlevel", "--repo", "--repoid",
                               "--forcearch", "--color", "--downloaddir", "--destdir",
                               "--config-file"}};
const OptionTable kZypperOptions{{"-r", "--repo", "--from", "-t", "--type", "--root",
                                  "-R", "--reposd-dir", "-C", "--cache-dir", "-D", "--releasever"}};

enum class Family { kApt, kApk, kYum, kZypper };

bool family_of(std::string_view n, Family* f) {
  if (n == "apt-get" || n == "apt") *f = Family::kApt;
  else if (n == "apk") *f = Family::kApk;
  else if (n == "yum" || n == "dnf" || n == "microdnf" || n == "tdnf") *f = Family::kYum;
  else if (n == "zypper") *f = Family::kZypper;
  else return false;
  return true;
}

// Canonical subcommand ("in" -> "install" for zypper, "add" stays for apk).
std::string canonical(Family f, const std::string& s) {
  if (f == Family::kZypper) {
    if (s == "in") return "install";
    if (s == "rm") return "remove";
    if (s == "ref") return "refresh";
    if (s == "up") return "update";
    if (s == "dup") return "dist-upgrade";
    if (s == "cc") return "clean";
  }
  return s;
}

SystemPackage parse_package(Family f, const std::string& raw) {
  SystemPackage p;
  p.raw = raw;
  size_t cut = std::string::npos;
  if (f == Family::kApt) {
    cut = raw.find('=');
    size_t slash = raw.find('/');  // pkg/bookworm-backports
    if (slash != std::string::npos && slash < cut) {
      p.name = raw.substr(0, slash);
      if (cut != std::string::npos) p.version = raw.substr(cut + 1);
      return p;
    }
  } else if (f == Family::kApk || f == Family::kZypper) {
    cut = raw.find_first_of("=<>~");
  }
  // yum/dnf pins are `name-version` and cannot be split without the repository: no version.
  p.name = raw.substr(0, cut);
  if (cut != std::string::npos) {
    size_t v = cut;
    while (v < raw.size() && (raw[v] == '=' || raw[v] == '<' || raw[v] == '>' || raw[v] == '~')) {
      ++v;
    }
    p.version = raw.substr(v);
  }
  return p;
}

}  // namespace

bool recognize_system(const Recog& r) {
  std::string_view n = r.cmd.name();
  Family f;
  if (!family_of(n, &f)) return false;
  const ShellCommand& c = r.cmd;
  const OptionTable& table = f == Family::kApt ? kAptOptions
                             : f == Family::kApk ? kApkOptions
                             : f == Family::kYum ? kYumOptions : kZypperOptions;
  std::vector<Arg> args = scan_args(c, c.program + 1, static_cast<uint32_t>(c.argv.size()), table);
  size_t sub_index = args.size();
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i].option) {
      sub_index = i;
      break;
    }
  }
  if (sub_index == args.size()) return false;
  std::string sub = canonical(f, args[sub_index].value);
  if (sub == "clean" || (f == Family::kApk && sub == "cache")) {
    CacheClean cc;
    cc.at = r.at(std::string(n));
    for (size_t i = sub_index + 1; i < args.size(); ++i) {
      if (args[i].option) cc.flags.push_back(args[i].name);
      else if (cc.what.empty()) cc.what = args[i].value;
    }
    if (cc.what.empty()) cc.what = "all";
    r.out.cache_cleans.push_back(std::move(cc));
    return true;
  }
  SystemInstall fact;
  fact.at = r.at(std::string(n));
  fact.subcommand = sub;
  bool packages_follow = is_any(sub, {"install", "add", "remove", "purge", "del", "reinstall",
                                      "upgrade", "update", "erase", "autoremove", "dist-upgrade",
                                      "full-upgrade", "groupinstall", "localinstall"});
  if (f == Family::kApk) fact.yes = true;  // apk never asks
  int quiet = 0;
  uint32_t last_flag_word = UINT32_MAX;
  for (size_t i = 0; i < args.size(); ++i) {
    const Arg& a = args[i];
    if (i == sub_index) continue;
    if (a.option) {
      if (a.word != last_flag_word) {  // a bundle like -qy is one flag word
        fact.flags.push_back(c.argv[a.word].value);
        last_flag_word = a.word;
      }
      if (is_any(a.name, {"-y", "--yes", "--assume-yes", "--non-interactive", "--assumeyes",
                          "--no-confirm", "--noconfirm"})) {
        fact.yes = true;
      }
      if (f == Family::kZypper && a.name == "-n") fact.yes = true;
      if (a.name == "-q" || a.name == "--quiet") {
        ++quiet;
        if (a.has_value && a.value == "2") quiet = 2;
      }
      if (a.name == "--no-install-recommends") fact.no_install_recommends = true;
      if (a.name == "-o" && a.value.find("APT::Install-Recommends") != std::string::npos &&
          (a.value.find("=false") != std::string::npos || a.value.find("=0") != std::string::npos)) {
        fact.no_install_recommends = true;
      }
      if (a.name == "-o" && a.value.find("APT::Get::Assume-Yes") != std::string::npos &&
          a.value.find("=true") != std::string::npos) {
        fact.yes = true;
      }
      if (a.name == "--no-cache") fact.no_cache = true;
      if (is_any(a.name, {"-t", "--virtual"}) && f == Family::kApk) fact.virtual_package = true;
      continue;
    }
    if (i < sub_index || !packages_follow) continue;
    SystemPackage p = parse_package(f, a.value);
    p.ref = r.ref(c.argv[a.word]);
    if (!p.name.empty()) fact.packages.push_back(std::move(p));
  }
  if (f == Family::kApt && quiet >= 2) fact.yes = true;  // -qq implies -y
  // `microdnf` and dnf's `-y` aside, yum/dnf ask unless -y: nothing to add.
  r.out.system.push_back(std::move(fact));
  return true;
}

}  // namespace dockml::shell::detail
