#include "analyzer/lsp/settings.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace dockml::lsp {
namespace {

TEST(LspSettings, ParsesNestedAndBareObjects) {
  std::vector<std::string> warnings;
  Settings s = parse_settings(nlohmann::json::parse(
      R"({"dockml": {"args": ["--select", "ML1"], "gpuDriver": "535.104.05", "failureThreshold": "warning"}})"),
      warnings);
  EXPECT_EQ(s.args, (std::vector<std::string>{"--select", "ML1"}));
  EXPECT_EQ(s.gpu_driver, "535.104.05");
  EXPECT_EQ(s.failure_threshold, "warning");
  EXPECT_TRUE(warnings.empty());
  Settings bare = parse_settings(nlohmann::json::parse(R"({"args": "oops", "gpuDriver": 5})"), warnings);
  EXPECT_TRUE(bare.args.empty());
  EXPECT_FALSE(bare.gpu_driver);
  EXPECT_EQ(warnings, (std::vector<std::string>{"dockml.args must be an array of strings; ignored",
                                                "dockml.gpuDriver must be a string; ignored"}));
}

TEST(LspSettings, ResolvesArgsIntoLintOptions) {
  Settings s;
  s.args = {"--select", "ML1,DL3008", "--ignore=DL3006", "--build-arg", "CUDA=12.1",
            "--gpu-driver", "470.57.02", "--no-config", "--kb", "/kb", "--format", "json"};
  s.gpu_driver = "535.104.05";
  s.failure_threshold = "warning";
  std::vector<std::string> warnings;
  ResolvedSettings r = resolve_settings(s, warnings);
  EXPECT_EQ(r.options.select, (std::vector<std::string>{"ML1", "DL3008"}));
  EXPECT_EQ(r.options.ignore, (std::vector<std::string>{"DL3006"}));
  EXPECT_EQ(r.options.build_args.at("CUDA"), "12.1");
  EXPECT_EQ(r.options.gpu_driver, "535.104.05");  // the setting wins over args
  EXPECT_TRUE(r.options.no_config);
  EXPECT_EQ(r.options.kb_dir, "/kb");
  EXPECT_EQ(r.threshold, Severity::kWarning);
  EXPECT_EQ(warnings, (std::vector<std::string>{
                          "dockml.args: '--format' is not supported in the editor; ignored",
                          "dockml.args: 'json' is not supported in the editor; ignored"}));
}

TEST(LspSettings, BadThresholdWarns) {
  Settings s;
  s.failure_threshold = "fatal";
  std::vector<std::string> warnings;
  ResolvedSettings r = resolve_settings(s, warnings);
  EXPECT_FALSE(r.threshold);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "dockml.failureThreshold must be error, warning, info, style or none; got 'fatal'");
  s.failure_threshold = "none";
  warnings.clear();
  EXPECT_FALSE(resolve_settings(s, warnings).threshold);
  EXPECT_TRUE(warnings.empty());
}

TEST(LspSettings, DiscoversNearestConfigUpToTheWorkspaceRoot) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("dockml_lsp_cfg_" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "ws" / "images" / "gpu");
  std::ofstream(root / ".dockml.yaml") << "ignore: []\n";
  std::string df = (root / "ws" / "images" / "gpu" / "Dockerfile").string();
  EXPECT_EQ(discover_config(df, (root / "ws").string()), std::nullopt);  // stops at the root
  EXPECT_EQ(discover_config(df, ""), (root / ".dockml.yaml").string());
  std::ofstream(root / "ws" / "images" / ".dockml.yml") << "select: [ML]\n";
  EXPECT_EQ(discover_config(df, (root / "ws").string() + "/"),
            (root / "ws" / "images" / ".dockml.yml").string());
  fs::remove_all(root);
}

}  // namespace
}  // namespace dockml::lsp
