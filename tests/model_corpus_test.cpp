// The image model against real files: for a sample of ../shared/corpus/ml Dockerfiles, the
// expected model of one stage was written by hand after reading each file (and its requirement
// files) — tests/model_corpus/cases.json. Each case rebuilds the repository layout the
// Dockerfile was taken from in a temporary folder (the Dockerfile and the requirement files the
// corpus MANIFEST relates to it, at their original paths), uses the case's build context, and
// compares: expanded base image, the stage's CUDA (major.minor) and Python (major.minor), the
// torch pin and its resolved CUDA variant, and which requirement files were found and read.
// Skipped visibly when ../shared is absent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/dockerfile/parser.h"
#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/image_model.h"
#include "tests/temp_dir.h"
#include "tests/corpus_util.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using testing_util::read_all;

struct ManifestRow {
  std::string original_path;
  std::string related;
};

// local_path -> row, from the corpus MANIFEST.tsv.
std::map<std::string, ManifestRow> read_manifest(const fs::path& manifest) {
  std::map<std::string, ManifestRow> rows;
  for (const std::vector<std::string>& cols : testing_util::manifest_rows(manifest)) {
    if (cols.size() < 10) continue;
    rows[cols[0]] = {cols[3], cols[9]};
  }
  return rows;
}

std::string major_minor(const Version& v) { return v.truncated(2).release_string(); }

// What the model says about one stage, in the shape of a case's "expect" object.
json observed(const StageModel& st) {
  json out;
  out["base"] = st.base;
  out["cuda"] = st.cuda ? major_minor(st.cuda->version) : "";
  out["python"] = st.python ? major_minor(st.python->version) : "";
  const FrameworkVariant* torch = st.framework("torch");
  if (torch == nullptr) torch = st.framework("pytorch");
  out["torch"] = torch ? (torch->version ? torch->version->str() : "unpinned") : "";
  out["torch_variant"] = torch ? torch->variant : "";
  std::vector<std::string> found, missing;
  for (const InstalledFile& f : st.files) {
    (f.found ? found : missing).push_back(f.context_path.empty() ? f.image_path : f.context_path);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  out["files_found"] = found;
  out["files_missing"] = missing;
  return out;
}


TEST(ModelCorpus, HandCheckedSample) {
  fs::path corpus = fs::path(DOCKML_SHARED_DIR) / "corpus";
  if (!fs::exists(corpus / "MANIFEST.tsv")) {
    GTEST_SKIP() << "corpus not found at " << corpus.string() << " (DOCKML_SHARED_DIR); skipping";
  }
  auto manifest = read_manifest(corpus / "MANIFEST.tsv");
  json cases = json::parse(read_all(fs::path(DOCKML_TESTS_DIR) / "model_corpus" / "cases.json"));
  ASSERT_GE(cases.size(), 20u);
  for (const json& c : cases) {
    const std::string file = c.at("file");
    SCOPED_TRACE(file);
    auto row = manifest.find(file);
    ASSERT_NE(row, manifest.end()) << "not in MANIFEST.tsv";
    testing_util::TempDir tmp("dockml-model");
    ASSERT_TRUE(tmp.ok());
    fs::path dockerfile = tmp.path() / row->second.original_path;
    tmp.write(row->second.original_path, read_all(corpus / file));
    for (const auto& [local, other] : manifest) {
      if (other.related == file) tmp.write(other.original_path, read_all(corpus / local));
    }
    LoadResult loaded = load_source(dockerfile.string());
    ASSERT_TRUE(loaded.file) << loaded.error.message;
    Dockerfile df = parse_dockerfile(loaded.file);
    LintOptions options;
    options.context_dir = (tmp.path() / c.value("context", "")).string();
    auto model = build_image_model(df, options, KnowledgeBase::builtin());
    ASSERT_TRUE(model);
    const StageModel* stage = nullptr;
    std::string want_stage = c.value("stage", "");
    for (const StageModel& st : model->stages) {
      if (want_stage.empty() ? st.is_final : st.name == want_stage) stage = &st;
    }
    ASSERT_NE(stage, nullptr) << "stage '" << want_stage << "' not found";
    json got = observed(*stage);
    json want = c.at("expect");
    for (auto it = want.begin(); it != want.end(); ++it) {
      EXPECT_EQ(got[it.key()], it.value()) << "field '" << it.key() << "' (why: "
                                           << c.value("why", "") << ")";
    }
  }
}

}  // namespace
}  // namespace dockml
