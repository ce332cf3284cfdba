#include "analyzer/image/image_facts.h"

#include <algorithm>
#include <vector>

namespace dockml {
namespace {

std::vector<std::string> split_dash(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find('-', start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

// "ubuntu22.04" -> {"ubuntu", "22.04"}; "ubi9" -> {"ubi", "9"}.
std::pair<std::string, std::string> split_os(std::string_view token) {
  size_t i = 0;
  while (i < token.size() && !(token[i] >= '0' && token[i] <= '9')) ++i;
  return {std::string(token.substr(0, i)), std::string(token.substr(i))};
}

template <typename T>
Fact<T> with(T value, const Provenance& p) {
  return Fact<T>{std::move(value), p};
}

// A plain numeric version (no pre/post/local parts).
std::optional<Version> plain_version(std::string_view s) {
  auto v = Version::parse(s);
  if (!v || v->is_prerelease() || v->post() || !v->local().empty()) return std::nullopt;
  return v;
}

void set_os(ImageFacts& f, const KnowledgeBase& kb, const std::string& os, const std::string& version,
            const Provenance& from) {
  f.os = with(os, from);
  if (version.empty()) return;
  f.os_version = with(version, from);
  if (auto d = kb.distro(os, version)) {
    f.os_version = with(d->version, from);
    if (d->python) f.os_default_python = d->python;
    if (d->glibc) f.glibc = d->glibc;
  }
}

void classify_nvidia_cuda(ImageFacts& f, const KnowledgeBase& kb) {
  const std::string tag = f.ref.effective_tag();
  if (tag.empty()) return;  // digest only
  f.cuda_tag = kb.nvidia_cuda_tag_check(tag);
  auto parts = split_dash(tag);
  auto version = plain_version(parts[0]);
  if (!version || version->size() < 2 || version->size() > 3) return;
  f.cuda = with(*version, f.family_from);
  size_t i = 1;
  std::string token;
  if (i < parts.size() && parts[i].starts_with("cudnn")) token = parts[i++];
  std::string flavor;
  if (i < parts.size() && (parts[i] == "base" || parts[i] == "runtime" || parts[i] == "devel")) flavor = parts[i++];
  if (flavor.empty()) return;
  if (!token.empty()) {
    auto major = kb.cudnn_token_major(token);
    if (!major && token.size() > 5) return;  // unknown token: leave the rest unknown
    if (major) f.cudnn_major = with(*major, f.family_from);
    if (auto full = kb.image_cudnn(*version)) {
      f.cudnn = full;
      f.cudnn_major = with(int(full->value.major()), full->from);
    }
    flavor = "cudnn-" + flavor;
  }
  f.flavor = flavor;
  if (auto info = kb.cuda_flavor(flavor)) f.nvcc = with(info->nvcc, info->from);
  if (i < parts.size()) {
    auto [os, ver] = split_os(parts[i]);
    set_os(f, kb, os, ver, f.family_from);
  }
}

void classify_pytorch(ImageFacts& f, const KnowledgeBase& kb) {
  // <torch>-cuda<X.Y>-cudnn<N>-{runtime,devel}; "<torch>-runtime" is the CPU arm64 tag.
  auto parts = split_dash(f.ref.effective_tag());
  auto torch = plain_version(parts[0]);
  if (!torch) return;
  f.torch = with(*torch, f.family_from);
  std::string last = parts.back();
  if (last == "runtime" || last == "devel") {
    f.flavor = last;
    if (auto nvcc = kb.pytorch_image_nvcc(last)) f.nvcc = nvcc;
  }
  for (const auto& p : parts) {
    if (p.starts_with("cuda")) {
      if (auto cuda = plain_version(std::string_view(p).substr(4))) f.cuda = with(*cuda, f.family_from);
    } else if (p.starts_with("cudnn")) {
      if (auto m = plain_version(std::string_view(p).substr(5)); m && m->size() == 1) {
        f.cudnn_major = with(int(m->major()), f.family_from);
      }
    }
  }
}

void classify_tensorflow(ImageFacts& f, const KnowledgeBase& kb) {
  // <version>[-gpu][-jupyter], latest[-gpu], nightly, devel-gpu, legacy -py3.
  auto parts = split_dash(f.ref.effective_tag());
  for (const auto& p : parts) f.gpu_variant = f.gpu_variant || p == "gpu";
  auto tf = plain_version(parts[0]);
  if (!tf) return;
  f.tensorflow = with(*tf, f.family_from);
  if (!f.gpu_variant) return;
  // The CUDA inside -gpu images is assumed to follow the tested configuration (unconfirmed).
  if (auto t = kb.tf_tested(*tf)) {
    Provenance p = t->from;
    p.confirmed = false;
    f.cuda = with(t->cuda, p);
    f.cudnn_major = with(int(t->cudnn.major()), p);
  }
}

void classify_ngc(ImageFacts& f, const KnowledgeBase& kb, std::string_view container) {
  auto parts = split_dash(f.ref.effective_tag());
  const std::string& release = parts[0];
  if (release.size() != 5 || release[2] != '.') return;
  if (container == "cuda-dl-base") {
    // YY.MM-cudaX.Y-devel-ubuntuNN.NN: the tag states CUDA, flavor and OS.
    for (size_t i = 1; i < parts.size(); ++i) {
      if (parts[i].starts_with("cuda")) {
        if (auto cuda = plain_version(std::string_view(parts[i]).substr(4))) f.cuda = with(*cuda, f.family_from);
      } else if (parts[i] == "devel" || parts[i] == "runtime" || parts[i] == "base") {
        f.flavor = parts[i];
        if (auto info = kb.cuda_flavor(parts[i])) f.nvcc = with(info->nvcc, f.family_from);
      } else if (parts[i].starts_with("ubuntu")) {
        auto [os, ver] = split_os(parts[i]);
        set_os(f, kb, os, ver, f.family_from);
      }
    }
    return;
  }
  if (container == "tensorflow" && parts.size() >= 2 && parts[1] == "tf1") {
    // NVIDIA's TF1 fork: the release rows describe it only where marked (23.03).
  }
  if (container == "tritonserver" && f.ref.effective_tag() != release + "-vllm-python-py3") {
    return;  // the KB rows describe the vllm-python-py3 variant only
  }
  auto r = kb.ngc_release(container, release);
  if (!r) return;
  if (r->framework) {
    if (auto v = Version::parse(r->framework->value)) {
      Fact<Version> fw{*v, r->framework->from};
      if (container == "pytorch") f.torch = fw;
      if (container == "tensorflow") f.tensorflow = fw;
    }
  }
  if (r->cuda) f.cuda = r->cuda;
  if (r->cudnn) {
    f.cudnn = r->cudnn;
    f.cudnn_major = Fact<int>{int(r->cudnn->value.major()), r->cudnn->from};
  }
  if (r->python) f.python = r->python;
  if (r->nvcc) f.nvcc = r->nvcc;
  if (r->ubuntu) {
    f.os = Fact<std::string>{"ubuntu", r->ubuntu->from};
    f.os_version = Fact<std::string>{r->ubuntu->value.str(), r->ubuntu->from};
    if (auto d = kb.distro("ubuntu", r->ubuntu->value.str()); d && d->glibc) {
      f.glibc = Fact<Version>{d->glibc->value, d->glibc->from};
      f.glibc->from.confirmed = d->glibc->from.confirmed && r->ubuntu->from.confirmed;
    }
  }
}

void classify_python(ImageFacts& f, const KnowledgeBase& kb) {
  // <X.Y[.Z]>[-rc][-slim][-<os>], e.g. 3.11-slim-bookworm, 3.12-alpine3.20, 3.10.
  auto parts = split_dash(f.ref.effective_tag());
  auto py = plain_version(parts[0]);
  if (py && py->size() >= 2) {
    auto rc = std::find(parts.begin(), parts.end(), "rc") != parts.end();
    if (!rc) f.python = with(*py, f.family_from);
  }
  std::string variant;
  for (size_t i = py ? 1 : 0; i < parts.size(); ++i) {
    if (parts[i] == "slim" || parts[i] == "rc") continue;
    variant = variant.empty() ? parts[i] : variant + "-" + parts[i];
  }
  if (variant.empty()) return;  // the default variant's OS moves with Debian releases
  auto v = kb.python_image_variant(variant);
  if (!v) return;
  f.os = with(v->os, v->from);
  if (!v->version.empty()) {
    f.os_version = with(v->version, v->from);
    if (auto d = kb.distro(v->os, v->version); d && d->glibc) f.glibc = d->glibc;
  }
}

void classify_distro(ImageFacts& f, const KnowledgeBase& kb, const std::string& os) {
  // ubuntu: 22.04, jammy, 22.04@sha256...; debian: 12, bookworm, bookworm-slim, 12.5-slim.
  std::string tag = f.ref.effective_tag();
  if (tag.empty() || tag == "latest" || tag == "rolling" || tag == "stable") return;
  auto parts = split_dash(tag);
  std::string version = parts[0];
  if (os == "debian") {
    if (auto v = plain_version(version); v && v->size() >= 2) version = std::to_string(v->major());
  }
  f.os = with(os, f.family_from);
  if (auto d = kb.distro(os, version)) {
    f.os_version = with(d->version, f.family_from);
    if (d->python) f.os_default_python = d->python;
    if (d->glibc) f.glibc = d->glibc;
  } else if (plain_version(version)) {
    f.os_version = with(version, f.family_from);
  }
}

}  // namespace

std::string_view image_family_name(ImageFamily f) {
  switch (f) {
    case ImageFamily::kUnknown: return "unknown";
    case ImageFamily::kUnresolved: return "unresolved";
    case ImageFamily::kScratch: return "scratch";
    case ImageFamily::kNvidiaCuda: return "nvidia_cuda";
    case ImageFamily::kPytorch: return "pytorch";
    case ImageFamily::kTensorflow: return "tensorflow";
    case ImageFamily::kNgcPytorch: return "ngc_pytorch";
    case ImageFamily::kNgcTensorflow: return "ngc_tensorflow";
    case ImageFamily::kNgcJax: return "ngc_jax";
    case ImageFamily::kNgcTritonserver: return "ngc_tritonserver";
    case ImageFamily::kNgcCudaDlBase: return "ngc_cuda_dl_base";
    case ImageFamily::kRocm: return "rocm";
    case ImageFamily::kPython: return "python";
    case ImageFamily::kUbuntu: return "ubuntu";
    case ImageFamily::kDebian: return "debian";
  }
  return "unknown";
}

ImageFacts classify_image(const ImageRef& ref, const KnowledgeBase& kb) {
  ImageFacts f;
  f.ref = ref;
  if (ref.unresolved) {
    f.family = ImageFamily::kUnresolved;
    return f;
  }
  if (ref.is_scratch()) {
    f.family = ImageFamily::kScratch;
    return f;
  }
  auto family = kb.image_family(ref.registry, ref.path);
  if (!family) return f;
  f.family_from = family->from;
  const std::string& name = family->value;
  for (ImageFamily candidate :
       {ImageFamily::kNvidiaCuda, ImageFamily::kPytorch, ImageFamily::kTensorflow, ImageFamily::kNgcPytorch,
        ImageFamily::kNgcTensorflow, ImageFamily::kNgcJax, ImageFamily::kNgcTritonserver,
        ImageFamily::kNgcCudaDlBase, ImageFamily::kRocm, ImageFamily::kPython, ImageFamily::kUbuntu,
        ImageFamily::kDebian}) {
    if (image_family_name(candidate) == name) f.family = candidate;
  }
  switch (f.family) {
    case ImageFamily::kNvidiaCuda: classify_nvidia_cuda(f, kb); break;
    case ImageFamily::kPytorch: classify_pytorch(f, kb); break;
    case ImageFamily::kTensorflow: classify_tensorflow(f, kb); break;
    case ImageFamily::kNgcPytorch: classify_ngc(f, kb, "pytorch"); break;
    case ImageFamily::kNgcTensorflow: classify_ngc(f, kb, "tensorflow"); break;
    case ImageFamily::kNgcJax: classify_ngc(f, kb, "jax"); break;
    case ImageFamily::kNgcTritonserver: classify_ngc(f, kb, "tritonserver"); break;
    case ImageFamily::kNgcCudaDlBase: classify_ngc(f, kb, "cuda-dl-base"); break;
    case ImageFamily::kPython: classify_python(f, kb); break;
    case ImageFamily::kUbuntu: classify_distro(f, kb, "ubuntu"); break;
    case ImageFamily::kDebian: classify_distro(f, kb, "debian"); break;
    default: break;
  }
  return f;
}

}  // namespace dockml
