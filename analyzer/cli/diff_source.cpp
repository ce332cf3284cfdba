// Running git for pull-request mode and mapping diagnostics onto the diff.
#include "analyzer/cli/diff_source.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>

extern char** environ;

namespace dockml {

namespace {

namespace fs = std::filesystem;

// Runs argv (looked up on PATH) with stdout captured and stderr discarded.
bool run_capture(const std::vector<std::string>& args, std::string& out, int& status) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (rc != 0) {
    ::close(pipe_fds[0]);
    return false;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(pipe_fds[0], buf, sizeof buf);
    if (n > 0) out.append(buf, static_cast<size_t>(n));
    else if (n < 0 && errno == EINTR) continue;
    else break;
  }
  ::close(pipe_fds[0]);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {}
  status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128;
  return true;
}

std::string real_path(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  if (ec) return p.lexically_normal().generic_string();
  fs::path c = fs::weakly_canonical(abs, ec);
  return (ec ? abs.lexically_normal() : c).generic_string();
}

// The directory `git -C` should run in for a linted path.
std::string start_dir(const std::vector<std::string>& paths) {
  std::string first = paths.empty() || paths[0] == "-" ? "." : paths[0];
  std::error_code ec;
  fs::path p(first);
  if (!fs::is_directory(p, ec)) p = p.parent_path();
  if (p.empty()) p = ".";
  return p.string();
}

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

bool load_diff_scope(const std::string& diff_base, const std::string& diff_file,
                     const std::vector<std::string>& paths, DiffScope& scope, std::string& error) {
  std::string dir = start_dir(paths);
  std::string top;
  int status = 0;
  bool git_ok = run_capture({"git", "-C", dir, "rev-parse", "--show-toplevel"}, top, status);
  bool in_repo = git_ok && status == 0 && !trim_newline(top).empty();

  std::string text;
  if (!diff_base.empty()) {
    if (!git_ok) {
      error = "--diff-base: cannot run git (is it installed?)";
      return false;
    }
    if (!in_repo) {
      error = fmt::format("--diff-base: {} is not inside a git repository", dir);
      return false;
    }
    std::string root = trim_newline(top);
    std::string ignored;
    if (diff_base.empty() || diff_base.front() == '-' ||
        !run_capture({"git", "-C", root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                      diff_base + "^{commit}"}, ignored, status) || status != 0) {
      error = fmt::format("--diff-base {}: unknown revision in {}", diff_base, root);
      return false;
    }
    if (!run_capture({"git", "-C", root, "diff", "--unified=0", "--no-color", "--no-ext-diff", "-M",
                      "--src-prefix=a/", "--dst-prefix=b/", diff_base, "--"}, text, status) ||
        status != 0) {
      error = fmt::format("--diff-base {}: git diff failed in {}", diff_base, root);
      return false;
    }
  } else if (diff_file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(diff_file, std::ios::binary);
    if (!in) {
      error = fmt::format("--diff-file {}: cannot read the file", diff_file);
      return false;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) {
      error = fmt::format("--diff-file {}: read error", diff_file);
      return false;
    }
  }
  scope.repo_root = real_path(in_repo ? fs::path(trim_newline(top)) : fs::current_path());
  scope.changes = parse_unified_diff(text);
  return true;
}

bool in_diff_scope(const DiffScope& scope, const Diagnostic& d) {
  if (!d.source) return false;
  std::string abs = real_path(fs::path(d.source->path()));
  std::string rel = fs::path(abs).lexically_relative(scope.repo_root).generic_string();
  if (rel.empty() || rel.rfind("..", 0) == 0) return false;
  uint32_t first = d.source->position(d.span.begin).line + 1;
  uint32_t end = d.span.end > d.span.begin ? d.span.end - 1 : d.span.begin;
  uint32_t last = d.source->position(end).line + 1;
  return diff_touches(scope.changes, rel, first, last);
}

}  // namespace dockml
