// PEP 508 requirement strings (and the extra forms pip accepts as a requirement argument:
// direct URLs, VCS URLs with #egg=, wheel/sdist paths, local directories), shared by the shell
// front end (pip command lines) and the requirements front end (requirement-file lines).
// Pure string processing: no regex, no allocation beyond the result, linear in the input.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analyzer/model/packages.h"
#include "analyzer/source/source_file.h"

namespace dockml {

// PEP 503 normalisation: lower case, runs of '-', '_' and '.' become one '-'.
std::string normalize_package_name(std::string_view name);

// True when `name` is a valid PEP 508 distribution name.
bool is_valid_package_name(std::string_view name);

struct Pep508Result {
  // On success: raw, name, display_name, extras, specifier, exact_version, local_label,
  // markers, url, vcs are filled. `editable` and the SourceRefs are left to the caller.
  PipRequirement requirement;
  // Byte ranges relative to the parsed text (empty when absent) for the caller to map to
  // SourceRefs: the name as written and the version specifier (without spaces around it).
  Span name;
  Span specifier;
  // "" on success; otherwise what was wrong, e.g. "invalid package name 'to rch'".
  std::string error;
  bool ok() const { return error.empty(); }
};

// Parses one requirement: `name[extras] specifier ; markers`, `name[extras] @ url ; markers`,
// or (when `allow_pip_forms`) a bare URL/VCS URL/wheel or sdist path/local directory as pip
// accepts on its command line and in requirement files. For wheel files the name and the
// version (as `==version`) come from the file name; for VCS URLs the name comes from
// `#egg=`. Leading/trailing whitespace is ignored; a `#` comment is NOT stripped.
Pep508Result parse_requirement(std::string_view text, bool allow_pip_forms = true);

// The exact version pinned by a specifier: "2.1.0+cu118" for "==2.1.0+cu118" or
// "===2.1.0+cu118"; nullopt for ranges, wildcards ("==2.1.*") and "".
std::optional<std::string> exact_version_of(std::string_view specifier);

// The local version label of a version: "cu118" for "2.1.0+cu118" ("" when none).
std::string local_label_of(std::string_view version);

}  // namespace dockml
