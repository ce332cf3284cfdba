// End-to-end tests of `dockml check --fix` / `--unsafe-fixes` / `--diff` / `dockml fix` with the
// real binary (DOCKML_BINARY): exact fixed texts, kept file formats (CRLF, BOM, no final
// newline, backtick escape, heredocs), kept file mode and symlinks, stdin to stdout, exit codes.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/cli_run.h"
#include "tests/temp_dir.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

using RunResult = testing_util::CliRun;

class FixCli : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    dir_ = tmp_.path().string();
  }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  void write(const std::string& name, const std::string& text) { tmp_.write(name, text); }
  std::string read(const std::string& name) const { return testing_util::read_all(path(name)); }

  RunResult run(const std::string& args, const std::string& input = "") {
    return testing_util::run_dockml(dir_, args, input);
  }

  // No temporary file left behind by the atomic write.
  void expect_no_temp_files() {
    for (const auto& e : fs::directory_iterator(dir_))
      EXPECT_EQ(e.path().filename().string().find(".dockml-fix-"), std::string::npos) << e.path();
  }

  testing_util::TempDir tmp_{"dockml-fix-cli"};
  std::string dir_;
};

const std::string kApt = "--select DL3009,DL3014,DL3015 --no-config";

TEST_F(FixCli, SafeFixesAreWrittenInPlaceAndCounted) {
  write("Dockerfile",
        "FROM debian:12\n"
        "RUN apt-get update && \\\n"
        "    apt-get install curl\n");
  RunResult r = run("check --fix " + kApt + " Dockerfile");
  EXPECT_EQ(read("Dockerfile"),
            "FROM debian:12\n"
            "RUN apt-get update && \\\n"
            "    apt-get install --no-install-recommends -y curl && \\\n"
            "    rm -rf /var/lib/apt/lists/*\n");
  EXPECT_EQ(r.out, "0 errors, 0 warnings in 1 file; 3 fixed\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.code, 0);
  expect_no_temp_files();
}

TEST_F(FixCli, FixSubcommandIsCheckFix) {
  write("Dockerfile", "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n");
  RunResult r = run("fix --select DL3014,DL3015,DL3009 --no-config Dockerfile");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_EQ(read("Dockerfile"), "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n");
  write("Dockerfile", "FROM debian:12\nRUN apt-get install curl\n");
  r = run("fix --select DL3014 --no-config Dockerfile");
  EXPECT_EQ(read("Dockerfile"), "FROM debian:12\nRUN apt-get install -y curl\n");
  EXPECT_EQ(r.out, "0 errors, 0 warnings in 1 file; 1 fixed\n");
}

TEST_F(FixCli, DiffPrintsWithoutWritingAndExitsOneForFindings) {
  const std::string text = "FROM debian:12\nRUN apt-get install curl\n";
  write("Dockerfile", text);
  RunResult r = run("check --diff --select DL3014 --no-config Dockerfile");
  EXPECT_EQ(read("Dockerfile"), text);
  EXPECT_EQ(r.out,
            "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n FROM debian:12\n"
            "-RUN apt-get install curl\n+RUN apt-get install -y curl\n");
  EXPECT_EQ(r.err, "dockml: Would fix 1 problem in 1 file\n");
  EXPECT_EQ(r.code, 1);
  write("Dockerfile", "FROM debian:12\nRUN apt-get install -y curl\n");
  r = run("check --diff --select DL3014 --no-config Dockerfile");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "dockml: No fixes available\n");
  EXPECT_EQ(r.code, 0);
}

TEST_F(FixCli, UnsafeFixesOnlyWithTheFlag) {
  const std::string text = "FROM debian:12\nRUN curl -s https://x.sh | sh\n";
  write("Dockerfile", text);
  RunResult r = run("check --fix --select DL4006 --no-config Dockerfile");
  EXPECT_EQ(read("Dockerfile"), text);
  EXPECT_EQ(r.code, 1);
  r = run("check --fix --unsafe-fixes --select DL4006 --no-config Dockerfile");
  EXPECT_EQ(read("Dockerfile"),
            "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -s https://x.sh | sh\n");
  EXPECT_EQ(r.out, "0 errors, 0 warnings in 1 file; 1 fixed\n");
  EXPECT_EQ(r.code, 0);
}

