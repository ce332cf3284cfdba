// The engine backend applies the document's configuration (.dockml.yaml / .hadolint.yaml) as
// the command line does, and reports a broken configuration once as LintOutput::error.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "analyzer/lsp/backend.h"
#include "tests/temp_dir.h"

namespace dockml::lsp {
namespace {

namespace fs = std::filesystem;

class BackendConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    dir_ = tmp_.path().string();
    fs::create_directories(dir_ + "/.git");
  }
  void write(const std::string& rel, const std::string& text) { tmp_.write(rel, text); }
  LintOutput lint(const std::string& text, LintOptions options = {}) {
    LintJob job;
    job.doc.path = dir_ + "/Dockerfile";
    job.doc.uri = "file://" + job.doc.path;
    job.doc.source = std::make_shared<SourceFile>(job.doc.path, text);
    job.options = std::move(options);
    return make_engine_backend()->lint(job);
  }
  static std::string codes(const LintOutput& out) {
    std::string s;
    for (const Diagnostic& d : out.diagnostics) s += (s.empty() ? "" : " ") + d.code;
    return s;
  }
  testing_util::TempDir tmp_{"dockml-lspcfg"};
  std::string dir_;
};

TEST_F(BackendConfig, AppliesTheDocumentsConfiguration) {
  const std::string text = "FROM ubuntu:latest\nMAINTAINER me\n";
  EXPECT_EQ(codes(lint(text)), "DL3007 DL4000");
  write(".hadolint.yaml", "ignored: [DL4000]\n");
  EXPECT_EQ(codes(lint(text)), "DL3007");
  write(".dockml.yaml", "ignore: [DL3007]\n");
  LintOutput out = lint(text);
  EXPECT_EQ(codes(out), "DL4000");
  EXPECT_EQ(out.error, "");
  LintOptions no_config;
  no_config.no_config = true;
  EXPECT_EQ(codes(lint(text, no_config)), "DL3007 DL4000");
}

TEST_F(BackendConfig, BrokenConfigurationIsReportedAndIgnored) {
  write(".dockml.yaml", "ignore: [DL3007]\nshellchek: true\n");
  LintOutput out = lint("FROM ubuntu:latest\n");
  EXPECT_EQ(codes(out), "DL3007");
  EXPECT_EQ(out.error, dir_ + "/.dockml.yaml:2:1: unknown key 'shellchek' (expected one of: select, ignore, "
                       "severity, failure-threshold, gpu, trusted-registries, label-schema, strict-labels, "
                       "shellcheck, inline-suppressions, exclude, overrides)");
}

}  // namespace
}  // namespace dockml::lsp
