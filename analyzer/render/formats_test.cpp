// Golden tests of the machine-readable output formats (sarif, github, checkstyle, gitlab,
// rdjson, gnu) on hand-made diagnostics: several files (one outside the root, one with a space
// in its name), labels across files, notes, safe/unsafe/display fixes, non-ASCII text, quotes,
// newlines, commas and '%'. DOCKML_BLESS=1 rewrites tests/golden/formats/*.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analyzer/render/github.h"
#include "analyzer/render/render.h"
#include "analyzer/render/render_util.h"

namespace dockml {
namespace {

constexpr std::string_view kDoc =
    "## What it does\nChecks one thing about a Dockerfile.\nSecond line of the paragraph.\n\n"
    "## Why it matters\nBecause.\n\n## Example\n```dockerfile\nRUN bad\n```\n\n"
    "## Use instead\n```dockerfile\nRUN good\n```\n\n## Fix safety\nSafe.\n\n"
    "## References\n- https://docs.docker.com/\n";

const RuleMeta kBK004{"BK004", "consistent-instruction-casing", Severity::kStyle, true,
                      FixAvailability::kNone, "Instructions should use one casing.", kDoc,
                      "ConsistentInstructionCasing"};
const RuleMeta kBK007{"BK007", "json-args-recommended", Severity::kInfo, true,
                      FixAvailability::kSometimes, "Use JSON arguments for CMD and ENTRYPOINT.",
                      kDoc, "JSONArgsRecommended"};
const RuleMeta kDF001{"DF001", "parse-error", Severity::kError, true, FixAvailability::kNone,
                      "The file could not be parsed.", kDoc};
const RuleMeta kDL3006{"DL3006", "image-tag", Severity::kWarning, true, FixAvailability::kNone,
                       "Always tag the version of an image explicitly.", kDoc};
const RuleMeta kDL3015{"DL3015", "apt-no-install-recommends", Severity::kInfo, true,
                       FixAvailability::kAlways, "Avoid additional packages by adding --no-install-recommends.",
                       kDoc};
const RuleMeta kML101{"ML101", "cuda-wheel-mismatch", Severity::kError, true,
                      FixAvailability::kSometimes,
                      "A CUDA wheel does not match the base image's CUDA.", kDoc};
const RuleMeta kML202{"ML202", "visible-devices-baked", Severity::kWarning, true,
                      FixAvailability::kNone, "GPU selection is baked into the image.", kDoc};
const RuleMeta kML301{"ML301", "model-weights-in-image", Severity::kWarning, true,
                      FixAvailability::kNone, "Model weights are copied into a layer.", kDoc};
const RuleMeta kML401{"ML401", "ml-secret-in-build", Severity::kError, true,
                      FixAvailability::kSometimes, "An ML service credential is in the build.",
                      kDoc};

std::vector<const RuleMeta*> all_rules() {
  return {&kBK004, &kBK007, &kDF001, &kDL3006, &kDL3015, &kML101, &kML202, &kML301, &kML401};
}

constexpr std::string_view kDockerfile =
    "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\n"
    "RUN apt-get update && apt-get install -y python3-pip\n"
    "ENV HF_TOKEN=hf_abcdefghijklmnop CUDA_VISIBLE_DEVICES=0\n"
    "# caf\xC3\xA9 \xF0\x9F\x98\x80 \"quoted\", 100% done\n"
    "RUN pip install torch==2.1.0+cu118 \\\n"
    "    -r requirements.txt\n"
    "CMD python3 train.py\n";

Span find(const SourceFile& f, std::string_view needle) {
  size_t at = f.text().find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

Span at_end_of(const SourceFile& f, std::string_view needle) {
  Span s = find(f, needle);
  return Span{s.end, s.end};
}

struct Sample {
  SourcePtr dockerfile = std::make_shared<SourceFile>("/src/proj/Dockerfile", std::string(kDockerfile));
  SourcePtr requirements =
      std::make_shared<SourceFile>("/src/proj/requirements.txt", "torch==2.1.0+cu118\nnumpy<2\n");
  SourcePtr gpu = std::make_shared<SourceFile>("/src/proj/sub dir/Dockerfile.gpu",
                                               "FROM python:3.11\nRUN echo \\\n");
  SourcePtr outside = std::make_shared<SourceFile>("/elsewhere/models \xC3\xBC/Dockerfile",
                                                   "FROM scratch\nCOPY model.safetensors /models/\n");
  std::vector<Diagnostic> diagnostics;
  RenderInput input;

  Sample() {
    const SourceFile& df = *dockerfile;
    auto add = [&](const char* code, Severity sev, SourcePtr src, Span span, std::string msg) -> Diagnostic& {
      Diagnostic& d = diagnostics.emplace_back();
      d.code = code;
      d.severity = sev;
      d.source = std::move(src);
      d.span = span;
      d.message = std::move(msg);
      return d;
    };
    Diagnostic& dl3015 = add("DL3015", Severity::kInfo, dockerfile,
                             find(df, "apt-get install -y python3-pip"),
                             "apt-get install without --no-install-recommends also installs "
                             "recommended packages");
    dl3015.fix = Fix{Applicability::kSafe, "Add --no-install-recommends",
                     {Edit{at_end_of(df, "apt-get install"), " --no-install-recommends"}}};

    Diagnostic& ml401 = add("ML401", Severity::kError, dockerfile,
                            find(df, "HF_TOKEN=hf_abcdefghijklmnop"),
                            "ENV HF_TOKEN stores a Hugging Face token (\"hf_\xE2\x80\xA6\") in the "
                            "image metadata, readable by anyone who pulls it");
    ml401.notes.push_back("pass it with RUN --mount=type=secret,id=hf_token instead");
    ml401.fix = Fix{Applicability::kDisplay, "Remove the token and pass it as a build secret",
                    {Edit{find(df, " HF_TOKEN=hf_abcdefghijklmnop"), ""}}};

    add("ML202", Severity::kWarning, dockerfile, find(df, "CUDA_VISIBLE_DEVICES=0"),
        "CUDA_VISIBLE_DEVICES=0 is baked into the image, so every container sees only GPU 0");

    add("BK004", Severity::kStyle, dockerfile, find(df, "\"quoted\""),
        "Text \"quoted\", 100% done: <caf\xC3\xA9 \xF0\x9F\x98\x80> & 'single'");

    Diagnostic& ml101 =
        add("ML101", Severity::kError, dockerfile,
            find(df, "pip install torch==2.1.0+cu118 \\\n    -r requirements.txt\n"),
            "torch 2.1.0+cu118 ships CUDA 11.8 but the base image nvidia/cuda:12.1.1 provides "
            "CUDA 12.1\nits kernels need the CUDA 11.8 runtime libraries");
    ml101.labels.push_back(Label{nullptr, find(df, "nvidia/cuda:12.1.1-runtime-ubuntu22.04"),
                                 "base image provides CUDA 12.1"});
    ml101.labels.push_back(Label{requirements, find(*requirements, "torch==2.1.0+cu118"),
                                 "torch pinned here, 100% cu118"});
    ml101.notes.push_back("CUDA 12.1 needs driver >= 530.30.02, 11.8 needs >= 520.61.05");
    ml101.fix = Fix{Applicability::kUnsafe, "Use the cu121 wheel: torch==2.1.0+cu121",
                    {Edit{find(df, "cu118"), "cu121"}}};

    Diagnostic& bk007 = add("BK007", Severity::kInfo, dockerfile, find(df, "CMD python3 train.py\n"),
                            "JSON arguments recommended for CMD to prevent unintended behavior "
                            "related to OS signals");
    bk007.fix = Fix{Applicability::kUnsafe, "Use the JSON form: CMD [\"python3\", \"train.py\"]",
                    {Edit{find(df, "python3 train.py"), "[\"python3\", \"train.py\"]"}}};

    add("DF001", Severity::kError, gpu, Span{gpu->size(), gpu->size()},
        "unexpected end of file: the line continuation on line 2 has nothing after it");

    add("ML301", Severity::kWarning, outside, find(*outside, "model.safetensors"),
        "COPY of model weights model.safetensors (a *.safetensors file) adds them to a layer");

    std::sort(diagnostics.begin(), diagnostics.end(), diagnostic_less);
    input.diagnostics = &diagnostics;
    input.rules_run = all_rules();
    input.files_checked = 4;
    input.root_dir = "/src/proj";
  }
};

std::string golden_path(const std::string& name) {
  return std::string(DOCKML_TESTS_DIR) + "/golden/formats/" + name;
}

void expect_golden(const std::string& name, const std::string& actual) {
  std::string path = golden_path(name);
  const char* bless = std::getenv("DOCKML_BLESS");
  if (bless && std::string_view(bless) == "1") {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with DOCKML_BLESS=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  if (actual == expected.str()) return;
  // Report the first differing line rather than two whole documents.
  std::istringstream a(actual), e(expected.str());
  std::string la, le;
  int line = 0;
  while (true) {
    ++line;
    bool more_a = static_cast<bool>(std::getline(a, la));
    bool more_e = static_cast<bool>(std::getline(e, le));
    if (!more_a && !more_e) break;
    if (la != le || more_a != more_e) break;
  }
  ADD_FAILURE() << "golden " << path << " differs at line " << line << "\n  expected: " << le
                << "\n  actual:   " << la << "\n(DOCKML_BLESS=1 re-blesses)";
}

std::string render_with(void (*fn)(std::ostream&, const RenderInput&), const RenderInput& in) {
  std::ostringstream out;
  fn(out, in);
  return out.str();
}

TEST(FormatsGolden, Sarif) {
  Sample s;
  expect_golden("sarif.sarif", render_with(&render_sarif, s.input));
}

TEST(FormatsGolden, GithubAnnotations) {
  Sample s;
  expect_golden("github.txt", render_with(&render_github_annotations, s.input));
}

TEST(FormatsGolden, GithubStepSummary) {
  Sample s;
  expect_golden("github-summary.md", github_step_summary(s.input));
}

TEST(FormatsGolden, Checkstyle) {
  Sample s;
  expect_golden("checkstyle.xml", render_with(&render_checkstyle, s.input));
}

TEST(FormatsGolden, Gitlab) {
  Sample s;
  expect_golden("gitlab.json", render_with(&render_gitlab, s.input));
}

TEST(FormatsGolden, Rdjson) {
  Sample s;
  expect_golden("rdjson.json", render_with(&render_rdjson, s.input));
}

TEST(FormatsGolden, Gnu) {
  Sample s;
  expect_golden("gnu.txt", render_with(&render_gnu, s.input));
}

TEST(FormatsUtil, LocateInEachUnit) {
  // "é" is 2 bytes / 1 unit / 1 char; "😀" is 4 bytes / 2 UTF-16 units / 1 char; tab is 1.
  SourceFile f("x", "a\xC3\xA9\xF0\x9F\x98\x80\tz\n");
  uint32_t z = 8;
  EXPECT_EQ(render::locate(f, z, render::ColumnUnit::kUtf8Bytes), (render::LineCol{1, 9}));
  EXPECT_EQ(render::locate(f, z, render::ColumnUnit::kUtf16), (render::LineCol{1, 6}));
  EXPECT_EQ(render::locate(f, z, render::ColumnUnit::kCodePoints), (render::LineCol{1, 5}));
  EXPECT_EQ(render::locate(f, z, render::ColumnUnit::kGnu), (render::LineCol{1, 9}));  // tab stop 8
  // End of a file that ends with a newline: start of the line after the last one (edits)...
  EXPECT_EQ(render::edit_range(f, Span{10, 10}, render::ColumnUnit::kUtf8Bytes).start,
            (render::LineCol{2, 1}));
  // ...but a diagnostic there sits at the end of the last line.
  EXPECT_EQ(render::span_range(f, Span{10, 10}, render::ColumnUnit::kUtf8Bytes).start,
            (render::LineCol{1, 10}));
  // A span that swallows its line break ends on its own line.
  render::Range r = render::span_range(f, Span{0, 10}, render::ColumnUnit::kUtf8Bytes);
  EXPECT_EQ(r.end, (render::LineCol{1, 10}));
}

TEST(FormatsUtil, BomIsNotAColumn) {
  SourceFile f("x", "\xEF\xBB\xBF" "FROM a\r\nRUN b\r\n");
  EXPECT_EQ(render::locate(f, 3, render::ColumnUnit::kUtf8Bytes), (render::LineCol{1, 1}));
  EXPECT_EQ(render::locate(f, 8, render::ColumnUnit::kUtf16), (render::LineCol{1, 6}));
  EXPECT_EQ(render::locate(f, 11, render::ColumnUnit::kUtf16), (render::LineCol{2, 1}));
  render::Range r = render::span_range(f, Span{11, 18}, render::ColumnUnit::kUtf8Bytes);
  EXPECT_EQ(r.end, (render::LineCol{2, 6}));  // CRLF dropped
}

TEST(FormatsUtil, ReportPaths) {
  EXPECT_EQ(render::report_path("/src/proj/a/Dockerfile", "/src/proj"), "a/Dockerfile");
  EXPECT_EQ(render::report_path("/src/proj/./a/../Dockerfile", "/src/proj/"), "Dockerfile");
  EXPECT_EQ(render::report_path("/src/project2/Dockerfile", "/src/proj"), "/src/project2/Dockerfile");
  EXPECT_EQ(render::report_path("/src/Dockerfile", "/src/proj"), "/src/Dockerfile");
  EXPECT_EQ(render::report_path("-", "/src/proj"), "<stdin>");
  EXPECT_EQ(render::percent_encode_path("sub dir/caf\xC3\xA9/a%b#c:d"),
            "sub%20dir/caf%C3%A9/a%25b%23c%3Ad");
}

TEST(FormatsUtil, FingerprintsIgnoreLineNumbersAndCountOccurrences) {
  auto make = [](std::string text) {
    auto src = std::make_shared<SourceFile>("/r/Dockerfile", std::move(text));
    std::vector<Diagnostic> ds;
    for (size_t at = src->text().find("RUN x"); at != std::string_view::npos;
         at = src->text().find("RUN x", at + 1)) {
      Diagnostic& d = ds.emplace_back();
      d.code = "DL3059";
      d.source = src;
      d.span = Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + 5)};
    }
    return render::fingerprints(ds, "/r");
  };
  std::vector<std::string> before = make("FROM a\nRUN x\nRUN  x\n");
  std::vector<std::string> after = make("FROM a\n# comment\n\nRUN x\nRUN x   \n");
  ASSERT_EQ(before.size(), 1u);  // "RUN  x" has two spaces: not found by find()
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(before[0], after[0]);
  EXPECT_EQ(before[0].substr(0, 17), after[1].substr(0, 17));  // same hash, whitespace-normalised
  EXPECT_EQ(before[0].substr(16), ":1");
  EXPECT_EQ(after[1].substr(16), ":2");
}

TEST(FormatsUtil, CountsPhrase) {
  EXPECT_EQ(render::counts_phrase({}), "no problems");
  EXPECT_EQ(render::counts_phrase({1, 2, 0, 1}), "1 error, 2 warnings, 1 style finding");
  EXPECT_EQ(render::valid_utf8("a\xFF" "b\xC3"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
}

TEST(FormatsGithub, Escaping) {
  EXPECT_EQ(github_escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
  EXPECT_EQ(github_escape_property("dir,x/a:b%\n"), "dir%2Cx/a%3Ab%25%0A");
}

TEST(FormatsGithub, NoFindings) {
  std::vector<Diagnostic> none;
  RenderInput in;
  in.diagnostics = &none;
  in.files_checked = 1;
  EXPECT_EQ(render_with(&render_github_annotations, in), "dockml: no problems in 1 file\n");
  EXPECT_EQ(github_step_summary(in), "### dockml\n\nno problems in 1 file.\n");
}

TEST(FormatsGithub, SummaryLineMentionsTheAnnotationLimit) {
  auto src = std::make_shared<SourceFile>("/r/Dockerfile", "FROM a\n");
  std::vector<Diagnostic> ds(11);
  for (Diagnostic& d : ds) {
    d.code = "DL3006";
    d.source = src;
    d.span = Span{5, 6};
    d.message = "m";
  }
  RenderInput in;
  in.diagnostics = &ds;
  in.files_checked = 1;
  in.root_dir = "/r";
  std::string out = render_with(&render_github_annotations, in);
  EXPECT_EQ(out.substr(out.rfind("dockml:")),
            "dockml: 11 warnings in 1 file (GitHub shows only 10 annotations of each level per "
            "step: all findings are listed above and in the job summary)\n");
}

TEST(FormatsGithub, AppendsTheJobSummaryWhenTheVariableIsSet) {
  Sample s;
  std::string path = testing::TempDir() + "dockml_step_summary.md";
  std::ofstream(path, std::ios::binary) << "earlier step\n";
  ::setenv("GITHUB_STEP_SUMMARY", path.c_str(), 1);
  std::string out = render_with(&render_github, s.input);
  ::unsetenv("GITHUB_STEP_SUMMARY");
  EXPECT_EQ(out, render_with(&render_github_annotations, s.input));
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), "earlier step\n" + github_step_summary(s.input) + "\n");
  std::filesystem::remove(path);

  std::string error;
  EXPECT_FALSE(append_github_step_summary("/nonexistent-dir/x.md", s.input, &error));
  EXPECT_EQ(error, "/nonexistent-dir/x.md: cannot append the GitHub job summary");
}

TEST(FormatsSarif, NoDiagnosticsAndUnlistedCodes) {
  RenderInput empty;
  empty.root_dir = "/r";
  nlohmann::json log = nlohmann::json::parse(render_with(&render_sarif, empty));
  EXPECT_EQ(log["runs"][0]["results"], nlohmann::json::array());
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"], nlohmann::json::array());
  EXPECT_EQ(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file:///r/");

  // A code that reported without being in rules_run (and unknown to the registry) still gets
  // a rule descriptor with non-empty texts, and the result points at it.
  auto src = std::make_shared<SourceFile>("/r/a b/Dockerfile", "FROM a\n");
  std::vector<Diagnostic> ds(1);
  ds[0].code = "XX999";
  ds[0].severity = Severity::kStyle;
  ds[0].source = src;
  ds[0].span = Span{0, 4};
  ds[0].message = "m";
  RenderInput in;
  in.diagnostics = &ds;
  in.rules_run = {&kDL3006};
  in.root_dir = "/r";
  log = nlohmann::json::parse(render_with(&render_sarif, in));
  const nlohmann::json& rules = log["runs"][0]["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[1]["id"], "XX999");
  EXPECT_EQ(rules[1]["shortDescription"]["text"], "dockml rule XX999.");
  EXPECT_EQ(rules[1]["help"]["text"], "dockml rule XX999.");
  EXPECT_EQ(rules[1]["defaultConfiguration"]["level"], "note");
  const nlohmann::json& result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleIndex"], 1);
  EXPECT_EQ(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "a%20b/Dockerfile");
}

TEST(FormatsAll, DiagnosticWithoutSourceOrFixEditsDoesNotCrash) {
  std::vector<Diagnostic> ds(1);
  ds[0].code = "XX001";
  ds[0].severity = Severity::kError;
  ds[0].message = "bad \xFF byte";
  ds[0].fix = Fix{Applicability::kSafe, "", {}};
  RenderInput in;
  in.diagnostics = &ds;
  in.files_checked = 1;
  EXPECT_EQ(render_with(&render_gnu, in), "<unknown>: error: bad \xEF\xBF\xBD byte [XX001]\n");
  EXPECT_EQ(render_with(&render_checkstyle, in),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
            "  <file name=\"&lt;unknown&gt;\">\n"
            "    <error line=\"1\" column=\"1\" severity=\"error\" message=\"bad \xEF\xBF\xBD "
            "byte\" source=\"dockml.XX001\"/>\n  </file>\n</checkstyle>\n");
  for (auto fn : {&render_sarif, &render_gitlab, &render_rdjson}) {
    EXPECT_NO_THROW((void)nlohmann::json::parse(render_with(fn, in)));
  }
  EXPECT_EQ(render_with(&render_github_annotations, in),
            "::error file=<unknown>,title=XX001::bad \xEF\xBF\xBD byte%0Adocs: "
            "https://github.com/dockml/dockml/blob/main/docs/rules/XX001.md\n"
            "dockml: 1 error in 1 file\n");
}

}  // namespace
}  // namespace dockml
