// File discovery for `dockml check PATH...`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/engine/rule.h"

namespace dockml {

struct DiscoveredFile {
  std::string path;                 // as given, or "<dir>/<relative path>" ("-" for stdin)
  std::optional<FileKind> kind;     // nullopt for explicit files: detected from name + content
};

struct Discovery {
  std::vector<DiscoveredFile> files;   // in argument order; per directory sorted by name
  std::vector<std::string> errors;     // one line each: missing paths, unreadable entries
  std::vector<std::string> notices;    // e.g. "no Dockerfiles found under X", skipped FIFOs
};

// Walks the given paths. A named file is always linted whatever its name; directories are
// searched recursively for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
// Containerfile, requirements*.txt, docker-compose*.y(a)ml, compose*.y(a)ml and *.y(a)ml
// Kubernetes manifests (top-level apiVersion and kind), skipping .git, .hg, .svn,
// node_modules, __pycache__ and virtualenvs (directories holding pyvenv.cfg). Directory
// symlinks are followed once: a directory already visited (same device and inode) is
// skipped, so symlink loops end. Non-regular files (FIFOs, sockets, devices) found while
// walking are skipped with a notice; dangling symlinks with a lintable name are errors.
// A path listed twice is linted once.
Discovery discover(const std::vector<std::string>& paths);

// Same, skipping the files and folders found while walking a directory for which `excluded`
// returns true (the configuration's `exclude` globs). Paths named explicitly are never skipped.
using ExcludeFilter = std::function<bool(const std::string& path)>;
Discovery discover(const std::vector<std::string>& paths, const ExcludeFilter& excluded);

}  // namespace dockml
