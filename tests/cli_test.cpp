// End-to-end tests of the real binary (DOCKML_BINARY): exit codes, options, outputs and the
// bad-input matrix. Each test works in its own temporary directory. Commands run under
// `timeout` so a hang (e.g. on a FIFO) fails instead of blocking the suite.
//
// Unreadable files: the tests run as root, for whom `chmod 000` does not stop reads, so an
// unreadable file is simulated with a dangling symlink and with a FIFO.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "tests/golden_util.h"
#include "tests/cli_run.h"
#include "tests/temp_dir.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

using RunResult = testing_util::CliRun;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    dir_ = tmp_.path().string();
  }

  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  void write(const std::string& name, const std::string& text) { tmp_.write(name, text); }

  // Runs `dockml ARGS` in the temp dir (stdin from `input` when given).
  RunResult run(const std::string& args, const std::string& input = "") {
    return testing_util::run_dockml(dir_, args, input);
  }

  testing_util::TempDir tmp_{"dockml-cli"};
  std::string dir_;
};

// A file that is not text gives one DF001 error without needing any rule: the engine checks
// for NUL bytes and invalid UTF-8 before parsing.
const char kInvalidUtf8[] = "FROM alpine\nRUN echo \xff\n";

TEST_F(CliTest, VersionAndHelp) {
  RunResult r = run("--version");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, std::string("dockml ") + DOCKML_VERSION + "\n");
  r = run("--help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("check"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitTwoWithOneLine) {
  RunResult r = run("check --bogus .");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "dockml: The following argument was not expected: --bogus (see dockml --help)\n");
  r = run("check --format yaml .");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.substr(0, 61), "dockml: unknown --format 'yaml' (expected one of: text, json,");
  r = run("check --failure-threshold high .");
  EXPECT_EQ(r.code, 2);
  r = run("check --gpu-arch 80 .");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "dockml: invalid --gpu-arch '80': expected sm_XY, e.g. sm_80\n");
  r = run("check --context nowhere .");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "dockml: --context nowhere: not a directory\n");
  r = run("check --config missing.yaml .");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "dockml: --config missing.yaml: no such file\n");
  r = run("explain NOPE1");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "dockml: unknown rule 'NOPE1' (see `dockml rules`)\n");
}

TEST_F(CliTest, FindingsExitOneAndTextFrame) {
  write("Dockerfile", kInvalidUtf8);
  RunResult r = run("check Dockerfile --color never");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out,
            "Dockerfile:2:10: error[DF001]: invalid UTF-8: byte 0xFF at byte offset 21; expected "
            "UTF-8 text, the file is not linted\n"
            "  |\n"
            "2 | RUN echo \xEF\xBF\xBD\n"
            "  |          ^\n"
            "  = docs: https://github.com/dockml/dockml/blob/main/docs/rules/DF001.md\n"
            "\n"
            "1 error, 0 warnings in 1 file\n");
  EXPECT_EQ(r.err, "");
  // The bare form is `check`.
  RunResult bare = run("Dockerfile --color never");
  EXPECT_EQ(bare.code, 1);
  EXPECT_EQ(bare.out, r.out);
}

TEST_F(CliTest, SelectIgnoreAndThreshold) {
  write("Dockerfile", kInvalidUtf8);
  EXPECT_EQ(run("check Dockerfile --ignore DF001").code, 0);
  EXPECT_EQ(run("check Dockerfile --ignore DF").code, 0);
  EXPECT_EQ(run("check Dockerfile --ignore df0").code, 0);
  // Parse errors are reported whatever --select says (unless ignored).
  EXPECT_EQ(run("check Dockerfile --select ML1").code, 1);
  RunResult r = run("check Dockerfile --ignore DF001 --color never");
  EXPECT_EQ(r.out, "0 errors, 0 warnings in 1 file\n");
  EXPECT_EQ(run("check Dockerfile --failure-threshold none").code, 0);
  EXPECT_EQ(run("check Dockerfile --failure-threshold error").code, 1);
  EXPECT_EQ(run("check Dockerfile --failure-threshold style").code, 1);
  RunResult unknown = run("check Dockerfile --select ZZ9 --ignore DF001");
  EXPECT_EQ(unknown.code, 0);
  EXPECT_EQ(unknown.err, "dockml: warning: --select ZZ9: no rule has this code, prefix or name\n");
}

