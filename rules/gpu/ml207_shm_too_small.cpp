// ML207 shm-too-small: PyTorch GPU workloads left with Docker's / Kubernetes' 64 MB /dev/shm.
#include <fmt/format.h>

#include "analyzer/engine/rule.h"
#include "rules/gpu/gpu_common.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML207",
    .name = "shm-too-small",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kSometimes,
    .summary = "PyTorch GPU service or pod without a large /dev/shm",
    .doc = R"md(## What it does
Reports a compose service that runs a PyTorch image (known from the knowledge base or the
linked Dockerfile) with a GPU request but neither `shm_size` of at least 1 GB nor `ipc: host`,
and a Kubernetes container that runs a PyTorch image with an `nvidia.com/gpu` limit but has no
volume mounted at `/dev/shm` (or one backed by a disk `emptyDir` instead of `medium: Memory`),
unless the pod sets `hostIPC: true`. Services with `extends` and no `shm_size` are skipped.

## Why it matters
PyTorch's DataLoader workers hand batches to the training process through shared memory.
Docker gives containers a 64 MB `/dev/shm` and Kubernetes gives pods the same: with
`num_workers > 0` training dies with "bus error" / "DataLoader worker (pid N) is killed by
signal: Bus error" as soon as batches grow (NCCL also uses `/dev/shm` between GPUs).

## Example
```yaml
services:
  train:
    image: pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime
    gpus: all
```

## Use instead
```yaml
services:
  train:
    image: pytorch/pytorch:2.1.0-cuda11.8-cudnn8-runtime
    gpus: all
    shm_size: "8gb"
```
In Kubernetes, mount a memory-backed `emptyDir` at `/dev/shm`:
```yaml
      containers:
        - name: train
          volumeMounts:
            - name: dshm
              mountPath: /dev/shm
      volumes:
        - name: dshm
          emptyDir:
            medium: Memory
            sizeLimit: 8Gi
```

## Fix safety
Display only: the snippet is shown, never applied (the right size depends on the batch size
and the number of workers; memory-backed volumes count against the pod's memory limit).

## References
- PyTorch, Docker images and shared memory: https://github.com/pytorch/pytorch#docker-image
- Compose specification, shm_size and ipc: https://docs.docker.com/reference/compose-file/services/#shm_size
- Kubernetes, emptyDir medium Memory: https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
)md",
};

constexpr uint64_t kMinShm = 1'000'000'000;

uint32_t next_line(const SourceFile& src, uint32_t offset) {
  uint32_t line = src.position(offset).line;
  return line + 1 < src.line_count() ? src.line_start(line + 1) : static_cast<uint32_t>(src.text().size());
}

std::string k8s_snippet(uint32_t container_indent, uint32_t spec_indent, bool mounts, bool volumes) {
  std::string c(container_indent, ' '), p(spec_indent, ' ');
  std::string out;
  if (!mounts) out += fmt::format("{0}volumeMounts:\n{0}  - name: dshm\n{0}    mountPath: /dev/shm\n", c);
  if (!volumes)
    out += fmt::format("{0}volumes:\n{0}  - name: dshm\n{0}    emptyDir:\n{0}      medium: Memory\n"
                       "{0}      sizeLimit: 8Gi\n", p);
  return out;
}

class ShmTooSmall final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (!ctx.compose) return;
    for (const ComposeService& s : ctx.compose->services) check_service(ctx, s, out);
    for (const K8sPod& p : ctx.compose->pods) check_pod(ctx, p, out);
  }

 private:
  static void check_service(const FileContext& ctx, const ComposeService& s, Reporter& out) {
    if (!s.runs.pytorch || !s.requests_gpu()) return;
    std::string_view ipc = s.ipc.value;
    if (ipc == "host" || ipc.starts_with("service:") || ipc.starts_with("container:")) return;
    const SourceFile& src = *ctx.source;
    if (s.shm_size.present) {
      if (!s.shm_bytes || *s.shm_bytes >= kMinShm) return;  // unparsable (variables) or large enough
      Diagnostic& d = out.report(
          s.shm_size.span,
          fmt::format("service '{}' in {} runs {} with a GPU but shm_size is only {}: PyTorch "
                      "DataLoader workers die with a bus error; use at least 1gb (e.g. \"8gb\") or "
                      "`ipc: host`",
                      s.name, gpu::file_name(ctx), s.runs.label, s.shm_size.value));
      d.fix = Fix{Applicability::kDisplay, "Raise shm_size", {{s.shm_size.span, "\"8gb\""}}};
      return;
    }
    if (s.extends.present) return;
    Diagnostic& d = out.report(
        s.name_span,
        fmt::format("service '{}' in {} runs {} (PyTorch) with a GPU but keeps Docker's 64 MB "
                    "/dev/shm: DataLoader workers die with a bus error; set `shm_size: \"8gb\"` "
                    "(at least 1gb) or `ipc: host`",
                    s.name, gpu::file_name(ctx), s.runs.label));
    uint32_t at = next_line(src, s.name_span.end);
    d.fix = Fix{Applicability::kDisplay, "Add shm_size",
                {{Span{at, at}, fmt::format("{}shm_size: \"8gb\"\n", std::string(s.indent, ' '))}}};
  }

  static void check_pod(const FileContext& ctx, const K8sPod& p, Reporter& out) {
    if (p.host_ipc) return;
    const SourceFile& src = *ctx.source;
    for (const K8sContainer& c : p.containers) {
      if (c.init || !c.runs.pytorch || !c.has_gpu_limit()) continue;
      bool ok = false, disk = false;
      for (const VolumeMount& m : c.mounts) {
        std::string_view path = m.mount_path;
        while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
        if (path != "/dev/shm") continue;
        ok = true;
        for (const K8sVolume& v : p.volumes)
          if (v.name == m.name && v.empty_dir && !v.memory) disk = true;
      }
      if (ok && !disk) continue;
      std::string what = disk ? "mounts a disk-backed emptyDir at /dev/shm (add `medium: Memory`)"
                              : "keeps the 64 MB default /dev/shm";
      Diagnostic& d = out.report(
          c.name_span,
          fmt::format("container '{}' of {} in {} runs {} (PyTorch) with nvidia.com/gpu: {} but "
                      "{}: DataLoader workers die with a bus error; mount an emptyDir with "
                      "`medium: Memory` at /dev/shm",
                      c.name, p.label(), gpu::file_name(ctx), c.runs.label, c.limits_gpu.value, what));
      if (disk) continue;
      bool has_mounts = !c.mounts.empty();
      bool has_volumes = p.volumes_key.present;
      if (has_mounts || has_volumes) {
        d.notes.push_back("add a `dshm` volume (emptyDir, medium: Memory) to the pod's volumes and "
                          "mount it at /dev/shm in this container");
        continue;
      }
      uint32_t cindent = src.position(c.span.begin).column;
      uint32_t at = next_line(src, c.name_span.end);
      std::vector<Edit> edits{{Span{at, at}, k8s_snippet(cindent, 0, false, true)}};
      uint32_t spec_line = src.line_start(src.position(p.spec_span.begin).line);
      std::string volumes = k8s_snippet(0, p.spec_indent, true, false);
      if (spec_line < at) edits.insert(edits.begin(), Edit{Span{spec_line, spec_line}, volumes});
      else edits.push_back(Edit{Span{spec_line, spec_line}, volumes});
      d.fix = Fix{Applicability::kDisplay, "Mount a memory-backed emptyDir at /dev/shm", std::move(edits)};
    }
  }
};

}  // namespace

RuleEntry ml207_shm_too_small() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ShmTooSmall>()); }};
}

}  // namespace dockml::rules
