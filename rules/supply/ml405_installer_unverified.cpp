// ML405 installer-unverified: a Miniconda/Anaconda/Miniforge/Mambaforge or CUDA `.run`/`.sh`
// installer downloaded and executed without a checksum check.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "analyzer/engine/rule.h"
#include "analyzer/model/image_model.h"
#include "rules/regex_gate.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "ML405",
    .name = "installer-unverified",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "Miniconda/Anaconda/Miniforge/CUDA installer downloaded and executed without a checksum check",
    .doc = R"md(## What it does
Reports the download (`curl`, `wget`, `ADD <url>`) of a Miniconda, Anaconda, Miniforge,
Mambaforge or CUDA installer script (`*.sh`, `*.run`) that the stage then executes (`bash
FILE`, `sh FILE`, `./FILE`, or the download piped straight into a shell) when no checksum
check happens between the download and the execution: no `sha256sum`/`sha512sum`/`shasum`/
`md5sum`/`openssl dgst`/`gpg --verify` command in the RUNs from the download to the
execution, and no `ADD --checksum=`. Executions are followed across the RUNs of the stage.

## Why it matters
These installers run as root during the build and install the interpreter, the package
manager or the CUDA toolkit every later layer trusts. A compromised mirror, a hijacked URL
or a truncated download goes unnoticed; `*-latest-*` URLs also change content silently, so
the build is not reproducible either. The vendors publish SHA-256 hashes for every
installer exactly for this check.

## Example
```dockerfile
RUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-py310_23.5.2-0-Linux-x86_64.sh -O /tmp/miniconda.sh && \
    bash /tmp/miniconda.sh -b -p /opt/conda
```

## Use instead
```dockerfile
ARG MINICONDA_SHA256=<hash published for the installer>
RUN wget -q https://repo.anaconda.com/miniconda/Miniconda3-py310_23.5.2-0-Linux-x86_64.sh -O /tmp/miniconda.sh && \
    echo "${MINICONDA_SHA256}  /tmp/miniconda.sh" | sha256sum -c - && \
    bash /tmp/miniconda.sh -b -p /opt/conda
# or: ADD --checksum=sha256:<hash> https://.../Miniconda3-...sh /tmp/miniconda.sh
```

## Fix safety
No fix is offered: the hash has to come from the vendor's published list.

## References
- Anaconda, Miniconda hash list: https://repo.anaconda.com/miniconda/ (SHA256 column)
- conda-forge/miniforge releases (`.sha256` files next to each installer)
- NVIDIA CUDA Toolkit downloads (md5sums of the runfile installers)
- Docker documentation, ADD --checksum
)md",
};

bool is_installer(std::string_view url) {
  // Every alternative holds ".sh" or ".run": most URLs never compile the pattern.
  if (!may_contain_folded(url, {".sh", ".run"})) return false;
  static const RE2 kInstaller(
      "(?i)(?:miniconda|anaconda|miniforge|mambaforge|micromamba)[^/]*\\.sh(?:$|[?#])|"
      "(?:^|/)cuda[^/]*\\.run(?:$|[?#])|(?:^|/)cuda[^/]*linux[^/]*\\.sh(?:$|[?#])");
  return RE2::PartialMatch(url, kInstaller);
}

std::string basename_of(std::string_view p) {
  if (size_t q = p.find_first_of("?#"); q != std::string_view::npos) p = p.substr(0, q);
  while (p.ends_with('/')) p.remove_suffix(1);
  size_t s = p.rfind('/');
  return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}

bool is_shell(std::string_view n) { return n == "sh" || n == "bash" || n == "dash" || n == "zsh"; }

bool is_checksum(const shell::ShellCommand& c) {
  std::string_view n = c.name();
  if (n == "sha256sum" || n == "sha512sum" || n == "sha1sum" || n == "sha384sum" || n == "shasum" || n == "md5sum" ||
      n == "b2sum" || n == "cksum")
    return true;
  if (n == "openssl" && c.arg_count() > 0 && (c.arg(0).value == "dgst" || c.arg(0).value.starts_with("sha"))) return true;
  if ((n == "gpg" || n == "gpgv") ) return true;
  return false;
}

