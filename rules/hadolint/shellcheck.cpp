#include "rules/hadolint/shellcheck.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analyzer/engine/options.h"
#include "rules/hadolint/dl_common.h"
#include "rules/hadolint/run_facts.h"

extern char** environ;

namespace dockml::rules::hl {

namespace {

namespace fs = std::filesystem;

constexpr int kTimeoutMs = 60000;

std::string basename_of(std::string_view p) {
  size_t slash = p.rfind('/');
  return std::string(slash == std::string_view::npos ? p : p.substr(slash + 1));
}

// ShellCheck's dialect for the program running the script ("" when ShellCheck has none).
std::string dialect_of(const std::vector<std::string>& shell_argv, std::string_view text) {
  std::vector<std::string> argv;
  if (text.starts_with("#!")) {
    std::string_view line = text.substr(2, text.find('\n') == std::string_view::npos ? text.size() - 2 : text.find('\n') - 2);
    std::string cur;
    for (char c : line) {
      if (c == ' ' || c == '\t' || c == '\r') {
        if (!cur.empty()) argv.push_back(std::move(cur));
        cur.clear();
      } else {
        cur += c;
      }
    }
    if (!cur.empty()) argv.push_back(std::move(cur));
  } else {
    argv = shell_argv;
  }
  if (argv.empty()) return "sh";
  std::string prog = basename_of(argv[0]);
  if (prog == "env" && argv.size() > 1) prog = basename_of(argv[1]);
  if (prog == "bash") return "bash";
  if (prog == "dash") return "dash";
  if (prog == "ksh" || prog == "mksh" || prog == "ksh93") return "ksh";
  if (prog == "sh" || prog == "ash" || prog == "busybox") return "sh";
  return "";
}

bool valid_name(std::string_view n) {
  if (n.empty() || (n[0] >= '0' && n[0] <= '9')) return false;
  for (char c : n)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// Byte offset in `text` of 1-based (line, column) where lines are counted from `first_line` and
// columns are code points (ShellCheck's json1 counts a tab as one column).
std::optional<uint32_t> offset_of(std::string_view text, const std::vector<uint32_t>& starts, int line, int column) {
  if (line < 1 || static_cast<size_t>(line) > starts.size() || column < 1) return std::nullopt;
  uint32_t at = starts[line - 1];
  uint32_t eol = static_cast<size_t>(line) < starts.size() ? starts[line] - 1 : static_cast<uint32_t>(text.size());
  for (int c = 1; c < column && at < eol; ++c) {
    ++at;
    while (at < eol && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

std::optional<Severity> severity_of(std::string_view level) {
  if (level == "error") return Severity::kError;
  if (level == "warning") return Severity::kWarning;
  if (level == "info") return Severity::kInfo;
  if (level == "style") return Severity::kStyle;
  return std::nullopt;
}

// Runs argv[0] with `argv`, returns its standard output (nullopt on failure or timeout).
std::optional<std::string> capture(const std::vector<std::string>& args, std::string& error) {
  int fds[2];
  if (pipe(fds) != 0) { error = "cannot create a pipe"; return std::nullopt; }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    error = fmt::format("cannot run {}", args[0]);
    return std::nullopt;
  }
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMs);
  bool timed_out = false;
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) { timed_out = true; break; }
    pollfd p{fds[0], POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) { timed_out = r == 0; break; }
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (timed_out) { error = "shellcheck timed out"; return std::nullopt; }
  return out;
}

}  // namespace

const std::string& shellcheck_path() {
  static const std::string path = [] {
    const char* env = std::getenv("PATH");
    std::string_view dirs = env != nullptr ? env : "";
    while (!dirs.empty()) {
      size_t colon = dirs.find(':');
      std::string dir(dirs.substr(0, colon));
      dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
      std::string candidate = (dir.empty() ? std::string(".") : dir) + "/shellcheck";
      struct stat st{};
      if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(candidate.c_str(), X_OK) == 0)
        return candidate;
    }
    return std::string();
  }();
  return path;
}

bool shellcheck_selected(const LintOptions& options) {
  auto is_sc = [](std::string_view s) {
    std::string u = dl::lower(s);
    return u == "all" || u.starts_with("sc") || u == "s";
  };
  for (const std::string& s : options.ignore) {
    std::string u = dl::lower(s);
    if (u == "all" || u == "sc" || u == "s") return false;
  }
  if (options.select.empty()) return true;
  for (const std::string& s : options.select)
    if (is_sc(s)) return true;
  return false;
}

std::vector<ShellcheckInput> shellcheck_inputs(const FileContext& ctx) {
  std::vector<ShellcheckInput> inputs;
  if (ctx.dockerfile == nullptr) return inputs;
  std::optional<BuildScope> own;
  const BuildScope& scope = dl::scope_of(ctx, own);
  const auto& all = ctx.dockerfile->instructions;
  for (size_t i = 0; i < all.size(); ++i) {
    const RunFacts* rf = run_facts(ctx, all[i]);
    if (rf == nullptr || rf->run->json_form) continue;
    const shell::ShellScript& s = *rf->script;
    if ((s.status != shell::ScriptStatus::kOk && s.status != shell::ScriptStatus::kTruncated) || s.text.empty())
      continue;
    std::string dialect = dialect_of(rf->shell, s.text);
    if (dialect.empty()) continue;
    ShellcheckInput in;
    in.script = &s;
    in.file_text = "#!/bin/" + dialect + "\n";
    in.header_lines = 1;
    std::vector<std::string> names;
    for (const VarBinding* b : scope.visible(i)) names.push_back(b->name);
    for (std::string_view p : {"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy",
                               "https_proxy", "ftp_proxy", "no_proxy", "all_proxy"})
      names.emplace_back(p);
    for (const std::string& n : names) {
      if (!valid_name(n)) continue;
      in.file_text += "export " + n + "=1\n";
      ++in.header_lines;
    }
    std::string body = s.text;
    if (body.starts_with("#!")) body.erase(0, std::min(body.find('\n'), body.size()));
    in.file_text += body;
    if (!in.file_text.ends_with("\n")) in.file_text += "\n";
    inputs.push_back(std::move(in));
  }
  return inputs;
}

std::optional<std::string> run_shellcheck(const FileContext& ctx, std::vector<Diagnostic>& out) {
  const std::string& program = shellcheck_path();
  if (program.empty()) return "shellcheck is not on PATH";
  std::vector<ShellcheckInput> inputs = shellcheck_inputs(ctx);
  if (inputs.empty()) return std::nullopt;

  std::error_code ec;
  std::string templ = (fs::temp_directory_path(ec) / "dockml-shellcheck-XXXXXX").string();
  if (ec || mkdtemp(templ.data()) == nullptr) return "cannot create a temporary directory";
  fs::path dir = templ;
  std::vector<std::string> args = {program, "--format=json1", "--norc", "--exclude=SC1090,SC1091,SC2187"};
  std::map<std::string, size_t> by_file;
  for (size_t k = 0; k < inputs.size(); ++k) {
    std::string file = (dir / fmt::format("run-{}.sh", k)).string();
    std::ofstream f(file, std::ios::binary);
    f << inputs[k].file_text;
    if (!f) {
      fs::remove_all(dir, ec);
      return "cannot write a temporary file";
    }
    by_file[file] = k;
    args.push_back(file);
  }
  std::string error;
  std::optional<std::string> output = capture(args, error);
  fs::remove_all(dir, ec);
  if (!output) return error;

  nlohmann::json j = nlohmann::json::parse(*output, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("comments") || !j["comments"].is_array()) return "unreadable shellcheck output";
  std::vector<std::vector<uint32_t>> line_starts(inputs.size());
  try {
    for (const nlohmann::json& c : j["comments"]) {
      auto it = by_file.find(c.value("file", std::string()));
      if (it == by_file.end()) continue;
      const ShellcheckInput& in = inputs[it->second];
      const auto& script = *static_cast<const shell::ShellScript*>(in.script);
      std::vector<uint32_t>& starts = line_starts[it->second];
      if (starts.empty()) {
        starts.push_back(0);
        for (uint32_t i = 0; i < script.text.size(); ++i)
          if (script.text[i] == '\n') starts.push_back(i + 1);
      }
      int shift = static_cast<int>(in.header_lines);
      auto b = offset_of(script.text, starts, c.value("line", 0) - shift, c.value("column", 0));
      auto e = offset_of(script.text, starts, c.value("endLine", 0) - shift, c.value("endColumn", 0));
      std::optional<Severity> sev = severity_of(c.value("level", std::string()));
      if (!b || !sev) continue;
      uint32_t end = e && *e > *b ? *e : std::min<uint32_t>(*b + 1, static_cast<uint32_t>(script.text.size()));
      if (end <= *b) continue;
      Diagnostic& d = out.emplace_back();
      d.code = fmt::format("SC{}", c.value("code", 0));
      d.severity = *sev;
      d.message = c.value("message", std::string());
      d.source = ctx.source;
      d.span = script.to_source(*b, end);
    }
  } catch (const nlohmann::json::exception&) {
    return "unreadable shellcheck output";
  }
  return std::nullopt;
}

}  // namespace dockml::rules::hl
