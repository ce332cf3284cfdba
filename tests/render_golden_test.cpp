// Golden tests pinning the text and JSON renderings: code frame, carets, UTF-8 and tab
// handling, multi-line spans, labels, notes, fixes, the summary line. Diagnostics are built
// by hand so the goldens do not change when rules change. DOCKML_BLESS=1 re-blesses.
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/diag/diagnostic.h"
#include "analyzer/render/render.h"
#include "analyzer/render/text.h"
#include "tests/golden_util.h"

namespace dockml {
namespace {

SourcePtr file(std::string path, std::string text) {
  return std::make_shared<SourceFile>(std::move(path), std::move(text));
}

// Span of the `nth` occurrence of `needle` in the file.
Span find(const SourcePtr& f, std::string_view needle, int nth = 0) {
  size_t at = f->text().find(needle);
  while (nth-- > 0) at = f->text().find(needle, at + 1);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

Diagnostic diag(std::string code, Severity sev, std::string message, SourcePtr src, Span span) {
  Diagnostic d;
  d.code = std::move(code);
  d.severity = sev;
  d.message = std::move(message);
  d.source = std::move(src);
  d.span = span;
  return d;
}

std::vector<Diagnostic> sample() {
  std::vector<Diagnostic> out;
  SourcePtr df = file("examples/train/Dockerfile",
                      "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\n"
                      "RUN apt-get update && apt-get install -y python3-pip\n"
                      "RUN pip install torch==2.1.0+cu118 \\\n"
                      "    --index-url https://download.pytorch.org/whl/cu118\n"
                      "COPY requirements.txt /app/\n");
  // Simple span with a safe fix and a note.
  Diagnostic a = diag("DL3015", Severity::kInfo, "apt-get install without --no-install-recommends",
                      df, find(df, "apt-get install -y python3-pip"));
  a.fix = Fix{Applicability::kSafe, "Add --no-install-recommends",
              {Edit{Span{find(df, "-y python3").begin, find(df, "-y python3").begin},
                    "--no-install-recommends "}}};
  a.notes.push_back("recommended packages add hundreds of megabytes to CUDA images");
  out.push_back(a);
  // Multi-line span (continuation) with a secondary label and an unsafe fix.
  Diagnostic b = diag("ML101", Severity::kError,
                      "torch 2.1.0+cu118 ships CUDA 11.8 but the base image nvidia/cuda:12.1.1 "
                      "provides CUDA 12.1",
                      df, Span{find(df, "pip install torch").begin, find(df, "whl/cu118").end});
  b.labels.push_back(Label{df, find(df, "nvidia/cuda:12.1.1-runtime-ubuntu22.04"),
                           "base image provides CUDA 12.1"});
  b.fix = Fix{Applicability::kUnsafe, "Use the cu121 wheel: torch==2.1.0+cu121", {}};
  out.push_back(b);
  // Label in another file.
  SourcePtr req = file("examples/train/requirements.txt", "numpy==1.26.4\ntensorflow==2.15.0\n");
  Diagnostic c = diag("ML104", Severity::kWarning,
                      "tensorflow 2.15.0 from requirements.txt is installed next to torch",
                      df, find(df, "COPY requirements.txt /app/"));
  c.labels.push_back(Label{req, find(req, "tensorflow==2.15.0"), "pinned here"});
  out.push_back(c);

  // UTF-8 and tabs before the span.
  SourcePtr u = file("unicode.Dockerfile",
                     "LABEL description=\"模型服务 — café\" maintainer=\"José\"\n"
                     "RUN\techo\t\"tab\"\tstyle\n");
  out.push_back(diag("DL4000", Severity::kStyle, "MAINTAINER-like label", u, find(u, "maintainer")));
  out.push_back(diag("BK004", Severity::kStyle, "word after tabs", u, find(u, "style")));
  // Empty span at the end of a file without a final newline.
  SourcePtr nonl = file("nonl.Dockerfile", "FROM alpine\nCMD [\"sh\"");
  out.push_back(diag("DF001", Severity::kError, "unterminated JSON array: expected ']'", nonl,
                     Span{nonl->size(), nonl->size()}));
  // Stdin and a CRLF file.
  SourcePtr in = file("-", "FROM python:3.11\r\nRUN pip install torch\r\n");
  out.push_back(diag("ML402", Severity::kWarning, "pip install of an unpinned framework", in,
                     find(in, "torch")));
  // A very long line: the frame shows a window around the span.
  std::string long_line = "RUN echo " + std::string(600, 'x') + " needle " + std::string(300, 'y') + "\n";
  SourcePtr lng = file("long.Dockerfile", long_line);
  out.push_back(diag("DL3059", Severity::kInfo, "needle in a long line", lng, find(lng, "needle")));
  std::stable_sort(out.begin(), out.end(), diagnostic_less);
  return out;
}

std::string golden(const std::string& name) { return std::string(DOCKML_TESTS_DIR) + "/golden/" + name; }

TEST(RenderGolden, Text) {
  std::vector<Diagnostic> diags = sample();
  RenderInput in;
  in.diagnostics = &diags;
  in.files_checked = 6;
  std::ostringstream out;
  render_text(out, in);
  testing::expect_golden(golden("text.txt"), out.str());
}

TEST(RenderGolden, TextColor) {
  std::vector<Diagnostic> diags = sample();
  diags.resize(1);
  RenderInput in;
  in.diagnostics = &diags;
  in.files_checked = 1;
  in.color = true;
  std::ostringstream out;
  render_text(out, in);
  testing::expect_golden(golden("text_color.txt"), out.str());
}

TEST(RenderGolden, Json) {
  std::vector<Diagnostic> diags = sample();
  RenderInput in;
  in.diagnostics = &diags;
  in.files_checked = 6;
  std::ostringstream out;
  render_json(out, in);
  testing::expect_golden(golden("json.json"), out.str());
}

TEST(RenderText, SummaryLine) {
  std::vector<Diagnostic> none;
  EXPECT_EQ(summary_line(none, 0), "0 errors, 0 warnings in 0 files");
  std::vector<Diagnostic> diags = sample();
  EXPECT_EQ(summary_line(diags, 6),
            "2 errors, 2 warnings, 2 infos, 2 style issues in 6 files; 1 with a safe fix");
  diags.resize(1);
  EXPECT_EQ(summary_line(diags, 1), "0 errors, 1 warning in 1 file");
}

TEST(RenderText, CharCells) {
  EXPECT_EQ(char_cells(U'a'), 1);
  EXPECT_EQ(char_cells(U'模'), 2);
  EXPECT_EQ(char_cells(U'\u0301'), 0);
  EXPECT_EQ(char_cells(U'é'), 1);
}

}  // namespace
}  // namespace dockml