TEST_F(CliTest, JsonOutputParses) {
  write("Dockerfile", kInvalidUtf8);
  RunResult r = run("check --format json Dockerfile");
  EXPECT_EQ(r.code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["code"], "DF001");
  EXPECT_EQ(j[0]["severity"], "error");
  EXPECT_EQ(j[0]["file"], "Dockerfile");
  EXPECT_EQ(j[0]["line"], 2);
  EXPECT_EQ(j[0]["column"], 10);
  EXPECT_EQ(j[0]["end_line"], 2);
  EXPECT_EQ(j[0]["end_column"], 11);
  EXPECT_TRUE(j[0]["fix"].is_null());
  EXPECT_EQ(j[0]["url"], "https://github.com/dockml/dockml/blob/main/docs/rules/DF001.md");
  // No findings: an empty array.
  RunResult clean = run("check --format json Dockerfile --ignore DF001");
  EXPECT_EQ(clean.code, 0);
  EXPECT_EQ(clean.out, "[]\n");
}

TEST_F(CliTest, OutputFileIsWrittenAtomically) {
  write("Dockerfile", kInvalidUtf8);
  RunResult r = run("check --format json --output report.json Dockerfile");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  std::string report;
  ASSERT_TRUE(testing::read_text(path("report.json"), report));
  EXPECT_EQ(nlohmann::json::parse(report).size(), 1u);
  // No temporary file is left behind.
  for (const auto& e : fs::directory_iterator(dir_))
    EXPECT_EQ(e.path().filename().string().find(".dockml-"), std::string::npos) << e.path();
  // Two formats: one to a file, the text one to stdout.
  RunResult both = run("check --format json -o r2.json --format text --color never Dockerfile");
  EXPECT_EQ(both.code, 1);
  EXPECT_NE(both.out.find("error[DF001]"), std::string::npos);
  EXPECT_TRUE(fs::exists(path("r2.json")));
  // An output path that cannot be written is an I/O error.
  RunResult bad = run("check --format json --output no/such/dir/r.json Dockerfile");
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err.substr(0, 50), "dockml: no/such/dir/r.json: cannot write: No such ");
}

TEST_F(CliTest, StdinIsLinted) {
  RunResult r = run("check - --format json", kInvalidUtf8);
  EXPECT_EQ(r.code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["file"], "<stdin>");
}

TEST_F(CliTest, DiscoveryFindsLintableNamesSorted) {
  const std::string bad = kInvalidUtf8;
  for (const char* name : {"b/Dockerfile", "a/Dockerfile.gpu", "a/train.Dockerfile", "a/x.dockerfile",
                           "Containerfile", "requirements-dev.txt", "docker-compose.yml",
                           "compose.prod.yaml", "k8s/job.yaml", "node_modules/x/Dockerfile",
                           ".git/Dockerfile", "venv/Dockerfile", "__pycache__/Dockerfile",
                           "notes.txt", "config.yaml", "README.md"})
    write(name, bad);
  write("k8s/job.yaml", "apiVersion: batch/v1\nkind: Job\n\xff\n");
  write("venv/pyvenv.cfg", "home = /usr\n");
  RunResult r = run("check . --format json");
  EXPECT_EQ(r.code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  std::vector<std::string> files;
  for (const auto& d : j) files.push_back(d["file"]);
  EXPECT_EQ(files, (std::vector<std::string>{"Containerfile", "a/Dockerfile.gpu", "a/train.Dockerfile",
                                             "a/x.dockerfile", "b/Dockerfile", "compose.prod.yaml",
                                             "docker-compose.yml", "k8s/job.yaml",
                                             "requirements-dev.txt"}));
  // An explicitly named file is linted whatever its name.
  RunResult named = run("check notes.txt README.md --format json");
  EXPECT_EQ(nlohmann::json::parse(named.out).size(), 2u);
}

TEST_F(CliTest, JobsDoNotChangeOutput) {
  for (int i = 0; i < 12; ++i) write("d" + std::to_string(i) + "/Dockerfile", kInvalidUtf8);
  RunResult one = run("check . --jobs 1 --format json");
  RunResult many = run("check . --jobs 8 --format json");
  EXPECT_EQ(one.code, 1);
  EXPECT_EQ(one.out, many.out);
  EXPECT_EQ(nlohmann::json::parse(one.out).size(), 12u);
}

// ---- Bad input -------------------------------------------------------------------------

TEST_F(CliTest, BinaryFile) {
  std::string bytes = "FROM alpine\n";
  bytes += std::string("\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10);
  write("Dockerfile", bytes);
  RunResult r = run("check Dockerfile --format json");
  EXPECT_EQ(r.code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["message"],
            "binary file: NUL byte at byte offset 19; expected UTF-8 text, the file is not linted");
  EXPECT_EQ(j[0]["line"], 2);
  EXPECT_EQ(j[0]["column"], 8);
}

TEST_F(CliTest, InvalidUtf8) {
  write("Dockerfile", "FROM alpine\nLABEL a=\"caf\xc3\x28\"\n");
  RunResult r = run("check Dockerfile --format json");
  EXPECT_EQ(r.code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["message"],
            "invalid UTF-8: byte 0xC3 at byte offset 24; expected UTF-8 text, the file is not linted");
  EXPECT_EQ(j[0]["line"], 2);
  EXPECT_EQ(j[0]["column"], 13);
}

TEST_F(CliTest, FiftyMegabyteFile) {
  // 50 MB of instructions: read and linted, within the 64 MiB limit, without a crash.
  {
    std::ofstream out(path("Dockerfile"), std::ios::binary);
    out << "FROM alpine:3.19\n";
    std::string line = "# " + std::string(97, 'x') + "\n";
    for (int i = 0; i < 500000; ++i) out << line;
    out << "RUN echo \xff\n";  // one finding at the very end
  }
  ASSERT_GT(fs::file_size(path("Dockerfile")), 50'000'000u);
  RunResult r = run("check Dockerfile --format json");
  EXPECT_EQ(r.code, 1) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["line"], 500002);
  // Past the limit: refused with a one-line reason, exit 2.
  fs::resize_file(path("Dockerfile"), 65ull * 1024 * 1024);
  RunResult big = run("check Dockerfile");
  EXPECT_EQ(big.code, 2);
  EXPECT_EQ(big.err, "dockml: Dockerfile: file is 65 MiB, larger than the 64 MiB limit; skipped\n");
}

TEST_F(CliTest, MissingPath) {
  RunResult r = run("check does-not-exist");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "dockml: does-not-exist: No such file or directory\n");
}

