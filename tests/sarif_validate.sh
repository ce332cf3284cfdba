#!/usr/bin/env bash
# Validates SARIF files with @microsoft/sarif-multitool (pinned in tests/tools, installed by
# `make test-tools`) using GitHub's rule kinds: `validate --rule-kind "Sarif;Gh"`.
# The Multitool exits 0 even when it reports errors, so this reads its output and fails on any
# error or warning (notes, e.g. "consider a snippet", are allowed).
# Usage: tests/sarif_validate.sh FILE.sarif...
set -u
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/tools/node_modules"
bin="$tools/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ "$(uname -s)" = Darwin ]; then bin="$tools/@microsoft/sarif-multitool-darwin/Sarif.Multitool"; fi
if [ ! -f "$bin" ]; then
  echo "sarif_validate: $bin is missing: run 'make test-tools' (npm ci in tests/tools)" >&2
  exit 1
fi
[ -x "$bin" ] || chmod u+x "$bin" 2>/dev/null || true
if [ "$#" -eq 0 ]; then
  echo "usage: $0 FILE.sarif..." >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for file in "$@"; do
  # The Multitool resolves relative paths against its own folder: pass an absolute one.
  abs="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
  # No network is needed; the .NET runtime inside the package wants a writable HOME and no ICU.
  ( cd "$work" && HOME="$work" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 \
      "$bin" validate --rule-kind "Sarif;Gh" --level "Error;Warning" \
      --output "$work/validation.sarif" "$abs" ) >"$work/out.txt" 2>&1
  rc=$?
  cat "$work/out.txt"
  if [ "$rc" -ne 0 ]; then
    echo "sarif_validate: the Multitool exited with $rc on $file" >&2
    status=1
  fi
  if grep -Eq '(^|[^a-z])(error|warning) [A-Z]+[0-9]+:' "$work/out.txt"; then
    echo "sarif_validate: $file has SARIF errors or warnings (see above)" >&2
    status=1
  fi
  if ! grep -q 'Analysis completed successfully' "$work/out.txt"; then
    echo "sarif_validate: the Multitool did not complete on $file" >&2
    status=1
  fi
  # The validation log itself must hold no error or warning results either.
  if [ -f "$work/validation.sarif" ] && command -v node >/dev/null; then
    node -e '
      const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const bad = (log.runs || []).flatMap(r => r.results || [])
        .filter(r => (r.level || "warning") === "error" || (r.level || "warning") === "warning");
      for (const r of bad) console.error(`${r.ruleId}: ${JSON.stringify(r.message)}`);
      process.exit(bad.length ? 1 : 0);' "$work/validation.sarif" || status=1
  fi
  rm -f "$work/validation.sarif"
done
[ "$status" -eq 0 ] && echo "sarif_validate: $# file(s) valid (Sarif;Gh): 0 errors, 0 warnings"
exit "$status"
