#include "analyzer/fix/write_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/temp_dir.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class WriteFile : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    dir_ = tmp_.path();
  }
  size_t entries() const { return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {})); }
  testing_util::TempDir tmp_{"dockml-write"};
  fs::path dir_;
};

TEST_F(WriteFile, ReplacesContentsKeepingModeAndLeavesNoTempFile) {
  fs::path f = dir_ / "Dockerfile";
  std::ofstream(f, std::ios::binary) << "old\r\n";
  ASSERT_EQ(::chmod(f.c_str(), 0751), 0);
  std::string error;
  ASSERT_TRUE(replace_file_contents(f.string(), "new\r\n", error)) << error;
  EXPECT_EQ(slurp(f), "new\r\n");
  struct stat st{};
  ASSERT_EQ(::stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0751u);
  EXPECT_EQ(entries(), 1u);
}

TEST_F(WriteFile, FollowsSymlinks) {
  std::ofstream(dir_ / "real", std::ios::binary) << "a";
  fs::create_symlink("real", dir_ / "link");
  std::string error;
  ASSERT_TRUE(replace_file_contents((dir_ / "link").string(), "b", error)) << error;
  EXPECT_TRUE(fs::is_symlink(dir_ / "link"));
  EXPECT_EQ(slurp(dir_ / "real"), "b");
}

TEST_F(WriteFile, RefusesWhenTheFileChangedMeanwhile) {
  fs::path f = dir_ / "Dockerfile";
  std::ofstream(f, std::ios::binary) << "edited by someone else";
  std::string error;
  std::string_view expected = "what dockml read";
  EXPECT_FALSE(replace_file_contents(f.string(), "fixed", error, &expected));
  EXPECT_EQ(error, f.string() + ": changed on disk while dockml was fixing it; not written");
  EXPECT_EQ(slurp(f), "edited by someone else");
  EXPECT_EQ(entries(), 1u);
}

TEST_F(WriteFile, MissingFileAndDirectoryAreErrors) {
  std::string error;
  EXPECT_FALSE(replace_file_contents((dir_ / "nope").string(), "x", error));
  EXPECT_EQ(error, (dir_ / "nope").string() + ": cannot write the fixed file: No such file or directory");
  EXPECT_FALSE(replace_file_contents(dir_.string(), "x", error));
  EXPECT_EQ(error, dir_.string() + ": cannot write the fixed file: not a regular file");
}

}  // namespace
}  // namespace dockml
