// `dockml check`: discover, lint in parallel, render, pick the exit code.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "analyzer/cli/check_config.h"
#include "analyzer/cli/commands.h"
#include "analyzer/cli/diff_source.h"
#include "analyzer/cli/discover.h"
#include "analyzer/cli/fix_files.h"
#include "analyzer/cli/output.h"
#include "analyzer/engine/engine.h"
#include "analyzer/engine/selection.h"
#include "analyzer/render/formats.h"

namespace dockml {

namespace {

struct FileOutcome {
  LintResult result;
  std::string error;  // load error or internal error (one line)
};

FileOutcome lint_one(const DiscoveredFile& file, const LintOptions& options) {
  FileOutcome outcome;
  try {
    LoadResult loaded = load_source(file.path);
    if (!loaded.file) {
      outcome.error = loaded.error.message;
      return outcome;
    }
    outcome.result = lint_source(loaded.file, options, file.kind);
    // Only diagnostics (and the source they point into) are kept until rendering: holding
    // every file's AST and image model made peak RSS grow with the corpus (300 MB for 1,644
    // Dockerfiles; bench/RESULTS.md).
    outcome.result.dockerfile.reset();
    outcome.result.model.reset();
  } catch (const std::exception& e) {
    outcome.error = fmt::format("{}: internal error while linting: {}", file.path, e.what());
  } catch (...) {
    outcome.error = fmt::format("{}: internal error while linting", file.path);
  }
  return outcome;
}

// `options[i]` is the options of `files[i]` (its configuration applied).
std::vector<FileOutcome> lint_all(const std::vector<DiscoveredFile>& files,
                                  const std::vector<LintOptions>& options, int jobs) {
  std::vector<FileOutcome> outcomes(files.size());
  size_t threads = jobs > 0 ? static_cast<size_t>(jobs)
                            : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, files.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < files.size(); i = next++) outcomes[i] = lint_one(files[i], options[i]);
  };
  if (threads <= 1) {
    worker();
    return outcomes;
  }
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (std::thread& t : pool) t.join();
  return outcomes;
}