TEST_F(FixCli, CrlfStaysCrlf) {
  write("Dockerfile",
        "FROM debian:12\r\n"
        "RUN apt-get update \\\r\n"
        "    && apt-get install curl\r\n"
        "RUN curl -s https://x.sh | sh\r\n");
  RunResult r = run("check --fix --unsafe-fixes --select DL3009,DL3014,DL4006 --no-config Dockerfile");
  EXPECT_EQ(read("Dockerfile"),
            "FROM debian:12\r\n"
            "RUN apt-get update \\\r\n"
            "    && apt-get install -y curl \\\r\n"
            "    && rm -rf /var/lib/apt/lists/*\r\n"
            "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\r\n"
            "RUN curl -s https://x.sh | sh\r\n");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST_F(FixCli, BomAndMissingFinalNewlineAreKept) {
  write("Dockerfile", "\xEF\xBB\xBF" "FROM debian:12\nMAINTAINER Jane <jane@example.com>\nADD app.py /app/");
  RunResult r = run("check --fix --select DL4000,DL3020 --no-config Dockerfile");
  EXPECT_EQ(read("Dockerfile"),
            "\xEF\xBB\xBF" "FROM debian:12\n"
            "LABEL org.opencontainers.image.authors=\"Jane <jane@example.com>\"\n"
            "COPY app.py /app/");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST_F(FixCli, BacktickEscapeFile) {
  write("Dockerfile",
        "# escape=`\n"
        "FROM debian:12\n"
        "RUN apt-get update && `\n"
        "    apt-get install -y curl\n"
        "MAINTAINER Jane \"J\" $HOME\n");
  RunResult r = run("check --fix --select DL3009,DL4000 --no-config Dockerfile");
  EXPECT_EQ(read("Dockerfile"),
            "# escape=`\n"
            "FROM debian:12\n"
            "RUN apt-get update && `\n"
            "    apt-get install -y curl && `\n"
            "    rm -rf /var/lib/apt/lists/*\n"
            "LABEL org.opencontainers.image.authors=\"Jane `\"J`\" `$HOME\"\n");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST_F(FixCli, HeredocRun) {
  write("Dockerfile",
        "FROM debian:12\n"
        "RUN <<EOF\n"
        "apt-get update\n"
        "apt-get install curl\n"
        "EOF\n");
  RunResult r = run("check --fix --select DL3009,DL3014 --no-config Dockerfile");
  // -y goes into the heredoc script; the list cleanup is not appended to a heredoc.
  EXPECT_EQ(read("Dockerfile"),
            "FROM debian:12\n"
            "RUN <<EOF\n"
            "apt-get update\n"
            "apt-get install -y curl\n"
            "EOF\n");
  EXPECT_EQ(r.code, 1);  // DL3009 remains
}

TEST_F(FixCli, FileModeAndSymlinkAreKept) {
  write("real.Dockerfile", "FROM debian:12\nRUN apt-get install curl\n");
  ASSERT_EQ(::chmod(path("real.Dockerfile").c_str(), 0640), 0);
  fs::create_symlink("real.Dockerfile", path("Dockerfile"));
  RunResult r = run("check --fix --select DL3014 --no-config Dockerfile");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(fs::is_symlink(path("Dockerfile")));
  EXPECT_EQ(read("real.Dockerfile"), "FROM debian:12\nRUN apt-get install -y curl\n");
  struct stat st{};
  ASSERT_EQ(::stat(path("real.Dockerfile").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  expect_no_temp_files();
}

TEST_F(FixCli, StdinFixedTextGoesToStdoutAndTheReportToStderr) {
  RunResult r = run("check --fix --select DL3014,DL3008 --no-config -", "FROM debian:12\nRUN apt-get install curl\n");
  EXPECT_EQ(r.out, "FROM debian:12\nRUN apt-get install -y curl\n");
  EXPECT_NE(r.err.find("warning[DL3008]"), std::string::npos) << r.err;
  EXPECT_TRUE(r.err.ends_with("0 errors, 1 warning in 1 file; 1 fixed\n")) << r.err;
  EXPECT_EQ(r.code, 1);
  // Nothing to fix: the text is echoed unchanged.
  r = run("check --fix --select DL3014 --no-config -", "FROM debian:12\n");
  EXPECT_EQ(r.out, "FROM debian:12\n");
  EXPECT_EQ(r.err, "0 errors, 0 warnings in 1 file\n");
  EXPECT_EQ(r.code, 0);
}

TEST_F(FixCli, FixInARequirementFileIsWrittenThere) {
  write("requirements.txt", "numpy==1.24.4\ntensorflow-gpu\n");
  write("Dockerfile", "FROM python:3.10\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n");
  RunResult r = run("check --diff --unsafe-fixes --select ML110 --no-config Dockerfile");
  EXPECT_EQ(r.out,
            "--- a/requirements.txt\n+++ b/requirements.txt\n@@ -1,2 +1,2 @@\n numpy==1.24.4\n"
            "-tensorflow-gpu\n+tensorflow[and-cuda]\n");
  EXPECT_EQ(read("requirements.txt"), "numpy==1.24.4\ntensorflow-gpu\n");
  r = run("check --fix --unsafe-fixes --select ML110 --no-config Dockerfile");
  EXPECT_EQ(read("requirements.txt"), "numpy==1.24.4\ntensorflow[and-cuda]\n");
  EXPECT_EQ(r.out, "0 errors, 0 warnings in 1 file; 1 fixed\n");
  EXPECT_EQ(r.code, 0);
  expect_no_temp_files();
}

}  // namespace
}  // namespace dockml
