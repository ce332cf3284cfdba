// conda, system package managers, npm/yarn/gem/go, curl/wget/git/hf, rm.
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

TEST(RecognizeConda, InstallWithChannelsAndSpecs) {
  std::string src =
      "RUN conda install -y -c pytorch -c nvidia pytorch==2.1.0 pytorch-cuda=12.1 "
      "conda-forge::cudatoolkit=11.8.0=h6a678d5_0 'numpy>=1.24' && conda clean -afy\n";
  InstallFacts f = facts_of(src);
  ASSERT_EQ(f.conda.size(), 1u);
  const CondaInstall& c = f.conda[0];
  EXPECT_EQ(c.at.tool, "conda");
  EXPECT_EQ(c.subcommand, "install");
  EXPECT_TRUE(c.yes);
  EXPECT_EQ(c.channels, (std::vector<std::string>{"pytorch", "nvidia"}));
  ASSERT_EQ(c.packages.size(), 4u);
  EXPECT_EQ(c.packages[0].name, "pytorch");
  EXPECT_EQ(c.packages[0].version, "2.1.0");
  EXPECT_EQ(c.packages[1].name, "pytorch-cuda");
  EXPECT_EQ(c.packages[1].version, "12.1");
  EXPECT_EQ(c.packages[1].ref.span, find_span(src, "pytorch-cuda=12.1"));
  EXPECT_EQ(c.packages[2].channel, "conda-forge");
  EXPECT_EQ(c.packages[2].name, "cudatoolkit");
  EXPECT_EQ(c.packages[2].version, "11.8.0");
  EXPECT_EQ(c.packages[2].build, "h6a678d5_0");
  EXPECT_EQ(c.packages[3].version, ">=1.24");
  ASSERT_EQ(f.cache_cleans.size(), 1u);
  EXPECT_EQ(f.cache_cleans[0].at.tool, "conda");
  EXPECT_EQ(f.cache_cleans[0].what, "all");
  EXPECT_EQ(f.cache_cleans[0].flags, (std::vector<std::string>{"-a", "-f", "-y"}));
}

TEST(RecognizeConda, EnvCreateAndMicromamba) {
  std::string src =
      "RUN mamba env create -f /tmp/environment.yml -n ml && "
      "micromamba create -y -n base -f env.yaml python=3.10 && conda env create\n";
  InstallFacts f = facts_of(src);
  ASSERT_EQ(f.conda.size(), 3u);
  EXPECT_EQ(f.conda[0].at.tool, "mamba");
  EXPECT_EQ(f.conda[0].subcommand, "env create");
  EXPECT_EQ(f.conda[0].files, (std::vector<std::string>{"/tmp/environment.yml"}));
  EXPECT_EQ(f.conda[0].file_refs[0].span, find_span(src, "/tmp/environment.yml"));
  EXPECT_EQ(f.conda[0].env_name, "ml");
  EXPECT_EQ(f.conda[1].subcommand, "create");
  EXPECT_EQ(f.conda[1].packages[0].name, "python");
  EXPECT_EQ(f.conda[1].packages[0].version, "3.10");
  EXPECT_EQ(f.conda[2].files, (std::vector<std::string>{"environment.yml"}));
}

TEST(RecognizeConda, NegativeCases) {
  InstallFacts f = facts_of("RUN conda activate base && conda info && conda config --add channels x\n");
  EXPECT_TRUE(f.conda.empty());
}

TEST(RecognizeSystem, AptGet) {
  std::string src =
      "RUN apt-get update && apt-get install -y --no-install-recommends \\\n"
      "      curl=7.88.1-10 python3.10/jammy git \\\n"
      "  && apt-get clean && rm -rf /var/lib/apt/lists/*\n";
  InstallFacts f = facts_of(src);
  ASSERT_EQ(f.system.size(), 2u);
  EXPECT_EQ(f.system[0].subcommand, "update");
  EXPECT_TRUE(f.system[0].packages.empty());
  const SystemInstall& i = f.system[1];
  EXPECT_EQ(i.at.tool, "apt-get");
  EXPECT_EQ(i.subcommand, "install");
  EXPECT_TRUE(i.yes);
  EXPECT_TRUE(i.no_install_recommends);
  EXPECT_EQ(i.flags, (std::vector<std::string>{"-y", "--no-install-recommends"}));
  ASSERT_EQ(i.packages.size(), 3u);
  EXPECT_EQ(i.packages[0].name, "curl");
  EXPECT_EQ(i.packages[0].version, "7.88.1-10");
  EXPECT_EQ(i.packages[0].ref.span, find_span(src, "curl=7.88.1-10"));
  EXPECT_EQ(i.packages[1].name, "python3.10");
  EXPECT_EQ(i.packages[2].version, "");
  ASSERT_EQ(f.cache_cleans.size(), 1u);
  EXPECT_EQ(f.cache_cleans[0].at.tool, "apt-get");
  ASSERT_EQ(f.removed_paths.size(), 1u);
  EXPECT_EQ(f.removed_paths[0].path, "/var/lib/apt/lists/*");
  EXPECT_EQ(f.removed_paths[0].path_ref.span, find_span(src, "/var/lib/apt/lists/*"));
}