// A pending download: the installer file waiting to be executed.
struct Pending {
  std::string url;
  std::string file;  // basename
  Span span;         // the URL word
  bool verified = false;
};

class InstallerUnverified final : public Rule {
 public:
  void finish(const FileContext& ctx, Reporter& out) override {
    if (ctx.model == nullptr || ctx.dockerfile == nullptr) return;
    const ImageModel& m = *ctx.model;
    for (const StageModel& s : m.stages) {
      std::vector<Pending> pending;
      for (size_t i = s.begin; i < s.end && i < ctx.dockerfile->instructions.size(); ++i) {
        const Instruction& inst = ctx.dockerfile->instructions[i];
        if (inst.kind == InstructionKind::kAdd) add_download(inst, pending);
        const RunAnalysis* run = m.run_at(i);
        if (run == nullptr) continue;
        check_run(*run, pending, out);
      }
    }
  }

 private:
  static void add_download(const Instruction& inst, std::vector<Pending>& pending) {
    bool checksum = inst.find_flag("checksum") != nullptr;
    if (inst.args.size() < 2) return;
    std::string dest = basename_of(inst.args.back().text);
    for (size_t a = 0; a + 1 < inst.args.size(); ++a) {
      const std::string& u = inst.args[a].text;
      if (u.find("://") == std::string::npos || !is_installer(u)) continue;
      std::string file = inst.args.back().text.ends_with("/") ? basename_of(u) : dest;
      pending.push_back({u, file, inst.args[a].span, checksum});
    }
  }

  static void check_run(const RunAnalysis& run, std::vector<Pending>& pending, Reporter& out) {
    // Downloads of this RUN, by command index.
    for (uint32_t ci = 0; ci < run.script.commands.size(); ++ci) {
      const shell::ShellCommand& c = run.script.commands[ci];
      for (const Download& d : run.facts.downloads) {
        if (d.at.command != ci) continue;
        for (size_t u = 0; u < d.urls.size(); ++u) {
          if (!is_installer(d.urls[u])) continue;
          Span span = u < d.url_refs.size() ? d.url_refs[u].span : d.at.ref.span;
          if (is_shell(d.piped_to)) {
            out.report(span, "the installer " + basename_of(d.urls[u]) + " is piped straight into `" + d.piped_to +
                                 "`: it runs as root without any checksum check; download it to a file, check it " +
                                 "against the vendor's published hash (`sha256sum -c`), then run it");
            continue;
          }
          std::string file = !d.output.empty() && d.output != "-" ? basename_of(d.output) : basename_of(d.urls[u]);
          pending.push_back({d.urls[u], file, span, false});
        }
      }
      if (is_checksum(c)) {
        for (Pending& p : pending) p.verified = true;
        continue;
      }
      // Execution of a pending installer: `bash FILE`, `sh FILE`, `./FILE`, `/tmp/FILE`.
      std::string_view n = c.name();
      for (size_t k = 0; k < pending.size();) {
        Pending& p = pending[k];
        bool runs = n == p.file && c.program < c.argv.size() && c.argv[c.program].value.find('/') != std::string::npos;
        if (!runs && is_shell(n)) {
          for (size_t a = 0; a < c.arg_count() && !runs; ++a) {
            const std::string& v = c.arg(a).value;
            if (v.starts_with("-")) continue;
            runs = basename_of(v) == p.file;
            break;
          }
        }
        if (!runs) {
          ++k;
          continue;
        }
        if (!p.verified)
          out.report(p.span, "the installer " + p.file + " is downloaded from " + p.url + " and executed without a " +
                                 "checksum check: a compromised or truncated download runs as root in the build; check " +
                                 "it against the vendor's published hash (`sha256sum -c`) before running it");
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(k));
      }
    }
  }
};

}  // namespace

RuleEntry ml405_installer_unverified() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<InstallerUnverified>()); }};
}

}  // namespace dockml::rules
