// End-to-end tests of configuration files with the real binary (DOCKML_BINARY): discovery,
// exit 2 with file:line:col on a bad file, --config/--no-config, CLI precedence, exclude globs,
// the configuration's failure threshold, .hadolint.yaml, and inline suppressions.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/cli_run.h"
#include "tests/temp_dir.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

using testing_util::CliRun;

class ConfigCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    dir_ = tmp_.path().string();
    write(".git/HEAD", "ref: refs/heads/main\n");  // the repository root: discovery stops here
    write("Dockerfile", "FROM ubuntu:latest\nMAINTAINER me\nCMD echo hi\n");
  }
  void write(const std::string& rel, const std::string& text) { tmp_.write(rel, text); }
  // `dockml ARGS --format json` in the temp dir.
  CliRun run(const std::string& args) { return testing_util::run_dockml(dir_, args + " --color never --format json"); }
  // "CODE:line" of every finding in the JSON output, in order.
  static std::string codes(const std::string& out) {
    std::string s;
    auto j = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    if (!j.is_array()) return "<not JSON: " + out + ">";
    for (const auto& d : j)
      s += (s.empty() ? "" : " ") + d["code"].get<std::string>() + ":" + std::to_string(d["line"].get<int>());
    return s;
  }
  static std::string severity_of(const std::string& out, const std::string& code) {
    auto j = nlohmann::json::parse(out, nullptr, false);
    if (j.is_array())
      for (const auto& d : j)
        if (d["code"] == code) return d["severity"].get<std::string>();
    return "";
  }
  testing_util::TempDir tmp_{"dockml-configcli"};
  std::string dir_;
};

TEST_F(ConfigCli, DefaultsWithoutAConfiguration) {
  CliRun r = run("check Dockerfile");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(codes(r.out), "DL3007:1 DL4000:2 DL3025:3");
}

TEST_F(ConfigCli, DiscoveredConfigurationAppliesAndTheCommandLineWins) {
  write(".dockml.yaml", "ignore: [DL4000]\nseverity: {DL3007: style}\nfailure-threshold: error\n");
  CliRun r = run("check Dockerfile");
  EXPECT_EQ(r.code, 0) << r.err;  // no error left: DL4000 ignored, the rest are warnings/style
  EXPECT_EQ(codes(r.out), "DL3007:1 DL3025:3");
  EXPECT_EQ(severity_of(r.out, "DL3007"), "style");
  CliRun cli = run("check --failure-threshold style --ignore DL3025 Dockerfile");
  EXPECT_EQ(cli.code, 1);
  EXPECT_EQ(codes(cli.out), "DL3007:1");
  CliRun none = run("check --no-config Dockerfile");
  EXPECT_EQ(codes(none.out), "DL3007:1 DL4000:2 DL3025:3");
}

TEST_F(ConfigCli, BadConfigurationExitsTwoNamingFileLineAndKey) {
  write(".dockml.yaml", "select: [DL]\nfailure_threshold: error\n");
  CliRun r = run("check Dockerfile");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "dockml: " + dir_ + "/.dockml.yaml:2:1: unknown key 'failure_threshold' (expected one "
                   "of: select, ignore, severity, failure-threshold, gpu, trusted-registries, label-schema, "
                   "strict-labels, shellcheck, inline-suppressions, exclude, overrides)\n");
  write("other.yaml", "gpu: {arch: ampere}\n");
  CliRun given = run("check --config other.yaml Dockerfile");
  EXPECT_EQ(given.code, 2);
  EXPECT_EQ(given.err, "dockml: other.yaml:1:13: gpu.arch: expected sm_XY, e.g. sm_80, got 'ampere'\n");
}

TEST_F(ConfigCli, ExcludeGlobsSkipWalkedFilesButNotNamedOnes) {
  write(".dockml.yaml", "exclude: [legacy]\n");
  write("legacy/Dockerfile", "FROM a\n");
  CliRun r = run("check .");
  EXPECT_EQ(codes(r.out), "DL3007:1 DL4000:2 DL3025:3");
  EXPECT_EQ(r.out.find("legacy"), std::string::npos);
  CliRun named = run("check legacy/Dockerfile");
  EXPECT_EQ(codes(named.out), "DL3006:1");
}

TEST_F(ConfigCli, PerPathOverridesAndHadolintFallback) {
  write("gpu/Dockerfile", "FROM ubuntu:latest\nMAINTAINER me\n");
  write("gpu/.hadolint.yaml", "ignored: [DL3007]\noverride: {info: [DL4000]}\n");
  CliRun r = run("check gpu/Dockerfile");
  EXPECT_EQ(codes(r.out), "DL4000:2");
  EXPECT_EQ(severity_of(r.out, "DL4000"), "info");
  write(".dockml.yaml", "overrides:\n  'gpu/**': {ignore: [DL4000]}\n");  // a .dockml.yaml wins
  CliRun d = run("check gpu/Dockerfile Dockerfile");
  EXPECT_EQ(codes(d.out), "DL3007:1 DL4000:2 DL3025:3 DL3007:1");
}

TEST_F(ConfigCli, InlineSuppressionsAndTwins) {
  write("Dockerfile", "FROM ubuntu:latest\n# hadolint ignore=DL4000\nMAINTAINER me\nCMD echo hi\n");
  EXPECT_EQ(codes(run("check Dockerfile").out), "DL3007:1 DL3025:4");
  EXPECT_EQ(codes(run("check --select BK Dockerfile").out), "BK007:4");
  write(".dockml.yaml", "inline-suppressions: false\n");
  EXPECT_EQ(codes(run("check Dockerfile").out), "DL3007:1 DL4000:3 DL3025:4");
}

}  // namespace
}  // namespace dockml