TEST(RecognizeSystem, QuietTwiceImpliesYesAndNoYes) {
  InstallFacts f = facts_of("RUN apt-get -qq install x && apt install y\n");
  ASSERT_EQ(f.system.size(), 2u);
  EXPECT_TRUE(f.system[0].yes);
  EXPECT_FALSE(f.system[1].yes);
  EXPECT_EQ(f.system[1].at.tool, "apt");
}

TEST(RecognizeSystem, ApkYumDnfZypper) {
  InstallFacts f = facts_of(
      "RUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.4-r2 && apk del .build-deps "
      "&& yum install -y cuda-toolkit-12-1 && dnf clean all && microdnf install -y python3 "
      "&& zypper --non-interactive in gcc=12\n");
  ASSERT_EQ(f.system.size(), 5u);
  EXPECT_EQ(f.system[0].subcommand, "add");
  EXPECT_TRUE(f.system[0].no_cache);
  EXPECT_TRUE(f.system[0].virtual_package);
  EXPECT_TRUE(f.system[0].yes);
  ASSERT_EQ(f.system[0].packages.size(), 2u);  // .build-deps is the --virtual value
  EXPECT_EQ(f.system[0].packages[1].name, "musl-dev");
  EXPECT_EQ(f.system[0].packages[1].version, "1.2.4-r2");
  EXPECT_EQ(f.system[1].subcommand, "del");
  EXPECT_EQ(f.system[2].at.tool, "yum");
  EXPECT_EQ(f.system[2].packages[0].name, "cuda-toolkit-12-1");
  EXPECT_TRUE(f.system[2].yes);
  EXPECT_EQ(f.system[3].at.tool, "microdnf");
  EXPECT_EQ(f.system[4].subcommand, "install");
  EXPECT_TRUE(f.system[4].yes);
  EXPECT_EQ(f.system[4].packages[0].version, "12");
  ASSERT_EQ(f.cache_cleans.size(), 1u);
  EXPECT_EQ(f.cache_cleans[0].at.tool, "dnf");
  EXPECT_EQ(f.cache_cleans[0].what, "all");
}

TEST(RecognizeLang, NpmYarnGemGo) {
  InstallFacts f = facts_of(
      "RUN npm install -g @anthropic-ai/sdk@0.20.1 left-pad && npm ci --omit=dev && "
      "yarn global add serve@14 && gem install bundler -v 2.4.22 --no-document && "
      "go install golang.org/x/tools/gopls@v0.14.2 && npm cache clean --force\n");
  ASSERT_EQ(f.node.size(), 3u);
  EXPECT_TRUE(f.node[0].global);
  ASSERT_EQ(f.node[0].packages.size(), 2u);
  EXPECT_EQ(f.node[0].packages[0].name, "@anthropic-ai/sdk");
  EXPECT_EQ(f.node[0].packages[0].version, "0.20.1");
  EXPECT_EQ(f.node[0].packages[1].name, "left-pad");
  EXPECT_EQ(f.node[1].subcommand, "ci");
  EXPECT_TRUE(f.node[1].production);
  EXPECT_EQ(f.node[2].subcommand, "global add");
  EXPECT_EQ(f.node[2].packages[0].version, "14");
  ASSERT_EQ(f.gem.size(), 1u);
  EXPECT_EQ(f.gem[0].packages[0].name, "bundler");
  EXPECT_EQ(f.gem[0].packages[0].version, "2.4.22");
  EXPECT_TRUE(f.gem[0].no_document);
  ASSERT_EQ(f.go.size(), 1u);
  EXPECT_EQ(f.go[0].packages[0].path, "golang.org/x/tools/gopls");
  EXPECT_EQ(f.go[0].packages[0].version, "v0.14.2");
  ASSERT_EQ(f.cache_cleans.size(), 1u);
  EXPECT_EQ(f.cache_cleans[0].at.tool, "npm");
}

