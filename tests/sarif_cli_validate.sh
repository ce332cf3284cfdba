#!/usr/bin/env bash
# Runs the real CLI with --format sarif over the bundled examples plus a broken Dockerfile and
# validates the result with tests/sarif_validate.sh (zero errors, zero warnings).
# Usage: tests/sarif_cli_validate.sh SOURCE_DIR DOCKML_BINARY
set -u
src="$1"
dockml="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/proj"
cp -R "$src/examples/." "$work/proj/" 2>/dev/null || true
printf 'FRM ubuntu:22.04\nRUN pip install torch\n' > "$work/proj/broken.Dockerfile"
( cd "$work/proj" && "$dockml" check --format sarif --output "$work/out.sarif" \
    --failure-threshold none --color never . )
rc=$?
[ "$rc" -eq 0 ] || { echo "sarif_cli_validate: dockml exited with $rc" >&2; exit 1; }
node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const run = log.runs[0];
  console.log(`${run.results.length} results, ${run.tool.driver.rules.length} rules`);
  if (!run.results.some(r => r.ruleId === "DF001")) { console.error("no DF001 result"); process.exit(1); }' \
  "$work/out.sarif" || exit 1
bash "$src/tests/sarif_validate.sh" "$work/out.sarif"
