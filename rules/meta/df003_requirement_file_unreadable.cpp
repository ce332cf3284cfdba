// DF003 requirement-file-unreadable: a requirement or environment file that a RUN installs
// could not be analysed (missing from the build context, unreadable, outside the context,
// an include cycle, too large). The image model records these as notes (ImageModel::notes)
// and the engine reports them; this file holds the rule's metadata and documentation.
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DF003",
    .name = "requirement-file-unreadable",
    .severity = Severity::kInfo,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "A requirement or environment file installed by a RUN could not be analysed",
    .doc = R"md(## What it does
When a `RUN` installs a requirement file (`pip install -r PATH`, `-c PATH`, `uv pip install -r
PATH`) or a conda environment file (`conda env create -f PATH`), dockml maps `PATH` back
through `COPY`/`ADD` and `WORKDIR` to a file in the build context (the Dockerfile's folder, or
`--context DIR`) and reads it, following nested `-r`/`-c` includes. This rule reports, at the
path in the `RUN` (or at the include line), every such file that could not be analysed: not
found in the build context, unreadable, outside the build context, an include cycle, a remote
include, or larger than the analysis limits.

## Why it matters
The compatibility checks (CUDA variants of torch/TensorFlow/JAX wheels, Python versions) only
see packages they can read. A requirement file that is missing from the context also fails
`docker build`. This is information, not an error: lint with the right `--context`.

## Example
```dockerfile
FROM python:3.11-slim
COPY requirements.txt /app/
RUN pip install -r /app/requirements.txt
```
(with no `requirements.txt` next to the Dockerfile)

## Use instead
```sh
dockml check --context path/to/build/context Dockerfile
```

## Fix safety
No fix is offered.

## References
- pip requirement file format: https://pip.pypa.io/en/stable/reference/requirements-file-format/
- Dockerfile `COPY`: https://docs.docker.com/reference/dockerfile/#copy
)md",
};

class RequirementFileUnreadable final : public Rule {};

}  // namespace

RuleEntry df003_requirement_file_unreadable() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<RequirementFileUnreadable>()); }};
}

}  // namespace dockml::rules
