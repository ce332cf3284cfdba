#include "analyzer/compose/compose_model.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "analyzer/engine/engine.h"

namespace dockml {
namespace {

namespace fs = std::filesystem;

struct Built {
  SourcePtr src;
  yaml::Stream stream;
  std::unique_ptr<ComposeModel> model;
};

Built build(std::string text, bool k8s, const LintOptions& options = {}) {
  Built b;
  b.src = std::make_shared<SourceFile>(k8s ? "pod.yaml" : "compose.yaml", std::move(text));
  b.stream = yaml::parse_yaml(b.src);
  b.model = build_compose_model(b.stream, k8s, options, KnowledgeBase::builtin());
  return b;
}

std::string at(const Built& b, Span s) { return std::string(b.src->slice(s)); }

TEST(ComposeModel, ServicesEnvironmentFormsAndGpuKeys) {
  Built b = build(
      "services:\n"
      "  train:\n"
      "    image: pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime\n"
      "    environment:\n"
      "      - \"A=1\"\n"
      "      - B\n"
      "    shm_size: 2gb\n"
      "    ipc: host\n"
      "    profiles: [gpu, train]\n"
      "    deploy:\n"
      "      resources:\n"
      "        reservations:\n"
      "          devices:\n"
      "            - driver: nvidia\n"
      "              count: 2\n"
      "              capabilities: [gpu]\n"
      "  web:\n"
      "    image: nginx:1.25\n"
      "    environment:\n"
      "      C: three\n"
      "    runtime: nvidia\n"
      "    extends: base\n",
      false);
  ASSERT_EQ(b.model->services.size(), 2u);
  const ComposeService& t = b.model->services[0];
  EXPECT_EQ(t.name, "train");
  EXPECT_EQ(at(b, t.name_span), "train");
  EXPECT_EQ(t.indent, 4u);
  ASSERT_EQ(t.environment.size(), 2u);
  EXPECT_EQ(t.environment[0].name, "A");
  EXPECT_EQ(at(b, t.environment[0].name_span), "A");
  EXPECT_EQ(at(b, t.environment[0].value_span), "1");
  EXPECT_FALSE(t.environment[1].has_value);
  EXPECT_EQ(t.shm_bytes, 2ull << 30);
  EXPECT_EQ(t.ipc.value, "host");
  EXPECT_EQ(t.profiles, (std::vector<std::string>{"gpu", "train"}));
  ASSERT_EQ(t.devices.size(), 1u);
  EXPECT_EQ(at(b, t.devices[0].count.span), "2");
  EXPECT_TRUE(t.devices[0].has_gpu_capability());
  EXPECT_TRUE(t.requests_gpu());
  EXPECT_TRUE(t.runs.known);
  EXPECT_TRUE(t.runs.cuda);
  EXPECT_TRUE(t.runs.pytorch);
  const ComposeService& w = b.model->services[1];
  EXPECT_EQ(w.environment[0].value, "three");
  EXPECT_EQ(at(b, w.environment[0].entry_span), "C: three");
  EXPECT_TRUE(w.requests_gpu());  // runtime: nvidia
  EXPECT_TRUE(w.extends.present);
  EXPECT_FALSE(w.runs.cuda);
}

TEST(ComposeModel, ComposeBytes) {
  EXPECT_EQ(parse_compose_bytes("1g"), 1ull << 30);
  EXPECT_EQ(parse_compose_bytes("512M"), 512ull << 20);
  EXPECT_EQ(parse_compose_bytes("1.5gb"), (3ull << 30) / 2);
  EXPECT_EQ(parse_compose_bytes("1073741824"), 1ull << 30);
  EXPECT_EQ(parse_compose_bytes("${SHM}"), std::nullopt);
  EXPECT_EQ(parse_compose_bytes("8 parsecs"), std::nullopt);
}

TEST(ComposeModel, KubernetesWorkloadsAndLists) {
  Built b = build(
      "apiVersion: v1\n"
      "kind: List\n"
      "items:\n"
      "  - kind: Job\n"
      "    metadata: {name: j}\n"
      "    spec:\n"
      "      template:\n"
      "        spec:\n"
      "          initContainers:\n"
      "            - name: init\n"
      "              image: busybox:1.36\n"
      "          containers:\n"
      "            - name: main\n"
      "              image: nvcr.io/nvidia/pytorch:24.01-py3\n"
      "              env:\n"
      "                - name: X\n"
      "                  value: \"1\"\n"
      "              resources:\n"
      "                limits: {nvidia.com/gpu: 2}\n"
      "              volumeMounts:\n"
      "                - {name: dshm, mountPath: /dev/shm}\n"
      "          volumes:\n"
      "            - name: dshm\n"
      "              emptyDir: {medium: Memory}\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Pod\n"
      "spec:\n"
      "  hostIPC: true\n"
      "  containers: [{name: p, image: ubuntu:22.04}]\n",
      true);
  ASSERT_EQ(b.model->pods.size(), 2u);
  const K8sPod& job = b.model->pods[0];
  EXPECT_EQ(job.label(), "Job 'j'");
  ASSERT_EQ(job.containers.size(), 2u);
  EXPECT_TRUE(job.containers[0].init);
  const K8sContainer& main = job.containers[1];
  EXPECT_EQ(at(b, main.name_span), "main");
  EXPECT_EQ(at(b, main.limits_gpu.span), "2");
  EXPECT_TRUE(main.has_gpu_limit());
  EXPECT_TRUE(main.runs.pytorch);
  ASSERT_EQ(main.env.size(), 1u);
  EXPECT_EQ(at(b, main.env[0].value_span), "\"1\"");
  ASSERT_EQ(main.mounts.size(), 1u);
  EXPECT_EQ(main.mounts[0].mount_path, "/dev/shm");
  ASSERT_EQ(job.volumes.size(), 1u);
  EXPECT_TRUE(job.volumes[0].memory);
  EXPECT_EQ(job.spec_indent, 10u);
  EXPECT_EQ(b.model->pods[1].label(), "Pod");
  EXPECT_TRUE(b.model->pods[1].host_ipc);
}

TEST(ComposeModel, BuildArgsFeedTheLinkedDockerfile) {
  fs::path dir = fs::temp_directory_path() / "dockml_compose_link_test";
  fs::create_directories(dir / "app");
  std::ofstream(dir / "app" / "Dockerfile.gpu") << "ARG BASE=ubuntu:22.04\nFROM ${BASE} AS run\n";
  LintOptions options;
  options.context_dir = dir.string();
  Built b = build(
      "services:\n"
      "  gpu:\n"
      "    build:\n"
      "      context: app\n"
      "      dockerfile: Dockerfile.gpu\n"
      "      args:\n"
      "        BASE: nvidia/cuda:12.1.1-runtime-ubuntu22.04\n"
      "  cpu:\n"
      "    build: app\n"
      "  gone:\n"
      "    build: {context: nowhere}\n",
      false, options);
  ASSERT_EQ(b.model->services.size(), 3u);
  const ComposeService& gpu = b.model->services[0];
  ASSERT_TRUE(gpu.build && gpu.build->model);
  EXPECT_EQ(gpu.build->dockerfile_path, "app/Dockerfile.gpu");
  EXPECT_EQ(gpu.build->model->stages[0].base, "nvidia/cuda:12.1.1-runtime-ubuntu22.04");
  EXPECT_TRUE(gpu.runs.cuda);
  EXPECT_EQ(gpu.runs.label, "Dockerfile 'app/Dockerfile.gpu'");
  EXPECT_EQ(gpu.runs.evidence, "base image nvidia/cuda:12.1.1-runtime-ubuntu22.04 provides CUDA 12.1.1");
  const ComposeService& cpu = b.model->services[1];
  EXPECT_EQ(cpu.build->link_error, "Dockerfile 'app/Dockerfile' not found");
  ASSERT_EQ(b.model->notes.size(), 2u);
  EXPECT_EQ(b.model->notes[1].message,
            "service 'gone': Dockerfile 'nowhere/Dockerfile' not found (build context 'nowhere'); "
            "GPU checks that need the image model skip this service");
  fs::remove_all(dir);
}

TEST(ComposeModel, InvalidYamlIsDf001AndTheRestIsModelled) {
  auto src = std::make_shared<SourceFile>("docker-compose.yml",
                                          "services:\n  a:\n    image: [unclosed\n  b:\n    image: x\n");
  LintOptions options;
  LintResult r = lint_source(src, options);
  EXPECT_EQ(r.kind, FileKind::kCompose);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].code, "DF001");
  EXPECT_EQ(src->position(r.diagnostics[0].span.begin).line, 2u);
}

}  // namespace
}  // namespace dockml