TEST_F(CliTest, DirectoryWithoutDockerfiles) {
  write("src/main.py", "print('hi')\n");
  RunResult r = run("check src --color never");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.err, "dockml: no Dockerfiles, requirement, compose or Kubernetes files found under src\n");
  EXPECT_EQ(r.out, "0 errors, 0 warnings in 0 files\n");
}

TEST_F(CliTest, UnreadableFileDanglingSymlink) {
  ASSERT_EQ(::symlink("gone", path("Dockerfile").c_str()), 0);
  RunResult r = run("check Dockerfile");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "dockml: Dockerfile: dangling symbolic link\n");
  // Found while walking a directory: also an I/O error.
  RunResult walk = run("check .");
  EXPECT_EQ(walk.code, 2);
  EXPECT_EQ(walk.err, "dockml: Dockerfile: cannot read: No such file or directory\n");
}

TEST_F(CliTest, FifoDoesNotHang) {
  ASSERT_EQ(::mkfifo(path("Dockerfile").c_str(), 0644), 0);
  RunResult r = run("check Dockerfile");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "dockml: Dockerfile: not a regular file (FIFO, socket or device); skipped\n");
  // While walking: skipped with a notice.
  RunResult walk = run("check . --color never");
  EXPECT_EQ(walk.code, 0);
  EXPECT_EQ(walk.err,
            "dockml: Dockerfile: not a regular file (FIFO, socket or device); skipped\n"
            "dockml: no Dockerfiles, requirement, compose or Kubernetes files found under .\n");
}

TEST_F(CliTest, SymlinkLoopTerminates) {
  write("proj/Dockerfile", kInvalidUtf8);
  ASSERT_EQ(::symlink("..", path("proj/up").c_str()), 0);
  ASSERT_EQ(::symlink("loop_b", path("loop_a").c_str()), 0);
  ASSERT_EQ(::symlink("loop_a", path("loop_b").c_str()), 0);
  RunResult r = run("check . --format json");
  EXPECT_EQ(r.code, 1);
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["file"], "proj/Dockerfile");
  RunResult named = run("check loop_a");
  EXPECT_EQ(named.code, 2);
  EXPECT_EQ(named.err, "dockml: loop_a: Too many levels of symbolic links\n");
}

TEST_F(CliTest, RulesAndExplain) {
  RunResult r = run("rules --format json");
  EXPECT_EQ(r.code, 0);
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_GE(j.size(), 1u);
  // Sorted by code; DF001 is among them with its name.
  std::vector<std::string> codes;
  for (const auto& rule : j) codes.push_back(rule["code"].get<std::string>());
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  auto df001 = std::find(codes.begin(), codes.end(), "DF001");
  ASSERT_NE(df001, codes.end());
  EXPECT_EQ(j[df001 - codes.begin()]["name"], "parse-error");
  RunResult md = run("rules --format markdown");
  EXPECT_EQ(md.out.substr(0, md.out.find('\n')), "| Code | Name | Severity | Fix | Default | Summary |");
  RunResult e = run("explain df001");
  EXPECT_EQ(e.code, 0);
  EXPECT_EQ(e.out.substr(0, 20), "# DF001 parse-error\n");
  EXPECT_NE(e.out.find("## What it does"), std::string::npos);
}

}  // namespace
}  // namespace dockml
