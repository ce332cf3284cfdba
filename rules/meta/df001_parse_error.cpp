// DF001 parse-error: the file cannot be parsed the way BuildKit parses it.
// The engine reports these itself (parser errors, instruction validation, non-text input);
// this file holds the rule's metadata and documentation.
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "DF001",
    .name = "parse-error",
    .severity = Severity::kError,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "The file cannot be parsed: BuildKit would reject it",
    .doc = R"md(## What it does
Reports every place where the file cannot be parsed as BuildKit parses it: a malformed parser
directive, an unknown instruction, an instruction with missing or invalid arguments or flags
(`FROM` without an image, `COPY` with a single argument, an unknown `--flag`, an invalid
`HEALTHCHECK` duration, ...), an unterminated heredoc, as well as input that is not UTF-8 text
at all (a NUL byte or an invalid UTF-8 sequence, reported once at its byte offset; such a file
is not analysed further). The message says what was expected at that position.

## Why it matters
`docker build` stops at the first such error, usually after the build context was uploaded.
Catching it in the editor or in CI is faster, and dockml reports all of them at once while
linting the rest of the file where BuildKit's parser would continue.

## Example
```dockerfile
FROM
COPY requirements.txt
RUNN pip install -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.11-slim
COPY requirements.txt /app/
RUN pip install -r /app/requirements.txt
```

## Fix safety
No fix is offered: what the author meant cannot be known.

## References
- BuildKit Dockerfile frontend parser (`frontend/dockerfile/parser`, `instructions/parse.go`)
- Dockerfile reference: https://docs.docker.com/reference/dockerfile/
)md",
};

class ParseError final : public Rule {};

}  // namespace

RuleEntry df001_parse_error() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<ParseError>()); }};
}

}  // namespace dockml::rules
