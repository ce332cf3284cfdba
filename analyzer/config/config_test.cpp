#include "analyzer/config/config.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "analyzer/config/effective.h"
#include "analyzer/config/path_glob.h"
#include "tests/temp_dir.h"

namespace dockml::config {
namespace {

namespace fs = std::filesystem;

LoadedConfig parse(const std::string& text, bool hadolint = false,
                   const std::string& name = ".dockml.yaml") {
  return parse_config(std::make_shared<SourceFile>(name, text), hadolint);
}

std::string error_of(const std::string& text, bool hadolint = false) {
  LoadedConfig c = parse(text, hadolint, hadolint ? ".hadolint.yaml" : ".dockml.yaml");
  EXPECT_EQ(c.config, nullptr);
  return c.error;
}

TEST(ConfigParse, EveryDockmlKey) {
  LoadedConfig c = parse(
      "select: [DL, ML1]\n"
      "ignore: DL3008\n"
      "severity: {DL3059: off, ML305: warning, JSONArgsRecommended: error}\n"
      "failure-threshold: warning\n"
      "gpu:\n  driver: 535.104.05\n  arch: sm_80\n"
      "trusted-registries: [docker.io, nvcr.io]\n"
      "label-schema: {maintainer: text, org.opencontainers.image.source: url}\n"
      "strict-labels: true\nshellcheck: false\ninline-suppressions: false\n"
      "exclude: ['vendor/**', '*.legacy.Dockerfile']\n"
      "overrides:\n  'docker/dev/**': {select: [DL3], ignore: [DL3007], severity: {DL3006: info}}\n");
  ASSERT_EQ(c.error, "");
  ASSERT_NE(c.config, nullptr);
  const Config& k = *c.config;
  EXPECT_EQ(k.select, (std::vector<std::string>{"DL", "ML1"}));
  EXPECT_EQ(k.ignore, (std::vector<std::string>{"DL3008"}));
  ASSERT_EQ(k.severity.size(), 3u);
  EXPECT_EQ(k.severity.at("DL3059"), std::nullopt);
  EXPECT_EQ(k.severity.at("ML305"), Severity::kWarning);
  EXPECT_EQ(k.severity.at("JSONArgsRecommended"), Severity::kError);
  EXPECT_EQ(k.failure_threshold, "warning");
  EXPECT_EQ(k.gpu_driver, "535.104.05");
  EXPECT_EQ(k.gpu_arch, "sm_80");
  EXPECT_EQ(k.trusted_registries, (std::vector<std::string>{"docker.io", "nvcr.io"}));
  ASSERT_TRUE(k.label_schema);
  EXPECT_EQ(k.label_schema->at("org.opencontainers.image.source"), "url");
  EXPECT_EQ(k.strict_labels, true);
  EXPECT_EQ(k.shellcheck, false);
  EXPECT_EQ(k.inline_suppressions, false);
  EXPECT_EQ(k.exclude, (std::vector<std::string>{"vendor/**", "*.legacy.Dockerfile"}));
  ASSERT_EQ(k.overrides.size(), 1u);
  EXPECT_EQ(k.overrides[0].glob, "docker/dev/**");
  EXPECT_EQ(k.overrides[0].select, (std::vector<std::string>{"DL3"}));
  EXPECT_EQ(k.overrides[0].ignore, (std::vector<std::string>{"DL3007"}));
  EXPECT_EQ(k.overrides[0].severity.at("DL3006"), Severity::kInfo);
}

TEST(ConfigParse, EmptyFileIsAnEmptyConfig) {
  LoadedConfig c = parse("# nothing yet\n");
  ASSERT_NE(c.config, nullptr);
  EXPECT_FALSE(c.config->select);
}

TEST(ConfigParse, ErrorsNameFileLineColumnAndKey) {
  EXPECT_EQ(error_of("select: [DL]\nselct: [ML]\n"),
            ".dockml.yaml:2:1: unknown key 'selct' (expected one of: select, ignore, severity, "
            "failure-threshold, gpu, trusted-registries, label-schema, strict-labels, shellcheck, "
            "inline-suppressions, exclude, overrides)");
  EXPECT_EQ(error_of("failure-threshold: high\n"),
            ".dockml.yaml:1:20: failure-threshold: expected error, warning, info, style or none, got 'high'");
  EXPECT_EQ(error_of("gpu:\n  arch: 80\n"), ".dockml.yaml:2:9: gpu.arch: expected sm_XY, e.g. sm_80, got '80'");
  EXPECT_EQ(error_of("gpu:\n  driver: latest\n"),
            ".dockml.yaml:2:11: gpu.driver: expected a driver version like 535.104.05, got 'latest'");
  EXPECT_EQ(error_of("gpu: {drvier: 535}\n"),
            ".dockml.yaml:1:7: unknown key 'gpu.drvier' (expected one of: driver, arch)");
  EXPECT_EQ(error_of("severity:\n  DL3008: loud\n"),
            ".dockml.yaml:2:11: severity.DL3008: expected error, warning, info, style or off, got 'loud'");
  EXPECT_EQ(error_of("severity: {XX123: info}\n"),
            ".dockml.yaml:1:12: severity: 'XX123' is not a rule code or BuildKit check name");
  EXPECT_EQ(error_of("ignore: [DL3008, NOPE]\n"),
            ".dockml.yaml:1:18: ignore: 'NOPE' is not a rule code, code prefix or BuildKit check name");
  EXPECT_EQ(error_of("shellcheck: yes please\n"),
            ".dockml.yaml:1:13: shellcheck: expected true or false, got 'yes please'");
  EXPECT_EQ(error_of("label-schema: {version: number}\n"),
            ".dockml.yaml:1:25: label-schema.version: expected one of text, url, semver, hash, rfc3339, "
            "spdx, email, got 'number'");
  EXPECT_EQ(error_of("exclude: ['a/[b']\n"), ".dockml.yaml:1:11: exclude: 'a/[b': unterminated character class '['");
  EXPECT_EQ(error_of("overrides:\n  'x/**': {ignore: [DL3008], severty: {}}\n"),
            ".dockml.yaml:2:30: unknown key 'overrides.x/**.severty' (expected one of: select, ignore, severity)");
  EXPECT_EQ(error_of("select: DL\nselect: ML\n"),
            ".dockml.yaml:2:1: duplicate key 'select' (first defined on line 1)");
  EXPECT_EQ(error_of("- select\n"), ".dockml.yaml:1:1: expected a mapping of settings at the top level");
}

TEST(ConfigParse, InvalidYamlIsAnErrorWithAPosition) {
  std::string e = error_of("select: [DL\n");
  EXPECT_TRUE(e.starts_with(".dockml.yaml:")) << e;
  EXPECT_NE(e.find("invalid YAML"), std::string::npos) << e;
}

TEST(ConfigParse, HadolintKeys) {
  LoadedConfig c = parse(
      "ignored: [DL3008, SC2086, DL3057]\n"
      "override:\n  error: [DL3001]\n  style: [DL3015]\n"
      "failure-threshold: ignore\n"
      "trustedRegistries: docker.io\n"
      "label-schema: {author: text}\n"
      "strict-labels: true\n"
      "disable-ignore-pragma: true\n"
      "format: sarif\nno-color: true\n",
      true, ".hadolint.yaml");
  ASSERT_EQ(c.error, "");
  const Config& k = *c.config;
  EXPECT_TRUE(k.hadolint);
  EXPECT_EQ(k.ignore, (std::vector<std::string>{"DL3008", "SC2086", "DL3057"}));
  EXPECT_EQ(k.severity.at("DL3001"), Severity::kError);
  EXPECT_EQ(k.severity.at("DL3015"), Severity::kStyle);
  EXPECT_EQ(k.failure_threshold, "none");
  EXPECT_EQ(k.trusted_registries, (std::vector<std::string>{"docker.io"}));
  EXPECT_EQ(k.strict_labels, true);
  EXPECT_EQ(k.inline_suppressions, false);
  EXPECT_EQ(parse("no-fail: true\n", true).config->failure_threshold, "none");
  EXPECT_EQ(error_of("select: [DL]\n", true).substr(0, 51),
            ".hadolint.yaml:1:1: unknown key 'select' (expected ");
  EXPECT_EQ(error_of("override: {fatal: [DL3001]}\n", true),
            ".hadolint.yaml:1:12: unknown key 'override.fatal' (expected one of: error, warning, info, style)");
}

TEST(PathGlob, Matching) {
  auto m = [](const char* glob, const char* path) {
    std::string error;
    auto g = PathGlob::compile(glob, &error);
    EXPECT_TRUE(g) << glob << ": " << error;
    return g && g->matches(path);
  };
  EXPECT_TRUE(m("vendor/**", "vendor/a/Dockerfile"));
  EXPECT_TRUE(m("vendor", "vendor/a/Dockerfile"));
  EXPECT_TRUE(m("./vendor/", "vendor/Dockerfile"));
  EXPECT_FALSE(m("vendor", "src/vendorx/Dockerfile"));
  EXPECT_TRUE(m("vendor", "src/vendor/Dockerfile"));  // no `/`: a name at any depth
  EXPECT_FALSE(m("/vendor/*", "src/vendor/Dockerfile"));
  EXPECT_TRUE(m("*.legacy.Dockerfile", "a/b/x.legacy.Dockerfile"));
  EXPECT_TRUE(m("docker/*/Dockerfile", "docker/gpu/Dockerfile"));
  EXPECT_FALSE(m("docker/*/Dockerfile", "docker/gpu/x/Dockerfile"));
  EXPECT_TRUE(m("**/test/*.Dockerfile", "test/a.Dockerfile"));
  EXPECT_TRUE(m("**/test/*.Dockerfile", "x/y/test/a.Dockerfile"));
  EXPECT_TRUE(m("docker/**/Dockerfile", "docker/Dockerfile"));
  EXPECT_TRUE(m("Dockerfile.[gc]pu", "Dockerfile.gpu"));
  EXPECT_FALSE(m("Dockerfile.[!g]pu", "Dockerfile.gpu"));
  EXPECT_TRUE(m("a?c/x", "abc/x"));
  EXPECT_FALSE(m("a?c/x", "a/c/x"));
  EXPECT_TRUE(m("weird(1)+.Dockerfile", "weird(1)+.Dockerfile"));
  std::string error;
  EXPECT_FALSE(PathGlob::compile("", &error));
  EXPECT_EQ(error, "empty glob");
}

TEST(ApplyConfig, CommandLineWinsAndOverridesApplyPerPath) {
  LoadedConfig c = parse(
      "select: [DL]\nignore: [DL3008]\nseverity: {DL3059: off, DL3006: error}\n"
      "gpu: {driver: '535.104.05', arch: sm_80}\nshellcheck: true\n"
      "overrides:\n  'dev/**': {ignore: [DL3007], severity: {DL3006: style}, select: [DL3, ML]}\n",
      false, "/repo/.dockml.yaml");
  ASSERT_EQ(c.error, "");
  LintOptions cli;
  cli.ignore = {"DL4006"};
  cli.gpu_arch = "sm_90";
  LintOptions root = apply_config(cli, *c.config, "/repo/Dockerfile");
  EXPECT_EQ(root.select, (std::vector<std::string>{"DL"}));
  EXPECT_EQ(root.ignore, (std::vector<std::string>{"DL3008", "DL3059", "DL4006"}));
  EXPECT_EQ(root.severity_overrides, (std::map<std::string, Severity>{{"DL3006", Severity::kError}}));
  EXPECT_EQ(root.gpu_driver, "535.104.05");
  EXPECT_EQ(root.gpu_arch, "sm_90");
  EXPECT_TRUE(root.shellcheck);
  EXPECT_EQ(root.config_path, "/repo/.dockml.yaml");

  LintOptions dev = apply_config(cli, *c.config, "/repo/dev/gpu/Dockerfile");
  EXPECT_EQ(dev.select, (std::vector<std::string>{"DL3", "ML"}));
  EXPECT_EQ(dev.ignore, (std::vector<std::string>{"DL3008", "DL3059", "DL3007", "DL4006"}));
  EXPECT_EQ(dev.severity_overrides, (std::map<std::string, Severity>{{"DL3006", Severity::kStyle}}));

  cli.select = {"ML1"};
  EXPECT_EQ(apply_config(cli, *c.config, "/repo/dev/Dockerfile").select, (std::vector<std::string>{"ML1"}));
}

class ConfigFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    dir_ = tmp_.path().string();
  }
  std::string write(const std::string& rel, const std::string& text) {
    tmp_.write(rel, text);
    return (tmp_.path() / rel).string();
  }
  testing_util::TempDir tmp_{"dockml-config"};
  std::string dir_;
};