TEST(RecognizeLang, NegativeCases) {
  InstallFacts f = facts_of("RUN npm run build && go build ./... && gem list && yarn test\n");
  EXPECT_TRUE(f.node.empty());
  EXPECT_TRUE(f.gem.empty());
  EXPECT_TRUE(f.go.empty());
}

TEST(RecognizeFetch, CurlPipedToShell) {
  std::string src =
      "RUN curl -fsSL https://get.example.com/install.sh | sh && "
      "curl -sLo /tmp/m.sh https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh && "
      "wget -qO- https://x/y.tgz | tar xz && wget --no-check-certificate https://z/w.bin -P /opt\n";
  InstallFacts f = facts_of(src);
  ASSERT_EQ(f.downloads.size(), 4u);
  const Download& a = f.downloads[0];
  EXPECT_EQ(a.at.tool, "curl");
  EXPECT_EQ(a.urls, (std::vector<std::string>{"https://get.example.com/install.sh"}));
  EXPECT_EQ(a.url_refs[0].span, find_span(src, "https://get.example.com/install.sh"));
  EXPECT_EQ(a.piped_to, "sh");
  EXPECT_TRUE(a.fail_on_error);
  EXPECT_TRUE(a.follow_redirects);
  EXPECT_EQ(a.output, "-");
  EXPECT_EQ(f.downloads[1].output, "/tmp/m.sh");
  EXPECT_EQ(f.downloads[1].piped_to, "");
  EXPECT_EQ(f.downloads[2].at.tool, "wget");
  EXPECT_EQ(f.downloads[2].output, "-");
  EXPECT_EQ(f.downloads[2].piped_to, "tar");
  EXPECT_TRUE(f.downloads[3].insecure);
  EXPECT_TRUE(f.downloads[3].remote_name);
  EXPECT_EQ(f.downloads[3].output_dir, "/opt");
}

TEST(RecognizeFetch, GitCloneAndHf) {
  std::string src =
      "RUN git clone --depth 1 -b v2.5.8 --recursive https://github.com/Dao-AILab/flash-attention.git fa "
      "&& git -C fa submodule update && huggingface-cli download meta-llama/Llama-2-7b "
      "config.json --revision main --local-dir /models --token hf_x && hf download gpt2\n";
  InstallFacts f = facts_of(src);
  ASSERT_EQ(f.git_clones.size(), 1u);
  const GitClone& g = f.git_clones[0];
  EXPECT_EQ(g.url, "https://github.com/Dao-AILab/flash-attention.git");
  EXPECT_EQ(g.url_ref.span, find_span(src, "https://github.com/Dao-AILab/flash-attention.git"));
  EXPECT_EQ(g.branch, "v2.5.8");
  EXPECT_EQ(g.depth, 1);
  EXPECT_TRUE(g.recursive);
  EXPECT_EQ(g.directory, "fa");
  ASSERT_EQ(f.model_downloads.size(), 2u);
  const ModelDownload& m = f.model_downloads[0];
  EXPECT_EQ(m.repo_id, "meta-llama/Llama-2-7b");
  EXPECT_EQ(m.repo_ref.span, find_span(src, "meta-llama/Llama-2-7b"));
  EXPECT_EQ(m.files, (std::vector<std::string>{"config.json"}));
  EXPECT_EQ(m.revision, "main");
  EXPECT_EQ(m.local_dir, "/models");
  EXPECT_TRUE(m.token_on_command_line);
  EXPECT_EQ(f.model_downloads[1].at.tool, "hf download");
  EXPECT_EQ(f.model_downloads[1].repo_id, "gpt2");
}

TEST(RecognizeFetch, NegativeCases) {
  InstallFacts f = facts_of("RUN git pull && git -C x checkout y && hf upload a b && rm && echo curl\n");
  EXPECT_TRUE(f.git_clones.empty());
  EXPECT_TRUE(f.model_downloads.empty());
  EXPECT_TRUE(f.removed_paths.empty());
  EXPECT_TRUE(f.downloads.empty());
}

}  // namespace
}  // namespace dockml::shell
