#include <gtest/gtest.h>

#include "analyzer/shell/recognize.h"
#include "analyzer/shell/shell_test_util.h"

namespace dockml::shell {
namespace {

using testing::find_span;

InstallFacts facts_of(std::string_view src) {
  SourceFile file("Dockerfile", std::string(src));
  return recognize(parse_run(testing::make_run(src), file));
}

TEST(RecognizePip, RequirementsAndOptions) {
  std::string src =
      "RUN pip3 install --no-cache-dir -U \\\n"
      "    torch==2.1.0+cu118 'jax[cuda12]>=0.4' --index-url https://download.pytorch.org/whl/cu118 \\\n"
      "    --extra-index-url=https://x/simple -f https://y/links -r requirements.txt -c c.txt \\\n"
      "    --no-build-isolation -e ./src\n";
  InstallFacts f = facts_of(src);
  ASSERT_EQ(f.pip.size(), 1u);
  const PipInstall& p = f.pip[0];
  EXPECT_EQ(p.at.tool, "pip3");
  EXPECT_EQ(p.subcommand, "install");
  ASSERT_EQ(p.requirements.size(), 3u);
  const PipRequirement& torch = p.requirements[0];
  EXPECT_EQ(torch.name, "torch");
  EXPECT_EQ(torch.specifier, "==2.1.0+cu118");
  EXPECT_EQ(torch.exact_version, "2.1.0+cu118");
  EXPECT_EQ(torch.local_label, "cu118");
  EXPECT_EQ(torch.ref.span, find_span(src, "torch==2.1.0+cu118"));
  EXPECT_EQ(torch.name_ref.span, find_span(src, "torch"));
  EXPECT_EQ(torch.specifier_ref.span, find_span(src, "==2.1.0+cu118"));
  const PipRequirement& jax = p.requirements[1];
  EXPECT_EQ(jax.name, "jax");
  EXPECT_EQ(jax.extras, (std::vector<std::string>{"cuda12"}));
  EXPECT_EQ(jax.specifier, ">=0.4");
  EXPECT_EQ(jax.ref.span, find_span(src, "'jax[cuda12]>=0.4'"));
  EXPECT_EQ(jax.name_ref.span, find_span(src, "jax"));
  const PipRequirement& editable = p.requirements[2];
  EXPECT_TRUE(editable.editable);
  EXPECT_EQ(editable.url, "./src");
  EXPECT_EQ(editable.ref.span, find_span(src, "./src"));
  EXPECT_EQ(p.options.index_urls, (std::vector<std::string>{"https://download.pytorch.org/whl/cu118"}));
  EXPECT_EQ(p.options.extra_index_urls, (std::vector<std::string>{"https://x/simple"}));
  EXPECT_EQ(p.options.find_links, (std::vector<std::string>{"https://y/links"}));
  EXPECT_EQ(p.options.requirement_files, (std::vector<std::string>{"requirements.txt"}));
  EXPECT_EQ(p.options.constraint_files, (std::vector<std::string>{"c.txt"}));
  EXPECT_TRUE(p.options.no_cache_dir);
  EXPECT_TRUE(p.options.upgrade);
  EXPECT_TRUE(p.options.no_build_isolation);
  EXPECT_FALSE(p.options.user);
  EXPECT_TRUE(p.errors.empty());
  EXPECT_EQ(p.at.ref.span.begin, 4u);
}

TEST(RecognizePip, PythonDashMPip) {
  InstallFacts f = facts_of("RUN python3.10 -m pip install --user numpy && python -m pip --no-cache-dir install x\n");
  ASSERT_EQ(f.pip.size(), 2u);
  EXPECT_EQ(f.pip[0].at.tool, "python3.10 -m pip");
  EXPECT_EQ(f.pip[0].python, "python3.10");
  EXPECT_TRUE(f.pip[0].options.user);
  EXPECT_EQ(f.pip[0].requirements[0].name, "numpy");
  EXPECT_EQ(f.pip[1].at.tool, "python -m pip");
  EXPECT_TRUE(f.pip[1].options.no_cache_dir);  // global option before the subcommand
  ASSERT_EQ(f.pip[1].requirements.size(), 1u);
  EXPECT_EQ(f.pip[1].requirements[0].name, "x");
}

TEST(RecognizePip, UvAndPipx) {
  InstallFacts f = facts_of(
      "RUN uv pip install --system --no-cache torch==2.3.0 && uv add 'vllm>=0.5' && "
      "pipx install poetry==1.8.2 && uv tool install ruff\n");
  ASSERT_EQ(f.pip.size(), 4u);
  EXPECT_EQ(f.pip[0].at.tool, "uv pip");
  EXPECT_TRUE(f.pip[0].system);
  EXPECT_TRUE(f.pip[0].options.no_cache_dir);
  EXPECT_EQ(f.pip[0].requirements[0].exact_version, "2.3.0");
  EXPECT_EQ(f.pip[1].at.tool, "uv");
  EXPECT_EQ(f.pip[1].subcommand, "add");
  EXPECT_EQ(f.pip[1].requirements[0].specifier, ">=0.5");
  EXPECT_EQ(f.pip[2].at.tool, "pipx");
  EXPECT_EQ(f.pip[2].requirements[0].name, "poetry");
  EXPECT_EQ(f.pip[3].at.tool, "uv tool");
  EXPECT_EQ(f.pip[3].requirements[0].name, "ruff");
}

TEST(RecognizePip, UrlsVcsAndWheels) {
  InstallFacts f = facts_of(
      "RUN pip install git+https://github.com/NVIDIA/apex.git@23.08#egg=apex "
      "https://download.pytorch.org/whl/cu121/torch-2.2.0%2Bcu121-cp310-cp310-linux_x86_64.whl "
      "/wheels/flash_attn-2.5.8-cp310-cp310-linux_x86_64.whl .\n");
  ASSERT_EQ(f.pip.size(), 1u);
  const auto& r = f.pip[0].requirements;
  ASSERT_EQ(r.size(), 4u);
  EXPECT_TRUE(r[0].vcs);
  EXPECT_EQ(r[0].name, "apex");
  EXPECT_EQ(r[1].name, "torch");
  EXPECT_EQ(r[1].local_label, "cu121");
  EXPECT_EQ(r[1].exact_version, "2.2.0+cu121");
  EXPECT_EQ(r[2].name, "flash-attn");
  EXPECT_EQ(r[3].url, ".");
}

TEST(RecognizePip, UnknownVariableKeepsTheName) {
  std::string src = "RUN pip install torch==${TORCH_VERSION} \"numpy<2\"\n";
  InstallFacts f = facts_of(src);
  ASSERT_EQ(f.pip.size(), 1u);
  ASSERT_EQ(f.pip[0].requirements.size(), 2u);
  const PipRequirement& t = f.pip[0].requirements[0];
  EXPECT_EQ(t.name, "torch");
  EXPECT_FALSE(t.is_static);
  EXPECT_EQ(t.specifier, "==${TORCH_VERSION}");
  EXPECT_FALSE(t.exact_version.has_value());
  EXPECT_EQ(t.name_ref.span, find_span(src, "torch"));
  EXPECT_TRUE(f.pip[0].requirements[1].is_static);
}

TEST(RecognizePip, BadRequirementIsAnErrorNotAFact) {
  InstallFacts f = facts_of("RUN pip install 'torch 2.0' ok\n");
  ASSERT_EQ(f.pip.size(), 1u);
  ASSERT_EQ(f.pip[0].requirements.size(), 1u);
  EXPECT_EQ(f.pip[0].requirements[0].name, "ok");
  EXPECT_EQ(f.pip[0].errors,
            (std::vector<std::string>{"'torch 2.0': invalid version specifier '2.0'"}));
}

TEST(RecognizePip, NegativeCases) {
  InstallFacts f = facts_of(
      "RUN pip --version && pip list && python3 -c 'import pip' && python -m venv /v && "
      "echo pip install x && pipeline install y && uv sync && pip freeze > r.txt\n");
  EXPECT_TRUE(f.pip.empty());
}

TEST(RecognizePip, UninstallAndCachePurge) {
  InstallFacts f = facts_of("RUN pip uninstall -y opencv-python && pip cache purge\n");
  ASSERT_EQ(f.pip.size(), 1u);
  EXPECT_EQ(f.pip[0].subcommand, "uninstall");
  EXPECT_EQ(f.pip[0].requirements[0].name, "opencv-python");
  ASSERT_EQ(f.cache_cleans.size(), 1u);
  EXPECT_EQ(f.cache_cleans[0].at.tool, "pip");
  EXPECT_EQ(f.cache_cleans[0].what, "purge");
}

}  // namespace
}  // namespace dockml::shell
