// The image model on hand-made files: spans that map back exactly (through line
// continuations, comments inside them, heredocs and requirement files), SHELL inheritance
// across FROM <stage>, ONBUILD RUN triggers, and pathological input (cyclic and escaping
// includes, a 10 MB requirement file, a RUN with 5,000 commands) without hang or crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "analyzer/dockerfile/parser.h"
#include "analyzer/kb/knowledge_base.h"
#include "analyzer/model/image_model.h"
#include "tests/temp_dir.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

using Context = testing_util::TempDir;

struct Built {
  Dockerfile df;
  std::unique_ptr<ImageModel> model;
};

Built build(const std::string& text, const Context* ctx = nullptr) {
  Built b;
  std::string path = ctx ? (ctx->path() / "Dockerfile").string() : "Dockerfile";
  b.df = parse_dockerfile(std::make_shared<SourceFile>(path, text));
  LintOptions options;
  if (ctx) options.context_dir = ctx->path().string();
  b.model = build_image_model(b.df, options, KnowledgeBase::builtin());
  return b;
}

std::string at(const SourceRef& r) {
  if (!r.source) return "<no source>";
  return std::string(r.source->text().substr(r.span.begin, r.span.size()));
}

// "line:col" (1-based) of a span's start, as an editor shows it.
std::string pos(const SourceRef& r) {
  if (!r.source) return "<no source>";
  std::string_view t = r.source->text();
  int line = 1, col = 1;
  for (uint32_t i = 0; i < r.span.begin && i < t.size(); ++i) {
    if (t[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return std::to_string(line) + ":" + std::to_string(col);
}

const PythonPackage* package(const StageModel& st, std::string_view name) {
  for (const PythonPackage& p : st.python_packages)
    if (p.req.name == name) return &p;
  return nullptr;
}

TEST(ImageModelSpans, WordsInsideContinuationsWithComments) {
  Built b = build(
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\n"
      "RUN pip install --no-cache-dir \\\n"
      "      --index-url https://download.pytorch.org/whl/cu121 \\\n"
      "# a comment line inside the continuation\n"
      "      torch==2.1.0 \\\n"
      "      'numpy<2'\n");
  ASSERT_EQ(b.model->stages.size(), 1u);
  const StageModel& st = b.model->stages[0];
  const PythonPackage* torch = package(st, "torch");
  ASSERT_NE(torch, nullptr);
  EXPECT_EQ(at(torch->req.ref), "torch==2.1.0");
  EXPECT_EQ(pos(torch->req.ref), "5:7");
  EXPECT_EQ(at(torch->req.name_ref), "torch");
  EXPECT_EQ(at(torch->req.specifier_ref), "==2.1.0");
  const PythonPackage* numpy = package(st, "numpy");
  ASSERT_NE(numpy, nullptr);
  EXPECT_EQ(pos(numpy->req.ref), "6:7");
  const FrameworkVariant* fw = st.framework("torch");
  ASSERT_NE(fw, nullptr);
  EXPECT_EQ(fw->variant, "cu121");
  EXPECT_EQ(fw->origin, "index URL https://download.pytorch.org/whl/cu121");
  EXPECT_EQ(pos(fw->origin_ref), "2:5");  // the pip command that names the index
  EXPECT_NE(at(fw->origin_ref).find("--index-url https://download.pytorch.org/whl/cu121"), std::string::npos);
}

TEST(ImageModelSpans, HeredocBody) {
  Built b = build(
      "# syntax=docker/dockerfile:1\n"
      "FROM python:3.11-slim\n"
      "RUN <<EOF\n"
      "set -e\n"
      "pip install --no-cache-dir \\\n"
      "    jax[cuda12]==0.4.30\n"
      "EOF\n");
  const StageModel& st = b.model->stages.at(0);
  const PythonPackage* jax = package(st, "jax");
  ASSERT_NE(jax, nullptr);
  EXPECT_EQ(at(jax->req.ref), "jax[cuda12]==0.4.30");
  EXPECT_EQ(pos(jax->req.ref), "6:5");
  ASSERT_TRUE(st.python);
  EXPECT_EQ(st.python->version.str(), "3.11");
}

TEST(ImageModelSpans, RequirementFileLinesPointIntoTheFile) {
  Context ctx;
  ctx.write("requirements.txt", "# pinned\nnumpy==1.26.4\n\ntorch==2.3.1 ; python_version >= \"3.9\"\n");
  Built b = build(
      "FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04\n"
      "WORKDIR /app\n"
      "COPY requirements.txt .\n"
      "RUN pip install -r requirements.txt\n",
      &ctx);
  const StageModel& st = b.model->stages.at(0);
  ASSERT_EQ(st.files.size(), 1u);
  EXPECT_TRUE(st.files[0].found);
  EXPECT_EQ(st.files[0].context_path, "requirements.txt");
  EXPECT_EQ(st.files[0].image_path, "/app/requirements.txt");
  EXPECT_EQ(at(st.files[0].arg), "requirements.txt");
  EXPECT_EQ(pos(st.files[0].arg), "4:20");
  const PythonPackage* torch = package(st, "torch");
  ASSERT_NE(torch, nullptr);
  EXPECT_EQ(torch->requirement_file, "requirements.txt");
  EXPECT_EQ(torch->req.ref.source->path(), (ctx.path() / "requirements.txt").string());
  EXPECT_EQ(pos(torch->req.ref), "4:1");
  EXPECT_EQ(at(torch->req.name_ref), "torch");
  EXPECT_EQ(torch->run_instruction, 3u);
}

TEST(ImageModelShell, FromStageInheritsTheParentsShell) {
  Built b = build(
      "FROM ubuntu:22.04 AS base\n"
      "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
      "RUN echo one\n"
      "FROM base AS child\n"
      "RUN echo two\n"
      "FROM ubuntu:22.04\n"
      "RUN echo three\n");
  const std::vector<std::string> bash = {"/bin/bash", "-o", "pipefail", "-c"};
  const std::vector<std::string> sh = {"/bin/sh", "-c"};
  ASSERT_NE(b.model->run_at(2), nullptr);
  EXPECT_EQ(b.model->run_at(2)->shell, bash);
  ASSERT_NE(b.model->run_at(4), nullptr);
  EXPECT_EQ(b.model->run_at(4)->shell, bash);
  ASSERT_NE(b.model->run_at(6), nullptr);
  EXPECT_EQ(b.model->run_at(6)->shell, sh);
}

TEST(ImageModelShell, PowershellRunIsNotReadAsPosix) {
  Built b = build(
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
      "SHELL [\"powershell\", \"-Command\"]\n"
      "RUN pip install torch==2.1.0\n");
  EXPECT_TRUE(b.model->stages.at(0).python_packages.empty());
}

TEST(ImageModelOnbuild, TriggerIsParsedButAddsNothingToTheStage) {
  Built b = build(
      "FROM python:3.11\n"
      "ONBUILD RUN pip install torch==2.1.0 && apt-get install -y curl\n"
      "RUN pip install numpy==1.26.4\n");
  const StageModel& st = b.model->stages.at(0);
  ASSERT_EQ(st.python_packages.size(), 1u);
  EXPECT_EQ(st.python_packages[0].req.name, "numpy");
  EXPECT_EQ(b.model->run_at(1), nullptr);
  const RunAnalysis* trig = b.model->onbuild_run_at(1);
  ASSERT_NE(trig, nullptr);
  EXPECT_TRUE(trig->onbuild);
  ASSERT_EQ(trig->facts.pip.size(), 1u);
  ASSERT_EQ(trig->facts.pip[0].requirements.size(), 1u);
  EXPECT_EQ(at(trig->facts.pip[0].requirements[0].ref), "torch==2.1.0");
  EXPECT_EQ(pos(trig->facts.pip[0].requirements[0].ref), "2:25");
}

TEST(ImageModelPathological, CyclicIncludesTerminate) {
  Context ctx;
  ctx.write("a.txt", "-r b.txt\ntorch==2.1.0\n");
  ctx.write("b.txt", "-r a.txt\nnumpy==1.26.4\n");
  Built b = build("FROM python:3.11\nCOPY . /src\nRUN pip install -r /src/a.txt\n", &ctx);
  const StageModel& st = b.model->stages.at(0);
  EXPECT_NE(package(st, "torch"), nullptr);
  EXPECT_NE(package(st, "numpy"), nullptr);
  EXPECT_EQ(st.python_packages.size(), 2u);
}

TEST(ImageModelPathological, IncludeEscapingTheContextIsNotRead) {
  Context outside;
  outside.write("ctx/requirements.txt", "-r ../secret.txt\nnumpy==1.26.4\n");
  outside.write("secret.txt", "torch==2.1.0\n");
  Built b;
  b.df = parse_dockerfile(std::make_shared<SourceFile>(
      (outside.path() / "ctx" / "Dockerfile").string(),
      "FROM python:3.11\nCOPY requirements.txt /r.txt\nRUN pip install -r /r.txt\n"));
  LintOptions options;
  options.context_dir = (outside.path() / "ctx").string();
  b.model = build_image_model(b.df, options, KnowledgeBase::builtin());
  const StageModel& st = b.model->stages.at(0);
  EXPECT_NE(package(st, "numpy"), nullptr);
  EXPECT_EQ(package(st, "torch"), nullptr);
}

TEST(ImageModelPathological, TenMegabyteRequirementFile) {
  Context ctx;
  std::string big;
  big.reserve(10u << 20);
  for (int i = 0; big.size() < (10u << 20); ++i) big += "package-number-" + std::to_string(i) + "==1.0." + std::to_string(i % 97) + "\n";
  ctx.write("requirements.txt", big);
  Built b = build("FROM python:3.11\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n", &ctx);
  const StageModel& st = b.model->stages.at(0);
  ASSERT_EQ(st.files.size(), 1u);
  // Over the per-file limit (1 MB): the head is analysed, the rest cut with a note.
  EXPECT_TRUE(st.files[0].found);
  EXPECT_GT(st.python_packages.size(), 1000u);
  EXPECT_LT(st.python_packages.size(), 100000u);
  EXPECT_EQ(st.python_packages[0].req.name, "package-number-0");
  ASSERT_FALSE(b.model->notes.empty());
  EXPECT_NE(b.model->notes[0].message.find("requirements.txt"), std::string::npos) << b.model->notes[0].message;
}

TEST(ImageModelPathological, RunWithFiveThousandCommands) {
  std::string text = "FROM python:3.11\nRUN true";
  for (int i = 0; i < 5000; ++i) text += " && \\\n    pip install pkg" + std::to_string(i) + "==1.0";
  text += "\n";
  Built b = build(text);
  const StageModel& st = b.model->stages.at(0);
  ASSERT_EQ(st.python_packages.size(), 5000u);
  EXPECT_EQ(at(st.python_packages[4999].req.ref), "pkg4999==1.0");
  EXPECT_EQ(pos(st.python_packages[4999].req.ref), "5002:17");
}

}  // namespace
}  // namespace dockml

namespace dockml {
namespace {

// Variables exported inside a RUN reach the builds after them, like `VAR=... cmd` prefixes.
TEST(ImageModelEnv, ExportedBuildVariablesMakeCudaBuilds) {
  Built b = build(
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\n"
      "RUN export DS_BUILD_OPS=1 && pip install deepspeed==0.14.0\n"
      "RUN declare -x TORCH_CUDA_ARCH_LIST=\"8.0 9.0\" && pip install -e .\n"
      "RUN export TORCH_CUDA_ARCH_LIST=9.0; python setup.py install\n");
  ASSERT_EQ(b.model->stages.size(), 1u);
  const StageModel& st = b.model->stages[0];
  ASSERT_EQ(st.cuda_builds.size(), 3u);
  EXPECT_EQ(st.cuda_builds[0].reason, "build of deepspeed with DS_BUILD_OPS set");
  EXPECT_EQ(at(st.cuda_builds[0].ref), "deepspeed==0.14.0");
  EXPECT_EQ(pos(st.cuda_builds[0].ref), "2:42");
  EXPECT_EQ(st.cuda_builds[1].reason, "TORCH_CUDA_ARCH_LIST set and a local package built with pip");
  EXPECT_EQ(at(st.cuda_builds[1].ref), ".");
  EXPECT_EQ(pos(st.cuda_builds[1].ref), "3:65");
  EXPECT_EQ(st.cuda_builds[2].reason, "TORCH_CUDA_ARCH_LIST set and setup.py build");
  EXPECT_EQ(at(st.cuda_builds[2].ref), "python setup.py install");
}

TEST(ImageModelEnv, UnexportedOrLaterVariablesDoNot) {
  Built b = build(
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\n"
      "RUN DS_BUILD_OPS=1; pip install deepspeed==0.14.0\n"
      "RUN pip install -e . && export TORCH_CUDA_ARCH_LIST=9.0\n"
      "RUN (export DS_BUILD_OPS=1) && pip install deepspeed==0.14.0\n");
  ASSERT_EQ(b.model->stages.size(), 1u);
  EXPECT_TRUE(b.model->stages[0].cuda_builds.empty());
}

}  // namespace
}  // namespace dockml

namespace dockml {
namespace {

// "<variant> CUDA <cuda> (<origin>) from `<origin word>` at line:col" of `package` in stage `i`.
std::string variant_of(const Built& b, size_t i, std::string_view package) {
  if (i >= b.model->stages.size()) return "<no stage>";
  for (const FrameworkVariant& f : b.model->stages[i].frameworks) {
    if (f.package != package) continue;
    std::string out = (f.variant.empty() ? "?" : f.variant) + " CUDA " + (f.cuda ? f.cuda->str() : "-") +
                      " (" + f.origin + ")";
    if (f.origin_ref.source) out += " from `" + at(f.origin_ref) + "` at " + pos(f.origin_ref);
    return out;
  }
  return "<no " + std::string(package) + ">";
}

// uv's torch backend picks the build of PyTorch packages like an index URL does.
TEST(ImageModelUvTorchBackend, BackendValueIsTheVariant) {
  Built b = build(
      "FROM nvidia/cuda:12.6.3-cudnn-devel-ubuntu22.04 AS env\n"
      "ARG TORCH_BACKEND=cu126\n"
      "RUN UV_TORCH_BACKEND=$TORCH_BACKEND uv pip install --system torch==2.6.0 torchvision\n"
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04 AS flag\n"
      "RUN uv pip install --index-url https://download.pytorch.org/whl/cu118 \\\n"
      "      --torch-backend=cu121 torch==2.3.1\n"
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04 AS cpu\n"
      "RUN uv pip install --torch-backend cpu torch==2.3.1\n"
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04 AS auto\n"
      "ENV UV_TORCH_BACKEND=auto\n"
      "RUN uv pip install --system torch==2.3.1\n");
  ASSERT_EQ(b.model->stages.size(), 4u);
  EXPECT_EQ(variant_of(b, 0, "torch"), "cu126 CUDA 12.6 (uv torch backend) from `UV_TORCH_BACKEND=$TORCH_BACKEND` at 3:5");
  EXPECT_EQ(variant_of(b, 0, "torchvision"), "cu126 CUDA 12.6 (uv torch backend) from `UV_TORCH_BACKEND=$TORCH_BACKEND` at 3:5");
  EXPECT_TRUE(b.model->stages[0].frameworks[0].from.sources.empty());
  // The backend wins over the index URL.
  EXPECT_EQ(variant_of(b, 1, "torch"), "cu121 CUDA 12.1 (uv torch backend) from `--torch-backend=cu121` at 6:7");
  EXPECT_EQ(variant_of(b, 2, "torch"), "cpu CUDA - (uv torch backend) from `cpu` at 8:36");
  // Picked on the build machine: unknown.
  EXPECT_EQ(variant_of(b, 3, "torch"), "? CUDA - (uv torch backend) from `UV_TORCH_BACKEND=auto` at 10:5");
}

TEST(ImageModelUvTorchBackend, OnlyUvPipReadsIt) {
  Built b = build(
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\n"
      "ENV UV_TORCH_BACKEND=cu126\n"
      "RUN pip install torch==2.3.1 && uv pip install --system numpy==1.26.4\n"
      "FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\n"
      "RUN uv pip install --system torch==2.3.1 --torch-backend=$BACKEND\n");
  ASSERT_EQ(b.model->stages.size(), 2u);
  EXPECT_EQ(variant_of(b, 0, "torch"), "cu121 CUDA 12.1 (PyPI default)");
  // An unknown value: an unknown variant.
  EXPECT_EQ(variant_of(b, 1, "torch"), "? CUDA - (uv torch backend) from `--torch-backend=$BACKEND` at 5:42");
}

}  // namespace
}  // namespace dockml
