// The editor's shell parse cache changes nothing: every ML Dockerfile of ../shared/corpus,
// edited (a line added on top, which moves every RUN), is linted with a cache warmed by the
// file before the edit and without any cache, and both give the same diagnostics, spans,
// labels and fixes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "analyzer/engine/engine.h"
#include "analyzer/shell/parse_cache.h"
#include "tests/corpus_util.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

using testing_util::read_all;

std::string lint_dump(const std::string& path, const std::string& text) {
  LintResult r = lint_source(std::make_shared<SourceFile>(path, text), LintOptions{});
  std::ostringstream o;
  for (const Diagnostic& d : r.diagnostics) {
    o << d.code << ' ' << d.span.begin << '-' << d.span.end << ' ' << d.message << '\n';
    for (const Label& l : d.labels) o << "  label " << l.span.begin << '-' << l.span.end << ' ' << l.message << '\n';
    for (const std::string& n : d.notes) o << "  note " << n << '\n';
    if (d.fix)
      for (const Edit& e : d.fix->edits) o << "  edit " << e.span.begin << '-' << e.span.end << ' ' << e.text << '\n';
  }
  return o.str();
}

TEST(ParseCacheCorpus, WarmCacheLintsLikeNoCache) {
  fs::path root = fs::path(DOCKML_SHARED_DIR) / "corpus";
  if (!fs::exists(root / "MANIFEST.tsv"))
    GTEST_SKIP() << "corpus not found at " << root.string() << " (DOCKML_SHARED_DIR); skipping";
  int files = 0;
  shell::ParseCache cache;
  for (const std::vector<std::string>& cols : testing_util::manifest_rows(root / "MANIFEST.tsv")) {
    if (cols.size() < 8 || cols[5] != "ml" || cols[7] != "dockerfile") continue;
    SCOPED_TRACE(cols[0]);
    std::string path = (root / cols[0]).string();
    std::string text = read_all(path);
    std::string edited = "# edited\n" + text;
    std::string cold = lint_dump(path, edited);
    {
      shell::ScopedParseCache scope(&cache);
      lint_dump(path, text);
      EXPECT_EQ(lint_dump(path, edited), cold);
    }
    ++files;
  }
  EXPECT_GT(files, 800);
  EXPECT_GT(cache.hits(), 0u);
}

}  // namespace
}  // namespace dockml
