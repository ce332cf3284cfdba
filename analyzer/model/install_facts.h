// Install facts recognised in RUN commands (analyzer/shell/recognize*.cpp): what each command
// installs, downloads or cleans, with source spans. Plain data; the image model and the rules
// read them. `command` is the index of the command in its shell::ShellScript.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/model/packages.h"

namespace dockml {

// What every fact keeps about the command it came from.
struct CommandRef {
  uint32_t command = 0;     // index into ShellScript::commands
  std::string tool;         // as recognised: "pip", "python3 -m pip", "uv pip", "apt-get", ...
  SourceRef ref;            // the whole command
};

// pip / pip3 / python -m pip / uv pip / uv add / pipx.
struct PipInstall {
  CommandRef at;
  std::string subcommand;            // "install", "uninstall", "download", "wheel", "add"
  std::string python;                // "python3.10" for `python3.10 -m pip`, "" otherwise
  std::vector<PipRequirement> requirements;  // editable ones have .editable = true
  PipOptions options;
  bool break_system_packages = false;
  bool system = false;               // uv pip install --system
  std::vector<std::string> errors;   // requirement arguments that did not parse (with why)
};

// A conda/mamba package spec: "pytorch-cuda=12.1", "conda-forge::cudatoolkit==11.8", "numpy>=1.2".
struct CondaPackage {
  std::string raw;
  std::string channel;  // "conda-forge" for "conda-forge::x" ("" when none)
  std::string name;     // lower case
  std::string version;  // "12.1" for "x=12.1" / "x==12.1"; the range text for "x>=1.2"
  std::string build;    // third `=` field ("py3.10_cuda11.8*"), "" when none
  SourceRef ref;
};

struct CondaInstall {
  CommandRef at;
  std::string subcommand;            // "install", "create", "env create", "env update", "update", "remove"
  std::vector<CondaPackage> packages;
  std::vector<std::string> channels; // -c / --channel, in order
  std::vector<std::string> files;    // -f / --file (environment.yml or spec files)
  std::vector<SourceRef> file_refs;  // spans of those file words
  std::string env_name;              // -n / --name
  std::string prefix;                // -p / --prefix
  bool yes = false;                  // -y / --yes
  bool override_channels = false;
  bool no_update_deps = false;
};

// apt-get/apt/apk/yum/dnf/microdnf/zypper packages: "curl", "python3=3.10.6-1" (apt),
// "curl=8.5.0-r0" (apk), "cuda-toolkit-12-1" ...
struct SystemPackage {
  std::string raw;
  std::string name;
  std::string version;   // after '=' (apt/apk) or '-' pins for yum/dnf are not split: ""
  SourceRef ref;
};

struct SystemInstall {
  CommandRef at;
  std::string subcommand;   // "install", "update", "upgrade", "dist-upgrade", "remove",
                            // "purge", "autoremove", "add" (apk), "del", "clean", ...
  std::vector<SystemPackage> packages;
  std::vector<std::string> flags;  // every option word as written ("-y", "--no-install-recommends")
  bool yes = false;                // -y / --yes / --assume-yes / -q=2 / apk (never asks)
  bool no_install_recommends = false;  // apt --no-install-recommends
  bool no_cache = false;           // apk --no-cache
  bool virtual_package = false;    // apk add --virtual NAME (the name is not a package)
};

// npm / yarn / pnpm.
struct NodeInstall {
  CommandRef at;
  std::string subcommand;  // "install", "ci", "add", "global add"
  struct Package {
    std::string raw, name, version;
    SourceRef ref;
  };
  std::vector<Package> packages;
  bool global = false;
  bool production = false;  // --production / --omit=dev / --prod
};

struct GemInstall {
  CommandRef at;
  struct Package {
    std::string raw, name, version;
    SourceRef ref;
  };
  std::vector<Package> packages;
  bool no_document = false;  // --no-document / --no-ri --no-rdoc
};

struct GoInstall {
  CommandRef at;
  struct Package {
    std::string raw, path, version;  // "golang.org/x/tools/gopls", "v0.14.2" or "latest"
    SourceRef ref;
  };
  std::vector<Package> packages;
};

// curl / wget.
struct Download {
  CommandRef at;
  std::vector<std::string> urls;
  std::vector<SourceRef> url_refs;
  std::string output;          // -o FILE / -O FILE (wget) / > FILE; "-" for stdout
  bool remote_name = false;    // curl -O / wget without -O: the file name comes from the URL
  std::string output_dir;      // wget -P DIR / curl --output-dir DIR
  std::string piped_to;        // "sh", "bash", "tar", "python3", ... (next command of the pipe)
  bool fail_on_error = false;  // curl -f / --fail (wget fails by default)
  bool insecure = false;       // curl -k / --insecure, wget --no-check-certificate
  bool follow_redirects = false;  // curl -L
};

struct GitClone {
  CommandRef at;
  std::string url;
  SourceRef url_ref;
  std::string branch;      // -b / --branch
  std::string directory;   // the optional directory argument
  int depth = 0;           // --depth N (0: full history)
  bool recursive = false;  // --recursive / --recurse-submodules
};

// huggingface-cli download / hf download.
struct ModelDownload {
  CommandRef at;
  std::string repo_id;
  SourceRef repo_ref;
  std::vector<std::string> files;
  std::string revision;   // --revision
  std::string local_dir;  // --local-dir
  std::string repo_type;  // --repo-type
  std::string cache_dir;  // --cache-dir
  bool token_on_command_line = false;  // --token given as an argument
};

// Package-manager cache cleaning: `apt-get clean`, `yum clean all`, `conda clean -afy`,
// `pip cache purge`, `npm cache clean --force`, ...
struct CacheClean {
  CommandRef at;
  std::string what;   // "all", "packages", "tarballs", "index", "purge", ... as given
  std::vector<std::string> flags;
};

// `rm -rf PATH...`: paths removed (cache cleanups such as /var/lib/apt/lists/*).
struct RemovedPath {
  CommandRef at;
  std::string path;
  SourceRef path_ref;
};

struct InstallFacts {
  std::vector<PipInstall> pip;
  std::vector<CondaInstall> conda;
  std::vector<SystemInstall> system;
  std::vector<NodeInstall> node;
  std::vector<GemInstall> gem;
  std::vector<GoInstall> go;
  std::vector<Download> downloads;
  std::vector<GitClone> git_clones;
  std::vector<ModelDownload> model_downloads;
  std::vector<CacheClean> cache_cleans;
  std::vector<RemovedPath> removed_paths;
};

}  // namespace dockml
