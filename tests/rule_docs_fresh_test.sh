#!/usr/bin/env bash
# Fails when docs/rules/<CODE>.md or the README's rule table are stale: regenerates both into a
# temporary directory (as `make docs` does) and compares. Fix: run `make docs` and commit.
# Usage: tests/rule_docs_fresh_test.sh SOURCE_DIR DOCKML_BINARY
set -u
src="$1"
dockml="$2"
fail() { echo "rule_docs_fresh: FAIL: $*" >&2; echo "rule_docs_fresh: run 'make docs' and commit the result" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/docs/rules"
cp "$src/README.md" "$work/README.md" || fail "cannot copy README.md"
"$dockml" rules --write-docs "$work/docs/rules" --readme "$work/README.md" || fail "dockml rules --write-docs failed"
[ -d "$src/docs/rules" ] || fail "docs/rules does not exist"
diff -ru "$src/docs/rules" "$work/docs/rules" >&2 || fail "docs/rules is stale"
diff -u "$src/README.md" "$work/README.md" >&2 || fail "the README rule table is stale"
echo "rule_docs_fresh: OK"
