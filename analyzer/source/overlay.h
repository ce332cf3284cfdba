// Editor buffers that stand in for files on disk while a lint runs on this thread: the LSP
// server lints a Dockerfile with the unsaved text of the requirement / environment files
// open in the editor. Without a scope (the command line) nothing changes.
#pragma once

#include <map>
#include <string>

#include "analyzer/source/source_file.h"

namespace dockml {

// Absolute path -> buffer.
using FileOverlayMap = std::map<std::string, SourcePtr>;

// Makes `files` visible to overlay_file() on this thread until the scope ends (scopes nest;
// the innermost wins). The map must outlive the scope.
class ScopedFileOverlay {
 public:
  explicit ScopedFileOverlay(const FileOverlayMap* files);
  ~ScopedFileOverlay();
  ScopedFileOverlay(const ScopedFileOverlay&) = delete;
  ScopedFileOverlay& operator=(const ScopedFileOverlay&) = delete;

 private:
  const FileOverlayMap* previous_;
};

// The open buffer for `path` (compared after normalising both sides, symlinks resolved
// where the file exists); nullptr when none.
SourcePtr overlay_file(const std::string& path);

}  // namespace dockml
