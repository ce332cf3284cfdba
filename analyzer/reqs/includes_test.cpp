#include "analyzer/reqs/includes.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

namespace dockml::reqs {
namespace {

namespace fs = std::filesystem;

class IncludesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("dockml-reqs-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    ctx_ = root_ / "ctx";
    fs::create_directories(ctx_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const fs::path& rel, const std::string& text) {
    fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }
  std::vector<std::string> names(const RequirementSet& set) {
    std::vector<std::string> out;
    for (const PipRequirement* r : set.requirements()) out.push_back(r->name);
    return out;
  }

  fs::path root_;
  fs::path ctx_;
};

TEST_F(IncludesTest, NestedIncludesRelativeToTheIncludingFile) {
  write("ctx/requirements.txt", "-r reqs/base.txt\ntorch==2.1\n");
  write("ctx/reqs/base.txt", "numpy\n-c ../constraints.txt\n-r dev.txt\n");
  write("ctx/reqs/dev.txt", "pytest\n--extra-index-url https://x/simple\n");
  write("ctx/constraints.txt", "numpy<2\n");
  RequirementSet set = resolve_requirement_file(ctx_.string(), "requirements.txt");
  EXPECT_TRUE(set.issues.empty()) << set.issues[0].message;
  ASSERT_EQ(set.files.size(), 4u);
  EXPECT_EQ(set.files[0].context_path, "requirements.txt");
  EXPECT_EQ(set.files[1].context_path, "reqs/base.txt");
  EXPECT_EQ(set.files[1].parent, 0);
  EXPECT_EQ(set.files[1].included_from.span, (Span{3, 16}));
  EXPECT_EQ(set.files[1].included_from.source, set.files[0].file.source);
  EXPECT_EQ(set.files[2].context_path, "constraints.txt");
  EXPECT_TRUE(set.files[2].constraint);
  EXPECT_EQ(set.files[3].context_path, "reqs/dev.txt");
  EXPECT_EQ(set.files[3].parent, 1);
  EXPECT_EQ(set.files[3].file.source->path(), (ctx_ / "reqs/dev.txt").string());
  EXPECT_EQ(names(set), (std::vector<std::string>{"torch", "numpy", "pytest"}));
  EXPECT_EQ(set.options().extra_index_urls, (std::vector<std::string>{"https://x/simple"}));
}

TEST_F(IncludesTest, CyclesAreReportedOnce) {
  write("ctx/a.txt", "-r b.txt\nx\n");
  write("ctx/b.txt", "-r ./a.txt\ny\n");
  RequirementSet set = resolve_requirement_file(ctx_.string(), "a.txt");
  ASSERT_EQ(set.files.size(), 2u);
  ASSERT_EQ(set.issues.size(), 1u);
  EXPECT_EQ(set.issues[0].kind, IncludeIssueKind::kCycle);
  EXPECT_EQ(set.issues[0].message,
            "requirement file 'a.txt' includes itself (include cycle); not read again");
  EXPECT_EQ(set.issues[0].where.source, set.files[1].file.source);
  EXPECT_EQ(set.issues[0].where.span, (Span{3, 10}));
  EXPECT_EQ(names(set), (std::vector<std::string>{"x", "y"}));
}

TEST_F(IncludesTest, EscapingTheContextIsReportedNotRead) {
  write("outside.txt", "secret\n");
  write("ctx/requirements.txt", "-r ../outside.txt\n-r link.txt\n-r /etc/passwd\nok\n");
  fs::create_symlink(root_ / "outside.txt", ctx_ / "link.txt");
  RequirementSet set = resolve_requirement_file(ctx_.string(), "requirements.txt");
  ASSERT_EQ(set.files.size(), 1u);
  ASSERT_EQ(set.issues.size(), 3u);
  for (const IncludeIssue& i : set.issues) EXPECT_EQ(i.kind, IncludeIssueKind::kOutsideContext);
  EXPECT_EQ(set.issues[0].message, "requirement file '../outside.txt' is outside the build context '" +
                                       ctx_.string() + "'; not read");
  EXPECT_EQ(set.issues[1].path, "link.txt");
  EXPECT_EQ(set.issues[2].path, "/etc/passwd");
  EXPECT_EQ(names(set), (std::vector<std::string>{"ok"}));
}

TEST_F(IncludesTest, MissingUnreadableAndRemoteAreValues) {
  write("ctx/requirements.txt", "-r nope.txt\n-c sub\n-r https://x/r.txt\nok\n");
  fs::create_directories(ctx_ / "sub");
  RequirementSet set = resolve_requirement_file(ctx_.string(), "requirements.txt");
  ASSERT_EQ(set.issues.size(), 3u);
  EXPECT_EQ(set.issues[0].kind, IncludeIssueKind::kMissing);
  EXPECT_EQ(set.issues[0].message,
            "requirement file '" + (ctx_ / "nope.txt").string() + "' not found");
  EXPECT_EQ(set.issues[0].where.span, (Span{3, 11}));
  EXPECT_EQ(set.issues[1].kind, IncludeIssueKind::kUnreadable);
  EXPECT_EQ(set.issues[1].message,
            "cannot read requirement file '" + (ctx_ / "sub").string() + "': is a directory");
  EXPECT_EQ(set.issues[2].kind, IncludeIssueKind::kRemote);
  RequirementSet root_missing = resolve_requirement_file(ctx_.string(), "absent.txt");
  ASSERT_EQ(root_missing.issues.size(), 1u);
  EXPECT_EQ(root_missing.issues[0].kind, IncludeIssueKind::kMissing);
  EXPECT_EQ(root_missing.issues[0].where.source, nullptr);
  EXPECT_TRUE(root_missing.files.empty());
}

TEST_F(IncludesTest, FileCountAndDepthLimits) {
  write("ctx/r0.txt", "-r r1.txt\n");
  write("ctx/r1.txt", "-r r2.txt\n");
  write("ctx/r2.txt", "-r r3.txt\n");
  write("ctx/r3.txt", "x\n");
  IncludeLimits limits;
  limits.max_files = 2;
  RequirementSet set = resolve_requirement_file(ctx_.string(), "r0.txt", limits);
  ASSERT_EQ(set.files.size(), 2u);
  ASSERT_EQ(set.issues.size(), 1u);
  EXPECT_EQ(set.issues[0].message,
            "not reading 'r2.txt': limit of 2 requirement files reached");
  limits = IncludeLimits{};
  limits.max_depth = 1;
  set = resolve_requirement_file(ctx_.string(), "r0.txt", limits);
  ASSERT_EQ(set.files.size(), 2u);
  EXPECT_EQ(set.issues[0].message,
            "not reading 'r2.txt': requirement files nested deeper than 1 levels");
}

TEST_F(IncludesTest, TenMegabyteFileIsCappedQuickly) {
  std::string big;
  for (int i = 0; big.size() < 10 * 1024 * 1024; ++i) {
    big += "package-" + std::to_string(i) + "[extra]>=1." + std::to_string(i % 50) +
           ".0,<2 ; python_version >= \"3.8\" --hash=sha256:0123456789abcdef\n";
  }
  write("ctx/requirements.txt", "-r big.txt\n");
  write("ctx/big.txt", big);
  // Speed is measured in bench/, not here: this checks the cap and the result only.
  RequirementSet set = resolve_requirement_file(ctx_.string(), "requirements.txt");
  ASSERT_EQ(set.files.size(), 2u);
  ASSERT_EQ(set.issues.size(), 1u);
  EXPECT_EQ(set.issues[0].kind, IncludeIssueKind::kTruncated);
  EXPECT_EQ(set.issues[0].message, "requirement file '" + (ctx_ / "big.txt").string() +
                                       "' is 10.0 MB; only the first 1.0 MB were analysed");
  const RequirementFile& f = set.files[1].file;
  ASSERT_TRUE(f.errors.empty()) << f.errors[0].message;
  ASSERT_GT(f.requirements.size(), 8000u);
  EXPECT_EQ(f.requirements.back().hashes.size(), 1u);
  EXPECT_EQ(f.source->text().back(), '\n');
}

}  // namespace
}  // namespace dockml::reqs
