// Downloads and file removal: curl, wget, git clone, huggingface-cli/hf download, rm.
#include <cstdlib>

#include "analyzer/shell/recognize_common.h"

namespace dockml::shell::detail {
namespace {

const OptionTable kCurlOptions{{
    "-o", "--output", "-H", "--header", "-d", "--data", "-u", "--user", "-X", "--request",
    "-A", "--user-agent", "-e", "--referer", "--retry", "--connect-timeout", "-m",
    "--max-time", "--output-dir", "-w", "--write-out", "-T", "--upload-file", "--cacert",
    "--cert", "--key", "-b", "--cookie", "-c", "--cookie-jar", "-F", "--form", "--data-binary",
    "--data-raw", "--data-urlencode", "-x", "--proxy", "-r", "--range", "--limit-rate", "-K",
    "--config", "-z", "--time-cond", "-E", "--resolve", "--retry-delay", "--retry-max-time",
    "-C", "--continue-at", "--proto", "--proto-redir", "--max-redirs", "--url", "-Y", "-y",
    "--interface", "--dns-servers", "--capath", "--ciphers", "--connect-to", "--oauth2-bearer",
    "--netrc-file", "--speed-limit", "--speed-time", "-U", "--proxy-user", "--stderr",
    "--trace", "--trace-ascii", "-D", "--dump-header", "--tlsv", "--unix-socket"}};

const OptionTable kWgetOptions{{
    "-O", "--output-document", "-P", "--directory-prefix", "-t", "--tries", "-T", "--timeout",
    "--header", "--user", "--password", "-U", "--user-agent", "-i", "--input-file", "-o",
    "--output-file", "-a", "--append-output", "--post-data", "--post-file", "-e", "--execute",
    "--ca-certificate", "--certificate", "-w", "--wait", "--limit-rate", "-Q", "--quota",
    "--progress", "-l", "--level", "-A", "--accept", "-R", "--reject", "-B", "--base",
    "--http-user", "--http-password", "--referer", "-D", "--domains", "--cut-dirs"}};

const OptionTable kGitCloneOptions{{
    "-b", "--branch", "--depth", "-o", "--origin", "-c", "--config", "--reference",
    "--separate-git-dir", "-j", "--jobs", "--filter", "--shallow-since", "--shallow-exclude",
    "--template", "-u", "--upload-pack", "--reference-if-able", "--server-option",
    "--bundle-uri", "--ref-format"}};

const OptionTable kHfOptions{{
    "--revision", "--local-dir", "--repo-type", "--cache-dir", "--token", "--include",
    "--exclude", "--local-dir-use-symlinks", "--max-workers", "--etag-timeout"}};

// The command that reads this command's stdout through a pipe ("" when none).
std::string piped_to(const Recog& r) {
  if (r.cmd.after != Connector::kPipe || r.cmd.pipeline < 0) return "";
  for (size_t i = r.index + 1; i < r.script.commands.size(); ++i) {
    const ShellCommand& next = r.script.commands[i];
    if (next.pipeline == r.cmd.pipeline && next.pipeline_index == r.cmd.pipeline_index + 1) {
      return std::string(next.name());
    }
  }
  return "";
}

std::string redirect_output(const ShellCommand& c) {
  for (const Redirect& red : c.redirects) {
    if (red.op == ">" || red.op == ">>" || red.op == "1>" || red.op == ">|") return red.target.value;
  }
  return "";
}

bool recognize_curl(const Recog& r) {
  const ShellCommand& c = r.cmd;
  Download d;
  d.at = r.at("curl");
  for (const Arg& a : scan_args(c, c.program + 1, static_cast<uint32_t>(c.argv.size()),
                                kCurlOptions)) {
    if (!a.option || a.name == "--url") {
      if (!a.has_value) continue;
      d.urls.push_back(a.value);
      d.url_refs.push_back(a.option ? value_ref(r, a) : r.ref(c.argv[a.word]));
      continue;
    }
    const std::string& n = a.name;
    if (is_any(n, {"-o", "--output"})) d.output = a.value;
    else if (is_any(n, {"-O", "--remote-name", "--remote-name-all"})) d.remote_name = true;
    else if (n == "--output-dir") d.output_dir = a.value;
    else if (is_any(n, {"-f", "--fail", "--fail-with-body"})) d.fail_on_error = true;
    else if (is_any(n, {"-k", "--insecure"})) d.insecure = true;
    else if (is_any(n, {"-L", "--location"})) d.follow_redirects = true;
  }
  if (d.output.empty() && !d.remote_name) d.output = redirect_output(c);
  if (d.output.empty() && !d.remote_name) d.output = "-";
  d.piped_to = piped_to(r);
  r.out.downloads.push_back(std::move(d));
  return true;
}

bool recognize_wget(const Recog& r) {
  const ShellCommand& c = r.cmd;
  Download d;
  d.at = r.at("wget");
  d.fail_on_error = true;
  d.follow_redirects = true;
  for (const Arg& a : scan_args(c, c.program + 1, static_cast<uint32_t>(c.argv.size()),
                                kWgetOptions)) {
    if (!a.option) {
      d.urls.push_back(a.value);
      d.url_refs.push_back(r.ref(c.argv[a.word]));
      continue;
    }
    const std::string& n = a.name;
    if (is_any(n, {"-O", "--output-document"})) d.output = a.value;
    else if (is_any(n, {"-P", "--directory-prefix"})) d.output_dir = a.value;
    else if (n == "--no-check-certificate") d.insecure = true;
  }
  if (d.output.empty()) d.remote_name = true;
  d.piped_to = piped_to(r);
  r.out.downloads.push_back(std::move(d));
  return true;
}

bool recognize_git(const Recog& r) {
  const ShellCommand& c = r.cmd;
  // Global options before the subcommand: -C DIR, -c key=value, --git-dir=..., ...
  uint32_t i = c.program + 1;
  while (i < c.argv.size() && !c.argv[i].value.empty() && c.argv[i].value[0] == '-') {
    i += is_any(c.argv[i].value, {"-C", "-c"}) ? 2 : 1;
  }
  if (i >= c.argv.size() || c.argv[i].value != "clone") return false;
  GitClone g;
  g.at = r.at("git clone");
  int positional = 0;
  for (const Arg& a : scan_args(c, i + 1, static_cast<uint32_t>(c.argv.size()),
                                kGitCloneOptions)) {
    if (!a.option) {
      if (positional == 0) {
        g.url = a.value;
        g.url_ref = r.ref(c.argv[a.word]);
      } else if (positional == 1) {
        g.directory = a.value;
      }
      ++positional;
      continue;
    }
    if (is_any(a.name, {"-b", "--branch"})) g.branch = a.value;
    else if (a.name == "--depth") g.depth = std::atoi(a.value.c_str());
    else if (is_any(a.name, {"--recursive", "--recurse-submodules"})) g.recursive = true;
  }
  if (g.url.empty()) return false;
  r.out.git_clones.push_back(std::move(g));
  return true;
}

bool recognize_hf(const Recog& r, std::string_view tool) {
  const ShellCommand& c = r.cmd;
  if (c.arg_count() == 0 || c.arg(0).value != "download") return false;
  ModelDownload m;
  m.at = r.at(std::string(tool) + " download");
  for (const Arg& a : scan_args(c, c.program + 2, static_cast<uint32_t>(c.argv.size()),
                                kHfOptions)) {
    if (!a.option) {
      if (m.repo_id.empty()) {
        m.repo_id = a.value;
        m.repo_ref = r.ref(c.argv[a.word]);
      } else {
        m.files.push_back(a.value);
      }
      continue;
    }
    if (a.name == "--revision") m.revision = a.value;
    else if (a.name == "--local-dir") m.local_dir = a.value;
    else if (a.name == "--repo-type") m.repo_type = a.value;
    else if (a.name == "--cache-dir") m.cache_dir = a.value;
    else if (a.name == "--token" && a.has_value) m.token_on_command_line = true;
  }
  if (m.repo_id.empty()) return false;
  r.out.model_downloads.push_back(std::move(m));
  return true;
}

bool recognize_rm(const Recog& r) {
  const ShellCommand& c = r.cmd;
  bool any = false;
  for (const Arg& a : scan_args(c, c.program + 1, static_cast<uint32_t>(c.argv.size()), {{}})) {
    if (a.option) continue;
    RemovedPath p;
    p.at = r.at("rm");
    p.path = a.value;
    p.path_ref = r.ref(c.argv[a.word]);
    r.out.removed_paths.push_back(std::move(p));
    any = true;
  }
  return any;
}

}  // namespace

bool recognize_fetch(const Recog& r) {
  std::string_view n = r.cmd.name();
  if (n == "curl") return recognize_curl(r);
  if (n == "wget") return recognize_wget(r);
  if (n == "git") return recognize_git(r);
  if (n == "huggingface-cli" || n == "hf") return recognize_hf(r, n);
  if (n == "rm") return recognize_rm(r);
  return false;
}

}  // namespace dockml::shell::detail
