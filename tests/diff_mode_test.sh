#!/usr/bin/env bash
# Pull-request mode end to end, on a temporary git repository: a Dockerfile with three DL3007
# findings is committed, one line changes in a second commit (plus a renamed and a new file),
# and `dockml check --diff-base` / `--diff-file` must report exactly the findings on the added
# or changed lines. An unknown revision exits 2 with a one-line reason.
# Usage: tests/diff_mode_test.sh DOCKML_BINARY
set -u
dockml="$1"
fail() { echo "diff_mode_test: FAIL: $*" >&2; exit 1; }
command -v git >/dev/null || fail "git is not installed"
[ -x "$dockml" ] || fail "$dockml is not executable"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
repo="$work/repo with space"
mkdir -p "$repo/svc"
cd "$repo" || fail "cd"
git init -q . || fail "git init"
git config user.name "dockml test"
git config user.email "test@example.invalid"
git config commit.gpgsign false

printf 'FROM ubuntu:latest AS a\nFROM debian:latest AS b\nFROM alpine:latest\n' > svc/Dockerfile
printf 'FROM busybox:latest\nFROM busybox:latest AS x\nLABEL a=1\nLABEL b=2\nLABEL c=3\nLABEL d=4\n' > old.Dockerfile
git add . && git commit -q -m legacy || fail "first commit"
base="$(git rev-parse HEAD)"

# Line 2 changes; old.Dockerfile is renamed (similar enough for -M) with its second line changed; new.Dockerfile is new.
printf 'FROM ubuntu:latest AS a\nFROM debian:latest AS c\nFROM alpine:latest\n' > svc/Dockerfile
git mv old.Dockerfile renamed.Dockerfile
printf 'FROM busybox:latest\nFROM busybox:latest AS y\nLABEL a=1\nLABEL b=2\nLABEL c=3\nLABEL d=4\n' > renamed.Dockerfile
printf 'FROM node:latest\n' > new.Dockerfile
git add . && git commit -q -m change || fail "second commit"

# "path:line CODE" of each finding (gnu format), sorted.
findings() {
  sed -nE 's/^([^:]+):([0-9]+)[:.][^ ]*: [a-z]+: .* \[([A-Z]+[0-9]+)\]$/\1:\2 \3/p' | sort
}
expected="new.Dockerfile:1 DL3007
renamed.Dockerfile:2 DL3007
svc/Dockerfile:2 DL3007"

out="$("$dockml" check --no-config --select DL3007 --format gnu --diff-base "$base" \
  svc/Dockerfile renamed.Dockerfile new.Dockerfile)"
rc=$?
[ "$rc" = 1 ] || fail "--diff-base: exit $rc, expected 1; output: $out"
got="$(printf '%s\n' "$out" | findings)"
[ "$got" = "$expected" ] || fail "--diff-base reported:
$got
expected:
$expected"

# Without the diff, all six findings.
all="$("$dockml" check --no-config --select DL3007 --format gnu svc/Dockerfile renamed.Dockerfile new.Dockerfile | findings | wc -l)"
[ "$all" = 6 ] || fail "without --diff-base: $all findings, expected 6"

# From a subdirectory: paths are compared relative to the repository root.
got="$(cd svc && "$dockml" check --no-config --select DL3007 --format gnu --diff-base HEAD~1 Dockerfile | findings)"
[ "$got" = "Dockerfile:2 DL3007" ] || fail "--diff-base from svc/: $got"

# --diff-file with a patch file and with stdin.
git diff "$base" HEAD > "$work/pr.patch"
got="$("$dockml" check --no-config --select DL3007 --format gnu --diff-file "$work/pr.patch" \
  svc/Dockerfile renamed.Dockerfile new.Dockerfile | findings)"
[ "$got" = "$expected" ] || fail "--diff-file reported:
$got"
got="$(git diff --unified=0 "$base" HEAD | "$dockml" check --no-config --select DL3007 --format gnu \
  --diff-file - svc/Dockerfile renamed.Dockerfile new.Dockerfile | findings)"
[ "$got" = "$expected" ] || fail "--diff-file - reported:
$got"

# Nothing changed since HEAD: nothing reported, exit 0.
out="$("$dockml" check --no-config --select DL3007 --format gnu --diff-base HEAD svc/Dockerfile)"
rc=$?
[ "$rc" = 0 ] && [ -z "$out" ] || fail "--diff-base HEAD: exit $rc, output: $out"

# Unknown revision: exit 2, one line naming it.
err="$("$dockml" check --no-config --diff-base no-such-rev svc/Dockerfile 2>&1 >/dev/null)"
rc=$?
[ "$rc" = 2 ] || fail "unknown revision: exit $rc"
[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "unknown revision: not one line: $err"
case "$err" in *"--diff-base no-such-rev: unknown revision"*) ;; *) fail "unknown revision message: $err" ;; esac

# Missing patch file: exit 2.
"$dockml" check --no-config --diff-file "$work/missing.patch" svc/Dockerfile >/dev/null 2>&1
[ $? = 2 ] || fail "missing --diff-file did not exit 2"
echo "diff_mode_test: OK"
