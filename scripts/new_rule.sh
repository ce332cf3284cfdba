#!/bin/sh
# Scaffolds a new rule: rules/<family>/<code>_<name>.cpp (metadata, all doc sections, an empty
# check), tests/fixtures/<CODE>/ with a positive and a negative case and their (empty)
# snapshots, and the declaration + registry line in rules/registry.cpp in sorted order.
# Usage: scripts/new_rule.sh CODE kebab-name family     e.g. scripts/new_rule.sh ML305 redundant-cuda-libs layers
set -eu

if [ $# -ne 3 ]; then
  echo "usage: $0 CODE kebab-name family   (e.g. $0 ML305 redundant-cuda-libs layers)" >&2
  exit 2
fi
code=$1 name=$2 family=$3
root=$(cd "$(dirname "$0")/.." && pwd)

echo "$code" | grep -Eq '^[A-Z]{2}[0-9]{3,4}$' || { echo "bad code '$code': two capitals and 3-4 digits" >&2; exit 2; }
echo "$name" | grep -Eq '^[a-z0-9]+(-[a-z0-9]+)*$' || { echo "bad name '$name': kebab-case" >&2; exit 2; }
echo "$family" | grep -Eq '^[a-z0-9_]+$' || { echo "bad family '$family'" >&2; exit 2; }

lower=$(echo "$code" | tr 'A-Z' 'a-z')
snake=$(echo "$name" | tr '-' '_')
fn="${lower}_${snake}"
class=$(echo "$name" | awk -F- '{ for (i = 1; i <= NF; i++) printf "%s%s", toupper(substr($i,1,1)), substr($i,2) }')
file="$root/rules/$family/$fn.cpp"
fixtures="$root/tests/fixtures/$code"

if grep -q "RuleEntry ${lower}_" "$root/rules/registry.cpp"; then
  echo "$code is already registered in rules/registry.cpp" >&2; exit 2
fi
[ -e "$file" ] && { echo "$file exists" >&2; exit 2; }
[ -e "$fixtures" ] && { echo "$fixtures exists" >&2; exit 2; }

mkdir -p "$root/rules/$family" "$fixtures"
cat > "$file" <<EOF
// $code $name: TODO one line saying what the rule reports.
#include "analyzer/engine/rule.h"

namespace dockml::rules {

namespace {

constexpr RuleMeta kMeta{
    .code = "$code",
    .name = "$name",
    .severity = Severity::kWarning,
    .enabled_by_default = true,
    .fix = FixAvailability::kNone,
    .summary = "TODO one-line summary",
    .doc = R"md(## What it does
TODO

## Why it matters
TODO

## Example
\`\`\`dockerfile
TODO
\`\`\`

## Use instead
\`\`\`dockerfile
TODO
\`\`\`

## Fix safety
TODO (no fix / safe / unsafe / display-only, and why)

## References
- TODO (the source of every fact the rule relies on)
)md",
};

class $class final : public Rule {
 public:
  void check_instruction(const FileContext& ctx, const Instruction& inst, Reporter& out) override {
    // TODO: out.report(span, "what is wrong, with the facts");
  }
};

}  // namespace

RuleEntry $fn() {
  return {&kMeta, [] { return std::unique_ptr<Rule>(std::make_unique<$class>()); }};
}

}  // namespace dockml::rules
EOF

printf 'FROM python:3.11-slim\n# TODO: a Dockerfile that triggers %s\n' "$code" > "$fixtures/bad.Dockerfile"
printf 'FROM python:3.11-slim\n# TODO: a Dockerfile that must not trigger %s\n' "$code" > "$fixtures/ok.Dockerfile"
: > "$fixtures/bad.snap"
: > "$fixtures/ok.snap"

python3 - "$root/rules/registry.cpp" "$fn" <<'PY'
import sys
path, fn = sys.argv[1], sys.argv[2]
text = open(path).read()

def insert(text, begin, end, line):
    b = text.index(begin) + len(begin)
    b = text.index("\n", b) + 1
    e = text.index(end)
    e = text.rindex("\n", 0, e) + 1
    lines = [l for l in text[b:e].splitlines(keepends=True)]
    lines.append(line)
    lines.sort(key=lambda l: l.strip())
    return text[:b] + "".join(lines) + text[e:]

text = insert(text, "// BEGIN DECLARATIONS", "// END DECLARATIONS", f"RuleEntry {fn}();\n")
text = insert(text, "// BEGIN RULES", "// END RULES", f"      rules::{fn}(),\n")
open(path, "w").write(text)
PY

echo "created $file"
echo "created $fixtures/{bad,ok}.Dockerfile and empty snapshots"
echo "registered $fn in rules/registry.cpp"
echo "next: write the check and the fixtures, then DOCKML_BLESS=1 ./build/dockml_tests --gtest_filter='RuleFixtures*$code*' and review the .snap"
