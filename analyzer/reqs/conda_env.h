// Conda environment files (environment.yml) read through the YAML front end: name, channels,
// conda match specs ("pytorch-cuda=12.1", "pytorch::pytorch=2.1.0=py3.10_cuda12.1_0") and
// the `pip:` section as PipRequirements with spans in the environment file.
#pragma once

#include <string>
#include <vector>

#include "analyzer/reqs/requirements.h"
#include "analyzer/source/source_file.h"
#include "analyzer/yaml/yaml.h"

namespace dockml::reqs {

struct CondaSpec {
  std::string raw;        // as written: "pytorch::pytorch=2.1.0=py3.10_cuda12.1_0"
  std::string channel;    // "pytorch" ("" when none)
  std::string name;       // lower case: "pytorch", "pytorch-cuda", "python"
  std::string specifier;  // after the name, build excluded: "=2.1.0", ">=1.0,<2", "1.21.*"
  std::string version;    // "2.1.0" for "=2.1.0" / "==2.1.0" / "2.1.0" ("" for ranges, none)
  std::string build;      // "py3.10_cuda12.1_0" ("" when none)
  Span span;              // the whole spec
  Span name_span;
  Span specifier_span;    // empty (at the end of the name) when unpinned
};

struct CondaEnvironment {
  SourcePtr source;
  std::string name;  // "" when absent
  Span name_span;
  std::vector<std::string> channels;
  std::vector<Span> channel_spans;
  std::vector<CondaSpec> dependencies;
  // The `pip:` entries (requirements, options, -r includes, errors). conda hands them to pip
  // as a requirement file next to the environment file: -r paths are relative to its folder.
  RequirementFile pip;
  // YAML errors and unexpected shapes ("'dependencies' should be a list").
  std::vector<yaml::Error> errors;
};

// Parses a conda match spec written at `span` of the file (spans exact when `exact`).
CondaSpec parse_conda_spec(std::string_view text, Span span, bool exact);

CondaEnvironment parse_conda_env(SourcePtr source);

}  // namespace dockml::reqs
