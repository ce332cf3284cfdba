// Install facts: what a RUN command or a requirement file installs, each with its span.
// Produced by the shell recognisers (analyzer/shell/) and the requirements front end
// (analyzer/reqs/); consumed by the image model and the rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/source/source_file.h"

namespace dockml {

// Where a fact came from: a span in a Dockerfile (RUN word) or in a requirement file line.
struct SourceRef {
  SourcePtr source;
  Span span;
};

// One PEP 508 requirement (from a pip command line or a requirement file line).
struct PipRequirement {
  std::string raw;              // as written
  std::string name;             // PEP 503-normalised ("torch", "nvidia-cudnn-cu12")
  std::string display_name;     // as written ("Torch")
  std::vector<std::string> extras;          // "and-cuda", "cuda12_local"
  std::string specifier;        // "==2.1.0+cu118", ">=1.0,<2" ("" when unpinned)
  std::optional<std::string> exact_version;  // "2.1.0+cu118" for == / === pins (wildcards excluded)
  std::string local_label;      // "cu118" from "+cu118" ("" when none)
  std::string markers;          // after ';'
  std::string url;              // direct reference: "name @ URL", VCS "git+https://...", wheel path/URL
  bool editable = false;        // -e
  bool vcs = false;             // git+/hg+/svn+/bzr+
  bool is_static = true;        // false when part of it comes from a variable of unknown value
  SourceRef ref;                // the requirement's span
  SourceRef name_ref;           // just the name
  SourceRef specifier_ref;      // just the specifier (empty span when none)
  std::vector<std::string> hashes;  // per-requirement --hash values ("sha256:...")
};

// Options that apply to a pip install (command line or requirement-file option lines).
struct PipOptions {
  std::vector<std::string> index_urls;        // --index-url / -i (last wins for pip; all kept)
  std::vector<std::string> extra_index_urls;  // --extra-index-url
  std::vector<std::string> find_links;        // -f / --find-links
  std::vector<std::string> requirement_files; // -r
  std::vector<std::string> constraint_files;  // -c
  bool no_cache_dir = false;
  bool no_build_isolation = false;
  bool upgrade = false;
  bool user = false;
  bool pre = false;
  bool no_deps = false;
  // Requirement-file options (analyzer/reqs/).
  std::vector<std::string> trusted_hosts;     // --trusted-host
  std::vector<std::string> no_binary;         // --no-binary (":all:", ":none:" or names)
  std::vector<std::string> only_binary;       // --only-binary
  bool no_index = false;                      // --no-index
  bool prefer_binary = false;                 // --prefer-binary
  bool require_hashes = false;                // --require-hashes
};

}  // namespace dockml
