#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with Debian's pre-commit, offline: a temporary hooks
# repository holding this source tree's .pre-commit-hooks.yaml is run with `pre-commit try-repo`
# against a temporary project. A bad Dockerfile makes the `dockml` hook fail and print the
# diagnostic; a good one passes; Containerfile is linted when the user's `files:` adds it.
# Usage: tests/precommit_test.sh SOURCE_DIR DOCKML_BINARY
set -u
src="$1"
dockml="$2"
fail() { echo "precommit_test: FAIL: $*" >&2; exit 1; }
command -v pre-commit >/dev/null || fail "pre-commit is not installed (apt-get install pre-commit)"
command -v git >/dev/null || fail "git is not installed"
[ -x "$dockml" ] || fail "$dockml is not executable"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" PRE_COMMIT_HOME="$work/cache" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
mkdir -p "$HOME" "$work/bin"
ln -s "$(cd "$(dirname "$dockml")" && pwd)/$(basename "$dockml")" "$work/bin/dockml"
export PATH="$work/bin:$PATH"
# pre-commit runs under Debian's python; keep a pyenv/virtualenv python out of its way.
unset PYTHONPATH VIRTUAL_ENV

# The hooks repository: just the hooks file, committed.
hooks="$work/hooks"
mkdir -p "$hooks"
cp "$src/.pre-commit-hooks.yaml" "$hooks/"
if ! { git -C "$hooks" init -q && git -C "$hooks" add .pre-commit-hooks.yaml &&
       git -C "$hooks" commit -q -m hooks; }; then
  fail "cannot create the hooks repository"
fi

project="$work/project"
mkdir -p "$project"
git -C "$project" init -q || fail "git init"
cd "$project" || fail "cd $project"


try() {  # try HOOK FILE...
  local hook="$1"
  shift
  git add -- "$@" >/dev/null 2>&1
  out="$(pre-commit try-repo "$hooks" "$hook" --files "$@" 2>&1)"
  rc=$?
}

# 1. A Dockerfile with an unknown instruction: the hook fails and shows DF001.
printf 'FRM ubuntu:22.04\nRUN echo hi\n' > Dockerfile
try dockml Dockerfile
echo "$out"
[ "$rc" -ne 0 ] || fail "the dockml hook passed on a bad Dockerfile"
echo "$out" | grep -q 'Dockerfile:1:1: error\[DF001\]: unknown instruction: FRM' \
  || fail "the hook output does not show the DF001 diagnostic"
echo "$out" | grep -Eq '^dockml \(Dockerfile linter for ML images\)\.+Failed$' \
  || fail "pre-commit did not report the hook as Failed"

# 2. A good Dockerfile: the hook passes.
printf 'FROM ubuntu:22.04\nRUN echo hi\n' > Dockerfile
try dockml Dockerfile
echo "$out"
[ "$rc" -eq 0 ] || fail "the dockml hook failed on a good Dockerfile"
echo "$out" | grep -Eq '^dockml \(Dockerfile linter for ML images\)\.+Passed$' \
  || fail "pre-commit did not report the hook as Passed"

# 3. Files the hook does not match (not tagged dockerfile) are skipped.
printf 'FRM x\n' > Containerfile
try dockml Containerfile
echo "$out"
[ "$rc" -eq 0 ] || fail "the dockml hook ran on Containerfile without files:/types: overrides"
echo "$out" | grep -Eq 'no files to check\)Skipped$' || fail "Containerfile was not skipped"

# 4. The requirement and Compose hooks pick their files (and run dockml on them).
printf 'torch==2.1.0\nnumpy<2\n' > requirements-dev.txt
cat > docker-compose.gpu.yml <<'YAML'
services:
  train:
    image: pytorch/pytorch:2.1.0-cuda12.1-cudnn8-runtime
    ipc: host
    deploy:
      resources:
        reservations:
          devices:
            - driver: nvidia
              count: 1
              capabilities: [gpu]
YAML
try dockml-requirements requirements-dev.txt docker-compose.gpu.yml
echo "$out"
echo "$out" | grep -Eq '^dockml \(requirement files\)\.+Passed$' || fail "dockml-requirements did not run"
try dockml-compose requirements-dev.txt docker-compose.gpu.yml
echo "$out"
echo "$out" | grep -Eq '^dockml \(Compose files\)\.+Passed$' || fail "dockml-compose did not run"
try dockml-compose requirements-dev.txt
echo "$out" | grep -Eq 'no files to check\)Skipped$' || fail "dockml-compose ran on a requirement file"
printf 'services:\n  train:\n    image: pytorch/pytorch:2.1.0-cuda12.1-cudnn8-runtime\n' > docker-compose.nogpu.yml
try dockml-compose docker-compose.nogpu.yml
echo "$out" | grep -Eq '^dockml \(Compose files\)\.+Failed$' || fail "dockml-compose passed a GPU image without a GPU request"
echo "$out" | grep -Fq "docker-compose.nogpu.yml:3:12: warning[ML206]: service 'train'" || fail "dockml-compose did not report ML206"

# 5. With the README's config (files: + types: [text]) Containerfile is linted.
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $(git -C "$hooks" rev-parse HEAD)
    hooks:
      - id: dockml
        files: (^|/)(Containerfile|Dockerfile)([.-][^/]*)?\$|\.[Dd]ockerfile\$
        types: [text]
YAML
git add .pre-commit-config.yaml Containerfile
out="$(pre-commit run --files Containerfile 2>&1)"
rc=$?
echo "$out"
[ "$rc" -ne 0 ] || fail "the configured hook passed on a bad Containerfile"
echo "$out" | grep -q 'Containerfile:1:1: error\[DF001\]' || fail "Containerfile was not linted"

echo "precommit_test: 5 passed, 0 failed"
