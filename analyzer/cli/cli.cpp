// Argument parsing (CLI11) and dispatch to the commands. The only translation unit that
// includes CLI11.
#include "analyzer/cli/cli.h"

#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/rule_docs.h"
#include "analyzer/lsp/lsp_main.h"

namespace dockml {

void print_error(const std::string& message) {
  std::string line = message;
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  std::cerr << "dockml: " << line << '\n';
}

namespace {

// One value per occurrence (`--format json --format sarif`), never swallowing positionals.
template <typename T>
CLI::Option* add_list(CLI::App* app, const std::string& name, std::vector<T>& values,
                      const std::string& help) {
  return app->add_option(name, values, help)->allow_extra_args(false)->multi_option_policy(
      CLI::MultiOptionPolicy::TakeAll);
}

void add_check_options(CLI::App* cmd, CheckSettings& s) {
  cmd->add_option("paths", s.paths, "Files or directories to lint ('-' reads stdin; default: .)");
  add_list(cmd, "--format", s.formats, "Output format: text (default), json, sarif, github, "
                                       "checkstyle, gitlab, rdjson, gnu (repeatable, paired with --output)");
  add_list(cmd, "--output,-o", s.outputs, "Write the output of the matching --format to FILE (atomically)");
  add_list(cmd, "--select", s.lint.select, "Only these rule codes, prefixes or BuildKit names (comma-separated)")
      ->delimiter(',');
  add_list(cmd, "--ignore", s.lint.ignore, "Skip these rule codes, prefixes or BuildKit names (comma-separated)")
      ->delimiter(',');
  cmd->add_option("--failure-threshold", s.failure_threshold,
                  "Exit 1 only for findings at or above this severity (default: info)")
      ->check(CLI::IsMember({"error", "warning", "info", "style", "none"}));
  add_list(cmd, "--build-arg", s.build_args, "Build argument KEY=VALUE, as for docker build (repeatable)");
  cmd->add_option("--context", s.lint.context_dir, "Build context for COPY/requirement files (default: the Dockerfile's folder)");
  cmd->add_option("--config", s.lint.config_path, "Configuration file (default: .dockml.yaml found upwards)");
  cmd->add_flag("--no-config", s.lint.no_config, "Ignore configuration files");
  cmd->add_option("--kb", s.lint.kb_dir, "Knowledge-base directory overriding the built-in one");
  cmd->add_option("--gpu-driver", s.lint.gpu_driver, "NVIDIA driver version of the fleet, e.g. 535.104.05");
  cmd->add_option("--gpu-arch", s.lint.gpu_arch, "GPU architecture of the fleet, e.g. sm_80");
  cmd->add_flag("--shellcheck", s.lint.shellcheck, "Run ShellCheck on RUN commands when it is installed");
  cmd->add_option("--jobs,-j", s.jobs, "Files linted in parallel (default 0: one per core)");
  cmd->add_option("--color", s.color, "Colour: auto (default), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--diff-base", s.diff_base,
                  "Pull-request mode: lint everything, report only diagnostics on lines added or "
                  "changed since git revision REV");
  cmd->add_option("--diff-file", s.diff_file,
                  "Pull-request mode from a unified diff file ('-' reads stdin) instead of git");
  cmd->add_flag("--fix", s.fix, "Apply safe fixes in place (stdin: print the fixed text on stdout)");
  cmd->add_flag("--unsafe-fixes", s.unsafe_fixes, "With --fix or --diff: also apply unsafe fixes");
  cmd->add_flag("--diff", s.diff, "Print the fixes as a unified diff instead of writing them");
}

int run(int argc, char** argv) {
  CLI::App app{"dockml: a linter and static analyzer for the Dockerfiles of machine-learning images",
               "dockml"};
  app.set_version_flag("--version,-V", std::string("dockml ") + DOCKML_VERSION);
  app.require_subcommand(0, 1);
  app.footer("Exit codes: 0 nothing at or above the failure threshold, 1 findings at or above it,\n"
             "2 usage, configuration or I/O error. `dockml PATH...` is `dockml check PATH...`.");

  int code = kExitOk;
  CheckSettings check;
  CLI::App* check_cmd = app.add_subcommand("check", "Lint files or directories");
  add_check_options(check_cmd, check);
  check_cmd->callback([&] { code = run_check(check); });

  CheckSettings fix;
  CLI::App* fix_cmd = app.add_subcommand("fix", "Apply fixes: the same as `check --fix`");
  add_check_options(fix_cmd, fix);
  fix_cmd->callback([&] {
    fix.fix = true;
    code = run_check(fix);
  });

  std::string rules_format = "text";
  CLI::App* rules_cmd = app.add_subcommand("rules", "List the rules");
  rules_cmd->add_option("--format", rules_format, "text (default), json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  std::string docs_dir, docs_readme;
  rules_cmd->add_option("--write-docs", docs_dir, "Write docs/rules/<CODE>.md for every rule into DIR");
  rules_cmd->add_option("--readme", docs_readme,
                        "Rewrite the rule table between <!-- rules:begin --> and <!-- rules:end --> in FILE");
  rules_cmd->callback([&] {
    code = docs_dir.empty() && docs_readme.empty() ? run_rules(rules_format)
                                                   : run_write_rule_docs(docs_dir, docs_readme);
  });

  std::string explain_code;
  CLI::App* explain_cmd = app.add_subcommand("explain", "Show a rule's documentation");
  explain_cmd->add_option("code", explain_code, "Rule code or BuildKit check name")->required();
  explain_cmd->callback([&] { code = run_explain(explain_code); });

  std::string dump_path;
  CLI::App* dump_cmd = app.add_subcommand("dump", "Print the parse tree in BuildKit's parser-test format");
  dump_cmd->add_option("file", dump_path, "Dockerfile ('-' reads stdin)")->required();
  dump_cmd->callback([&] { code = run_dump(dump_path); });

  InspectSettings inspect;
  CLI::App* inspect_cmd = app.add_subcommand("inspect", "Print the image model of a Dockerfile as JSON");
  inspect_cmd->add_option("file", inspect.path, "Dockerfile ('-' reads stdin)")->required();
  add_list(inspect_cmd, "--build-arg", inspect.build_args, "Build argument KEY=VALUE (repeatable)");
  inspect_cmd->add_option("--context", inspect.context_dir, "Build context (default: the Dockerfile's folder)");
  inspect_cmd->add_option("--kb", inspect.kb_dir, "Knowledge-base directory overriding the built-in one");
  inspect_cmd->callback([&] { code = run_inspect(inspect); });

  bool lsp_stdio = false;
  CLI::App* lsp_cmd = app.add_subcommand("lsp", "Run the language server (LSP 3.17) on stdin/stdout");
  lsp_cmd->add_flag("--stdio", lsp_stdio, "Accepted and ignored: stdio is the only transport");
  lsp_cmd->allow_extras();  // editors may pass e.g. --clientProcessId
  lsp_cmd->callback([&] { code = run_lsp_stdio(); });

  // `dockml PATH...` and `dockml --format json PATH` mean `dockml check ...`.
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  bool help_or_version = !args.empty() && (args[0] == "-h" || args[0] == "--help" ||
                                           args[0] == "--version" || args[0] == "-V");
  bool subcommand = false;
  if (!args.empty()) {
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
      if (sub->get_name() == args[0]) subcommand = true;
  }
  if (!help_or_version && !subcommand) args.insert(args.begin(), "check");
  std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector

  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << '\n';
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    print_error(fmt::format("{} (see dockml --help)", what));
    return kExitError;
  }
  return code;
}

}  // namespace

int run_cli(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    print_error(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    print_error("internal error");
  }
  return kExitError;
}

}  // namespace dockml