TEST_F(ConfigFiles, NearestDockmlThenHadolintStoppingAtTheRepositoryRoot) {
  std::string outer = write(".dockml.yaml", "select: [DL]\n");
  write("repo/.git/HEAD", "ref: refs/heads/main\n");
  std::string hadolint = write("repo/.hadolint.yaml", "ignored: [DL3008]\n");
  std::string df = write("repo/a/b/Dockerfile", "FROM a\n");
  EXPECT_EQ(find_config_for(df), hadolint);  // the outer .dockml.yaml is beyond the .git root
  std::string inner = write("repo/a/.dockml.yml", "ignore: [DL3007]\n");
  EXPECT_EQ(find_config_for(df), inner);
  std::string other = write("elsewhere/Dockerfile", "FROM a\n");
  EXPECT_EQ(find_config_for(other), outer);
}

TEST_F(ConfigFiles, ResolverAppliesExcludesAndReportsErrors) {
  write(".git/HEAD", "x\n");
  std::string cfg = write(".dockml.yaml", "exclude: [legacy]\nfailure-threshold: error\n");
  std::string kept = write("Dockerfile", "FROM a\n");
  std::string dropped = write("legacy/Dockerfile", "FROM a\n");
  LintOptions cli;
  Resolver r(cli);
  EXPECT_FALSE(r.excluded(kept));
  EXPECT_TRUE(r.excluded(dropped));
  EXPECT_TRUE(r.excluded(fs::path(dropped).parent_path().string()));
  Effective e = r.resolve(kept);
  EXPECT_EQ(e.error, "");
  EXPECT_EQ(e.failure_threshold, "error");
  EXPECT_EQ(e.options.config_path, cfg);

  std::string bad = write("sub/.dockml.yaml", "\n\nfailure-threshold: [x]\n");
  std::string df = write("sub/Dockerfile", "FROM a\n");
  EXPECT_EQ(r.resolve(df).error, bad + ":3:20: failure-threshold: expected a string");

  cli.no_config = true;
  EXPECT_EQ(Resolver(cli).resolve(df).error, "");
  cli.no_config = false;
  cli.config_path = cfg;
  EXPECT_EQ(Resolver(cli).resolve(df).failure_threshold, "error");
}

}  // namespace
}  // namespace dockml::config