bool is_dir(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool is_file(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool valid_gpu_arch(const std::string& s) {
  if (s.size() < 4 || s.compare(0, 3, "sm_") != 0) return false;
  for (size_t i = 3; i < s.size(); ++i) {
    char c = s[i];
    bool last_letter = i + 1 == s.size() && i > 3 && (c == 'a' || c == 'f');  // sm_90a
    if (!(c >= '0' && c <= '9') && !last_letter) return false;
  }
  return true;
}

bool valid_driver(const std::string& s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (char c : s)
    if (!(c >= '0' && c <= '9') && c != '.') return false;
  return s.find("..") == std::string::npos;
}

// Checks the options that can be checked before linting; false after printing the reason.
bool validate(CheckSettings& s) {
  for (const std::string& f : s.formats) {
    if (!find_output_format(f)) {
      std::string names;
      for (const OutputFormat& of : output_formats()) names += (names.empty() ? "" : ", ") + std::string(of.name);
      print_error(fmt::format("unknown --format '{}' (expected one of: {})", f, names));
      return false;
    }
  }
  if (!s.diff_base.empty() && !s.diff_file.empty()) {
    print_error("give either --diff-base or --diff-file, not both");
    return false;
  }
  if (s.diff_file == "-" && std::find(s.paths.begin(), s.paths.end(), "-") != s.paths.end()) {
    print_error("--diff-file - and the path - cannot both read standard input");
    return false;
  }
  if (s.outputs.size() > s.formats.size()) {
    print_error("more --output files than --format values: give one --format per --output");
    return false;
  }
  size_t to_stdout = s.formats.size() - s.outputs.size();
  for (const std::string& o : s.outputs) to_stdout += o == "-" ? 1 : 0;
  if (to_stdout > 1) {
    print_error("several --format values would all go to standard output: give --output FILE for all but one");
    return false;
  }
  for (const std::string& raw : s.build_args) {
    size_t eq = raw.find('=');
    std::string key = raw.substr(0, eq);
    if (key.empty()) {
      print_error(fmt::format("invalid --build-arg '{}': expected KEY=VALUE", raw));
      return false;
    }
    if (eq != std::string::npos) {
      s.lint.build_args[key] = raw.substr(eq + 1);
    } else if (const char* env = std::getenv(key.c_str())) {
      s.lint.build_args[key] = env;  // like docker build: KEY alone takes the environment's value
    }
  }
  if (!s.lint.context_dir.empty() && !is_dir(s.lint.context_dir)) {
    print_error(fmt::format("--context {}: not a directory", s.lint.context_dir));
    return false;
  }
  if (!s.lint.kb_dir.empty() && !is_dir(s.lint.kb_dir)) {
    print_error(fmt::format("--kb {}: not a directory", s.lint.kb_dir));
    return false;
  }
  if (!s.lint.kb_dir.empty()) {
    auto kb = load_kb_option(s.lint.kb_dir);
    if (!kb) return false;
    s.lint.kb = *kb;
  }
  if (!s.lint.config_path.empty() && !is_file(s.lint.config_path)) {
    print_error(fmt::format("--config {}: no such file", s.lint.config_path));
    return false;
  }
  if (s.lint.gpu_arch && !valid_gpu_arch(*s.lint.gpu_arch)) {
    print_error(fmt::format("invalid --gpu-arch '{}': expected sm_XY, e.g. sm_80", *s.lint.gpu_arch));
    return false;
  }
  if (s.lint.gpu_driver && !valid_driver(*s.lint.gpu_driver)) {
    print_error(fmt::format("invalid --gpu-driver '{}': expected a version like 535.104.05",
                            *s.lint.gpu_driver));
    return false;
  }
  if (s.jobs < 0) {
    print_error("--jobs must be 0 (one per core) or more");
    return false;
  }
  for (const char* flag : {"--select", "--ignore"}) {
    const auto& list = std::string(flag) == "--select" ? s.lint.select : s.lint.ignore;
    for (const std::string& u : unknown_selectors(list))
      std::cerr << fmt::format("dockml: warning: {} {}: no rule has this code, prefix or name\n", flag, u);
  }
  return true;
}

bool use_color(const std::string& mode, bool to_stdout) {
  if (mode == "always") return true;
  if (mode == "never" || !to_stdout) return false;
  if (std::getenv("NO_COLOR")) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return ::isatty(STDOUT_FILENO) != 0;
}

}  // namespace

int run_check(CheckSettings s) {
  if (s.formats.empty()) s.formats.push_back("text");
  if (s.paths.empty()) s.paths.push_back(".");
  if (!validate(s)) return kExitError;

  config::Resolver configs(s.lint);
  Discovery found = discover(s.paths, [&](const std::string& p) { return configs.excluded(p); });
  bool io_error = !found.errors.empty();
  for (const std::string& e : found.errors) print_error(e);
  for (const std::string& n : found.notices) std::cerr << "dockml: " << n << '\n';

  DiffScope diff_scope;
  bool diff_mode = !s.diff_base.empty() || !s.diff_file.empty();
  if (diff_mode) {
    std::string error;
    if (!load_diff_scope(s.diff_base, s.diff_file, s.paths, diff_scope, error)) {
      print_error(error);
      return kExitError;
    }
  }

  std::vector<LintOptions> file_options;
  if (!resolve_file_options(found.files, configs, file_options)) return kExitError;
  std::vector<FileOutcome> outcomes = lint_all(found.files, file_options, s.jobs);
  FixReport fixes;
  if (s.fix || s.diff) {
    std::vector<LintResult*> results;
    std::vector<const LintOptions*> options;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      if (!outcomes[i].error.empty()) continue;
      results.push_back(&outcomes[i].result);
      options.push_back(&file_options[i]);
    }
    fixes = fix_results(results, s, options);
    io_error = io_error || fixes.error;
  }
  std::vector<Diagnostic> diagnostics;
  size_t checked = 0;
  for (FileOutcome& o : outcomes) {
    if (!o.error.empty()) {
      print_error(o.error);
      io_error = true;
      continue;
    }
    ++checked;
    for (Diagnostic& d : o.result.diagnostics)
      if (!diff_mode || in_diff_scope(diff_scope, d)) diagnostics.push_back(std::move(d));
  }
  std::stable_sort(diagnostics.begin(), diagnostics.end(), diagnostic_less);

  RenderInput input;
  input.diagnostics = &diagnostics;
  input.files_checked = checked;
  input.fixed = s.diff ? 0 : fixes.fixed;
  input.rules_run = rules_run(file_options, s.lint);
  char cwd[4096];
  if (::getcwd(cwd, sizeof cwd)) input.root_dir = cwd;

  for (size_t i = 0; i < s.formats.size(); ++i) {
    const OutputFormat* format = find_output_format(s.formats[i]);
    bool to_stdout = i >= s.outputs.size() || s.outputs[i] == "-";
    if (to_stdout && fixes.diff_mode) continue;  // --diff: the diff is the output
    input.color = use_color(s.color, to_stdout) && !fixes.stdin_fixed;
    if (to_stdout && fixes.stdin_fixed) {
      format->render(std::cerr, input);  // stdout holds the fixed text
      std::cerr << std::flush;
    } else if (to_stdout) {
      format->render(std::cout, input);  // streamed: no copy of a large report in memory
      std::cout << std::flush;
      if (!std::cout) {
        print_error("cannot write to standard output");
        io_error = true;
      }
    } else {
      std::ostringstream text;
      format->render(text, input);
      std::string error;
      if (!write_file_atomic(s.outputs[i], text.str(), error)) {
        print_error(error);
        io_error = true;
      }
    }
  }

  if (fixes.diff_mode) {
    std::cout << fixes.diff << std::flush;
    std::cerr << "dockml: " << diff_summary(fixes) << '\n';
  }

  if (io_error) return kExitError;
  return any_failure(diagnostics, s.failure_threshold, configs) ? kExitFindings : kExitOk;
}

}  // namespace dockml
