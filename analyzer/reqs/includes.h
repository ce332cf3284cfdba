// Follows a requirement file's nested -r/-c includes inside a build context directory.
//
// Includes resolve relative to the including file (as pip does), are read at most once,
// never outside the context (symlinks included), and within byte and file-count limits.
// Everything that could not be read becomes an IncludeIssue value; nothing aborts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/model/packages.h"
#include "analyzer/reqs/requirements.h"

namespace dockml::reqs {

struct IncludeLimits {
  uint64_t max_file_bytes = 1024 * 1024;       // bytes analysed per file (the rest is cut)
  uint64_t max_total_bytes = 8 * 1024 * 1024;  // bytes read over all files
  uint32_t max_files = 64;
  uint32_t max_depth = 16;                     // nesting of -r inside -r
};

enum class IncludeIssueKind {
  kMissing,         // no such file
  kUnreadable,      // permission, directory, FIFO/device, I/O error
  kOutsideContext,  // the path (or its symlink target) leaves the build context
  kRemote,          // -r https://... (not fetched)
  kCycle,           // a file includes itself, directly or not
  kTruncated,       // larger than max_file_bytes or the remaining total budget
  kLimit,           // max_files, max_total_bytes or max_depth reached: not read
};

struct IncludeIssue {
  IncludeIssueKind kind;
  std::string path;     // as written in the -r/-c line (or the root path)
  std::string message;  // one line naming the file, e.g. "requirement file 'a.txt' not found"
  SourceRef where;      // the -r/-c argument that asked for it (null source for the root)
};

struct ResolvedFile {
  RequirementFile file;
  std::string context_path;  // relative to the context, '/'-separated ("reqs/base.txt")
  bool constraint = false;   // reached through -c (its requirements only constrain)
  int parent = -1;           // index in RequirementSet::files of the including file
  SourceRef included_from;   // the -r/-c argument (null source for the root)
};

struct RequirementSet {
  std::vector<ResolvedFile> files;  // the root first, then depth-first in include order
  std::vector<IncludeIssue> issues;

  // Requirements pip would install (constraint files excluded), file by file in the order
  // of `files` (pip reads an include at its -r line; the set of requirements is the same).
  std::vector<const PipRequirement*> requirements() const;
  // Options of every file merged (index URLs, find-links, ...), in reading order.
  PipOptions options() const;
};

// `path` is the requirement file, relative to `context_dir` (or absolute inside it).
RequirementSet resolve_requirement_file(const std::string& context_dir, const std::string& path,
                                        const IncludeLimits& limits = {});

}  // namespace dockml::reqs
