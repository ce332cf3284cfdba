#!/usr/bin/env bash
# Directory scanning end to end: `dockml check DIR` skips .git, node_modules and virtualenvs,
# ends on symlink loops, and prints byte-identical output (stdout, stderr, exit code) whatever
# --jobs is, with diagnostics ordered by file path.
# Usage: tests/scan_test.sh DOCKML_BINARY
set -u
dockml=$1
failures=0
fail() { echo "scan_test: FAIL: $*" >&2; failures=$((failures + 1)); }
[ -x "$dockml" ] || { echo "scan_test: $dockml is not executable" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mkdir tree

# 150 Dockerfiles with one DL3007 each, in nested folders; every 10th is not UTF-8 (DF001);
# every 25th folder also holds a dangling symlink named Dockerfile.dev (an I/O error).
for i in $(seq 1 150); do
  d=tree/p$((i % 7))/s$i
  mkdir -p "$d"
  if [ $((i % 10)) -eq 0 ]; then
    printf 'FROM ubuntu:latest\nRUN echo \xff\n' >"$d/Dockerfile"
  else
    printf 'FROM ubuntu:latest\nRUN echo %s\n' "$i" >"$d/Dockerfile"
  fi
  [ $((i % 25)) -eq 0 ] && ln -s "missing-$i" "$d/Dockerfile.dev"
done
# Never searched: version control, dependencies, virtualenvs.
for skip in .git/x node_modules/pkg venv .venv2/lib/deep; do
  mkdir -p "tree/p1/$skip"
  printf 'FROM ubuntu:latest\n' >"tree/p1/$skip/Dockerfile"
done
printf 'home = /usr/bin\n' >tree/p1/venv/pyvenv.cfg
printf 'home = /usr/bin\n' >tree/p1/.venv2/pyvenv.cfg
# Symlink loops: a link to an ancestor and a link to itself.
ln -s .. tree/p2/up
ln -s ../p2 tree/p2/again

reference=""
for jobs in 1 2 3 8 0; do
  "$dockml" check --no-config --format json --jobs "$jobs" tree >"out.$jobs" 2>"err.$jobs"
  rc=$?
  [ "$rc" -eq 2 ] || fail "--jobs $jobs: exit code $rc, expected 2 (dangling symlinks are I/O errors)"
  if [ -z "$reference" ]; then
    reference=$jobs
    continue
  fi
  cmp -s "out.$reference" "out.$jobs" || fail "--jobs $jobs: stdout differs from --jobs $reference"
  cmp -s "err.$reference" "err.$jobs" || fail "--jobs $jobs: stderr differs from --jobs $reference"
done

python3 - out.1 <<'EOF' || fail "unexpected diagnostics (see above)"
import json, sys
diags = json.load(open(sys.argv[1]))
files = [d["file"] for d in diags]
bad = [f for f in files if any(s in f for s in (".git", "node_modules", "venv"))]
if bad:
    sys.exit(f"skipped folders were linted: {bad[:3]}")
if files != sorted(files):
    sys.exit("diagnostics are not ordered by file path")
dl3007 = sum(d["code"] == "DL3007" for d in diags)
df001 = sum(d["code"] == "DF001" for d in diags)
if (dl3007, df001, len(set(files))) != (135, 15, 150):
    sys.exit(f"DL3007={dl3007} DF001={df001} files={len(set(files))}, expected 135, 15, 150")
EOF
errors=$(grep -c 'dangling\|cannot read' err.1)
[ "$errors" -eq 6 ] || fail "expected 6 error lines for the dangling symlinks, got $errors: $(cat err.1)"

if [ "$failures" -gt 0 ]; then
  echo "scan_test: $failures failure(s)" >&2
  exit 1
fi
echo "scan_test: all checks passed"
