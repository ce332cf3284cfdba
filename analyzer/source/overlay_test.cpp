#include "analyzer/source/overlay.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analyzer/reqs/includes.h"
#include "tests/temp_dir.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> names(const reqs::RequirementSet& set) {
  std::vector<std::string> out;
  for (const PipRequirement* r : set.requirements()) out.push_back(r->name);
  return out;
}

TEST(FileOverlay, UnsavedRequirementTextWinsInsideTheScopeOnly) {
  testing_util::TempDir tmp("dockml-overlay");
  ASSERT_TRUE(tmp.ok());
  const fs::path& dir = tmp.path();
  tmp.write("requirements.txt", "numpy==1.26.4\n-r extra.txt\n");
  tmp.write("extra.txt", "scipy==1.13.0\n");
  FileOverlayMap open;
  // The editor holds a changed, unsaved extra.txt (given by a non-normalised path).
  open[(dir / "sub" / ".." / "extra.txt").string()] =
      std::make_shared<SourceFile>((dir / "extra.txt").string(), "torch==2.1.0\n");
  EXPECT_EQ(names(reqs::resolve_requirement_file(dir.string(), "requirements.txt")),
            (std::vector<std::string>{"numpy", "scipy"}));
  {
    ScopedFileOverlay scope(&open);
    EXPECT_EQ(overlay_file((dir / "extra.txt").string()), open.begin()->second);
    EXPECT_EQ(overlay_file((dir / "requirements.txt").string()), nullptr);
    EXPECT_EQ(names(reqs::resolve_requirement_file(dir.string(), "requirements.txt")),
              (std::vector<std::string>{"numpy", "torch"}));
  }
  EXPECT_EQ(overlay_file((dir / "extra.txt").string()), nullptr);
  EXPECT_EQ(names(reqs::resolve_requirement_file(dir.string(), "requirements.txt")),
            (std::vector<std::string>{"numpy", "scipy"}));
}

}  // namespace
}  // namespace dockml
