// ML203 driver-in-image: NVIDIA drivers or the container runtime installed inside the image.
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/regex_cache.h"
#include "rules/regex_gate.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML203",
    .name = "driver-in-image",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "NVIDIA driver or container runtime installed inside the image",
    .doc = R"md(## What it does
Reports a RUN that installs the NVIDIA kernel driver's user-space packages or the container
runtime inside the image: `nvidia-driver-*`, `nvidia-utils-*`, `nvidia-headless-*`,
`nvidia-dkms-*`, `libnvidia-compute-*`, `cuda-drivers`, the `cuda` / `cuda-X-Y` /
`cuda-runtime-X-Y` meta-packages (they pull in `cuda-drivers`), `nvidia-container-toolkit`,
`nvidia-container-runtime`, `nvidia-docker2`, `libnvidia-container*`, or a downloaded or run
`NVIDIA-Linux-*.run` installer.

## Why it matters
The driver belongs to the host: the NVIDIA container runtime mounts the host's driver
libraries (`libcuda.so`, `nvidia-smi`) into the container at start. A driver inside the image
shadows them with a version that does not match the host's kernel module ("Failed to initialize
NVML: Driver/library version mismatch", "CUDA driver version is insufficient"), and adds
hundreds of megabytes. The container toolkit runs on the host, never in the image.

## Example
```dockerfile
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y cuda-drivers nvidia-utils-535
```

## Use instead
```dockerfile
FROM nvidia/cuda:12.1.1-runtime-ubuntu22.04
# the driver comes from the host through the NVIDIA container runtime
```

## Fix safety
No fix: which CUDA user-space packages (`cuda-libraries-X-Y`, `cuda-toolkit-X-Y`) should
replace the meta-package depends on what the image needs.

## References
- NVIDIA CUDA installation guide, meta packages: https://docs.nvidia.com/cuda/cuda-installation-guide-linux/index.html#meta-packages
- NVIDIA Container Toolkit architecture: https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/arch-overview.html
)md",
};

// The driver / runtime packages of the knowledge base (names.json driver_packages): one
// anchored pattern per row (`*` any characters, `#` a number), tried in file order.
class DriverPackages {
 public:
  explicit DriverPackages(const KnowledgeBase* kb) {
    if (kb) rows_ = &kb->driver_packages();
    for (const DriverPackagePattern& r : rows()) {
      std::string re;
      for (char c : r.pattern) {
        if (c == '*') re += ".*";
        else if (c == '#') re += "[0-9]+";
        else re += RE2::QuoteMeta(std::string(1, c));
      }
      patterns_.push_back(std::move(re));
      prefixes_.push_back(r.pattern.substr(0, r.pattern.find_first_of("*#")));
    }
  }

  // The matching row, nullptr when `name` is no driver or runtime package.
  const DriverPackagePattern* find(std::string_view name) const {
    for (size_t i = 0; i < rows().size(); ++i) {
      // The literal prefix first: most packages never reach (or compile) a pattern.
      if (!name.starts_with(prefixes_[i])) continue;
      if (RE2::FullMatch(name, cached_regex(patterns_[i]))) return &rows()[i];
    }
    return nullptr;
  }

 private:
  const std::vector<DriverPackagePattern>& rows() const {
    static const std::vector<DriverPackagePattern> kNone;
    return rows_ ? *rows_ : kNone;
  }

  const std::vector<DriverPackagePattern>* rows_ = nullptr;  // the knowledge base's
  std::vector<std::string> patterns_, prefixes_;
};

const RE2& runfile() {
  static const RE2 re("(NVIDIA-Linux-[A-Za-z0-9_.-]*\\.run)");
  return re;
}

// What the package is (its kind in the knowledge base) and why it does not belong in the image.
std::string_view what(std::string_view kind) {
  if (kind == "runtime")
    return "the NVIDIA container runtime: it runs on the host and injects the GPU into "
           "containers, inside the image it does nothing but add weight";
  if (kind == "meta")
    return "a CUDA meta-package that pulls in the driver (cuda-drivers): a driver in the image "
           "shadows the host's and fails with a driver/library version mismatch; install "
           "cuda-libraries-X-Y or cuda-toolkit-X-Y instead";
  return "the NVIDIA driver, which the runtime mounts from the host: a driver in the image "
         "shadows the host's and fails with a driver/library version mismatch";
}

class DriverInImage final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.kind != FileKind::kDockerfile || !ctx.model || !ctx.dockerfile) return;
    std::set<uint32_t> seen;
    const DriverPackages drivers(ctx.kb);
    for (const RunAnalysis& run : ctx.model->run_list) {
      unsigned line = ctx.dockerfile->instructions[run.instruction].start_line + 1;
      for (const SystemInstall& si : run.facts.system) {
        if (si.subcommand != "install" && si.subcommand != "add") continue;
        for (const SystemPackage& p : si.packages) {
          const DriverPackagePattern* row = drivers.find(p.name);
          if (!row || !seen.insert(p.ref.span.begin).second) continue;
          out.report(p.ref.span,
                     fmt::format("RUN on line {} installs {} with {}: this is {}", line, p.name,
                                 si.at.tool, what(row->kind)));
        }
      }
      // The .run installer, downloaded or executed (reported once per RUN).
      std::set<std::string> runfiles;
      for (const shell::ShellCommand& c : run.script.commands) {
        for (size_t i = 0; i < c.argv.size(); ++i) {
          const shell::ShellWord& w = c.argv[i];
          std::string file;
          if (!contains_any(w.value, {"NVIDIA-Linux-"}) || !RE2::PartialMatch(w.value, runfile(), &file) ||
              !seen.insert(w.span.begin).second ||
              !runfiles.insert(file).second)
            continue;
          out.report(w.span, fmt::format("RUN on line {} {} the NVIDIA driver installer {}: the "
                                         "driver belongs to the host, whose libraries the NVIDIA "
                                         "runtime mounts into the container",
                                         line, c.name() == "wget" || c.name() == "curl" ? "downloads" : "runs", file));
        }
      }
    }
  }
};

}  // namespace

RuleEntry ml203_driver_in_image() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<DriverInImage>()); }};
}

}  // namespace dockml::rules
