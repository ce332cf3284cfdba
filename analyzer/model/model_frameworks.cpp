// Framework CUDA variants (torch/torchvision/torchaudio, tensorflow, jax/jaxlib) and the
// reasons a stage compiles CUDA code.
#include <fmt/format.h>

#include "analyzer/model/model_internal.h"

namespace dockml::model_detail {

namespace {

bool is_framework(std::string_view n) {
  return n == "torch" || n == "torchvision" || n == "torchaudio" || n == "tensorflow" ||
         n == "jax" || n == "jaxlib";
}

// "cu121" / "cpu" / "rocm6.0" from a download.pytorch.org-style index URL ("" when none).
std::string variant_from_url(std::string_view url) {
  size_t at = url.find("/whl/");
  if (at == std::string_view::npos) return "";
  std::string_view rest = url.substr(at + 5);
  if (rest.starts_with("nightly/")) rest.remove_prefix(8);
  if (rest.starts_with("test/")) rest.remove_prefix(5);
  size_t end = rest.find_first_of("/?#");
  std::string seg(rest.substr(0, end));
  if (seg == "cpu" || seg.starts_with("rocm")) return seg;
  if (seg.size() >= 4 && seg.starts_with("cu") && std::isdigit(static_cast<unsigned char>(seg[2])))
    return seg;
  return "";
}

void set_variant(FrameworkVariant& f, const std::string& variant) {
  f.variant = variant;
  if (variant.starts_with("cu")) f.cuda = cuda_from_variant(variant);
}

// uv's torch backend for the packages of a `uv pip` command: `--torch-backend=X` /
// `--torch-backend X`, else UV_TORCH_BACKEND in the command's environment (prefix, `env`,
// export) or set by ENV/ARG. `value` is "" when not known statically.
struct TorchBackend {
  std::string value;
  SourceRef ref;
};

std::optional<TorchBackend> uv_torch_backend(const ImageModel& m, const PythonPackage& p) {
  if (!p.tool.starts_with("uv pip")) return std::nullopt;
  const RunAnalysis* run = m.run_at(p.run_instruction);
  if (!run) return std::nullopt;
  const shell::ShellCommand* cmd = nullptr;  // the innermost command holding the package's word
  for (const shell::ShellCommand& c : run->script.commands)
    if (c.span.begin <= p.command.span.begin && p.command.span.end <= c.span.end) cmd = &c;
  if (!cmd) return std::nullopt;
  auto word = [&](const shell::ShellWord& w, std::string_view value) {
    return TorchBackend{w.is_static ? std::string(value) : std::string(), SourceRef{m.source, w.span}};
  };
  for (size_t i = 0; i < cmd->arg_count(); ++i) {
    const shell::ShellWord& w = cmd->arg(i);
    if (w.value == "--torch-backend" && i + 1 < cmd->arg_count())
      return word(cmd->arg(i + 1), cmd->arg(i + 1).value);
    if (w.value.starts_with("--torch-backend="))
      return word(w, std::string_view(w.value).substr(std::string_view("--torch-backend=").size()));
  }
  if (const shell::ShellWord* w = run->script.env_word(*cmd, "UV_TORCH_BACKEND"))
    return word(*w, std::string_view(w->value).substr(std::string_view("UV_TORCH_BACKEND=").size()));
  if (const VarBinding* b = m.scope.find(p.run_instruction, "UV_TORCH_BACKEND"))
    return TorchBackend{b->known ? b->value : std::string(), SourceRef{m.source, b->span}};
  return std::nullopt;
}

}  // namespace

void resolve_frameworks(const ImageModel& m, StageModel& st, const KnowledgeBase& kb) {
  for (size_t i = 0; i < st.python_packages.size(); ++i) {
    const PythonPackage& p = st.python_packages[i];
    if (p.uninstall || !is_framework(p.req.name)) continue;
    FrameworkVariant f;
    f.package = p.req.name;
    f.ref = p.req.ref;
    f.package_index = static_cast<int>(i);
    if (p.req.exact_version) f.version = Version::parse(*p.req.exact_version);
    const std::string& label = p.req.local_label;
    if (f.package.starts_with("torch") && !label.empty()) {
      set_variant(f, label);
      f.origin = "local version label";
      f.origin_ref = p.req.specifier_ref;
    } else if (auto backend = f.package.starts_with("torch") ? uv_torch_backend(m, p) : std::nullopt) {
      // uv ignores the index URLs for PyTorch packages and uses the backend's index:
      // cu121 -> CUDA 12.1, cpu, rocmX.Y, xpu; `auto` is decided on the build machine.
      if (backend->value != "auto") set_variant(f, backend->value);
      f.origin = "uv torch backend";
      f.origin_ref = backend->ref;
    } else if (f.package.starts_with("torch")) {
      // An --index-url serves every candidate. An --extra-index-url / --find-links only adds
      // candidates next to PyPI: for an exact pin the local-labelled build there sorts above
      // PyPI's plain one and wins; for a range or no pin PyPI may hold a newer release, so
      // the variant stays unknown.
      std::vector<std::string> urls = p.options.index_urls;
      if (f.version) {
        urls.insert(urls.end(), p.options.extra_index_urls.begin(), p.options.extra_index_urls.end());
        urls.insert(urls.end(), p.options.find_links.begin(), p.options.find_links.end());
      }
      for (const std::string& u : urls) {
        std::string v = variant_from_url(u);
        if (v.empty()) continue;
        set_variant(f, v);
        f.origin = "index URL " + u;
        f.origin_ref = p.command;
        break;
      }
      bool custom_index = !p.options.index_urls.empty() || p.options.no_index;
      if (f.variant.empty() && !custom_index && f.package == "torch" && f.version) {
        if (auto rel = kb.torch_release(*f.version)) {
          if (rel->pypi_default) {
            set_variant(f, rel->pypi_default->value);
            f.origin = "PyPI default";
            f.from = rel->pypi_default->from;
          } else {
            f.variant = "cpu";
            f.origin = "PyPI default (no CUDA build on PyPI)";
            f.from = rel->from;
          }
        }
      }
    } else if (f.package == "tensorflow") {
      bool and_cuda = false;
      for (const std::string& e : p.req.extras) and_cuda = and_cuda || e == "and-cuda";
      if (f.version) {
        if (auto t = kb.tf_tested(*f.version)) {
          f.cuda = t->cuda;
          f.variant = and_cuda ? "and-cuda" : "";
          f.origin = "tested build configuration";
          f.from = t->from;
        }
      }
    } else if (f.package == "jax" || f.package == "jaxlib") {
      for (const std::string& e : p.req.extras) {
        if (auto x = kb.jax_extra(e); x && x->cuda_major) {
          f.variant = x->extra;
          f.cuda = Version::parse(std::to_string(*x->cuda_major));
          f.origin = "jax extra";
          f.from = x->from;
        }
      }
      if (f.variant.empty() && label.starts_with("cuda")) {  // jaxlib 0.4.x+cuda12.cudnn89
        f.variant = label;
        size_t dot = label.find('.');
        f.cuda = Version::parse(label.substr(4, dot == std::string::npos ? std::string::npos : dot - 4));
        f.origin = "local version label";
      }
    }
    st.frameworks.push_back(std::move(f));
  }
  // conda: pytorch with pytorch-cuda=X.Y, or a build string naming cudaX.Y
  const CondaPackageUse* pytorch_cuda = nullptr;
  for (const CondaPackageUse& u : st.conda_packages)
    if (u.pkg.name == "pytorch-cuda") pytorch_cuda = &u;
  for (const CondaPackageUse& u : st.conda_packages) {
    if (u.pkg.name != "pytorch") continue;
    FrameworkVariant f;
    f.package = "pytorch";
    f.ref = u.pkg.ref;
    if (!u.pkg.version.empty()) f.version = Version::parse(u.pkg.version);
    size_t c = u.pkg.build.find("cuda");
    if (c != std::string::npos) {
      std::string v = u.pkg.build.substr(c + 4);
      size_t end = v.find_first_not_of("0123456789.");
      if (end != std::string::npos) v.resize(end);
      if (auto cv = Version::parse(v)) {
        f.cuda = cv;
        f.variant = fmt::format("cu{}{}", cv->major(), cv->minor());
        f.origin = "conda build string";
        f.origin_ref = u.pkg.ref;
      }
    } else if (pytorch_cuda && !pytorch_cuda->pkg.version.empty()) {
      if (auto cv = Version::parse(pytorch_cuda->pkg.version)) {
        f.cuda = cv;
        f.variant = fmt::format("cu{}{}", cv->major(), cv->minor());
        f.origin = "conda pytorch-cuda";
        f.origin_ref = pytorch_cuda->pkg.ref;
      }
    } else if (u.pkg.build.find("cpu") != std::string::npos) {
      f.variant = "cpu";
      f.origin = "conda build string";
    }
    st.frameworks.push_back(std::move(f));
  }
}

namespace {

// True when `name` (or, for a name ending in '_', any variable starting with it) is set to
// something other than "", "0" or "false" at instruction `i` or on the installing command.
bool build_env_set(const ImageModel& m, size_t i, const SourceRef& command,
                   const std::vector<std::string>& names) {
  auto on = [](std::string_view v) { return !v.empty() && v != "0" && v != "false" && v != "FALSE"; };
  auto matches = [&](std::string_view var) {
    for (const std::string& n : names)
      if (n.ends_with('_') ? var.starts_with(n) : var == n) return true;
    return false;
  };
  for (const std::string& n : names) {
    if (!n.ends_with('_')) {
      const VarBinding* b = m.scope.find(i, n);
      if (b != nullptr && b->known && on(b->value)) return true;
      continue;
    }
    for (const VarBinding* b : m.scope.visible(i))  // a prefix: every variable (rare)
      if (b->name.starts_with(n) && b->known && on(b->value)) return true;
  }
  if (const RunAnalysis* run = m.run_at(i)) {
    for (const shell::ShellCommand& c : run->script.commands) {
      if (!(c.span == command.span)) continue;
      // Prefix assignments, `env NAME=value` and earlier exports of the RUN.
      for (const shell::ShellWord* a : run->script.environment_of(c)) {
        size_t eq = a->value.find('=');
        if (eq != std::string::npos && matches(std::string_view(a->value).substr(0, eq)) &&
            on(std::string_view(a->value).substr(eq + 1)))
          return true;
      }
    }
  }
  return false;
}

}  // namespace

void detect_cuda_builds(const ImageModel& m, StageModel& st, const KnowledgeBase& kb) {
  bool arch_list = false;
  for (size_t i = st.begin; i < st.end && i < m.dockerfile->instructions.size(); ++i)
    if (const VarBinding* b = m.scope.find(i, "TORCH_CUDA_ARCH_LIST"); b && !b->value.empty())
      arch_list = true;
  // Asked only when the stage installs Python packages: the others need not parse wheels.json.
  static const std::vector<AddonFacts> kNoAddons;
  const std::vector<AddonFacts>& addons = st.python_packages.empty() ? kNoAddons : kb.cuda_build_addons();
  for (const PythonPackage& p : st.python_packages) {
    if (p.uninstall) continue;
    const PipRequirement& r = p.req;
    bool wheel = !r.url.empty() && r.url.ends_with(".whl");
    bool from_source = r.vcs || r.editable || (!r.url.empty() && !wheel);
    bool local_path = r.name.empty() && !r.url.empty();
    const AddonFacts* addon = nullptr;
    for (const AddonFacts& a : addons)
      if (a.package == r.name) addon = &a;
    std::string reason;
    Provenance from;
    if (addon && !wheel) {
      if (from_source || p.options.no_build_isolation) {
        reason = fmt::format("source build of {}{}", r.name,
                             p.options.no_build_isolation ? " (--no-build-isolation)" : "");
        from = addon->build_from;
      } else if (addon->sdist_only) {
        reason = fmt::format("pip install of {}, which PyPI ships only as source", r.name);
        from = addon->build_from;
      } else if (!addon->build_env.empty() &&
                 build_env_set(m, p.run_instruction, p.command, addon->build_env)) {
        reason = fmt::format("build of {} with {} set", r.name, addon->build_env.front());
        from = addon->build_env_from;
      }
    }
    if (!reason.empty()) {
      st.cuda_builds.push_back({std::move(reason), r.ref, p.run_instruction, std::move(from)});
    } else if ((local_path || r.editable || r.raw == "." || r.url == ".") &&
               (arch_list || build_env_set(m, p.run_instruction, p.command, {"TORCH_CUDA_ARCH_LIST"}))) {
      st.cuda_builds.push_back({"TORCH_CUDA_ARCH_LIST set and a local package built with pip",
                                r.ref, p.run_instruction, {}});
    }
  }
  for (size_t run_i : st.runs) {
    const RunAnalysis* run = m.run_at(run_i);
    if (!run) continue;
    for (const shell::ShellCommand& c : run->script.commands) {
      std::string_view n = c.name();
      if (n == "nvcc") {
        st.cuda_builds.push_back({"nvcc call", SourceRef{m.source, c.span}, run_i, {}});
      } else if ((n == "python" || n == "python3") && c.arg_count() >= 2 &&
                 c.arg(0).value == "setup.py" &&
                 (c.arg(1).value == "install" || c.arg(1).value == "build_ext" ||
                  c.arg(1).value == "bdist_wheel" || c.arg(1).value == "develop")) {
        bool env_arch = arch_list || run->script.env_word(c, "TORCH_CUDA_ARCH_LIST") != nullptr;
        if (env_arch)
          st.cuda_builds.push_back({"TORCH_CUDA_ARCH_LIST set and setup.py build",
                                    SourceRef{m.source, c.span}, run_i, {}});
      }
    }
  }
}

}  // namespace dockml::model_detail
