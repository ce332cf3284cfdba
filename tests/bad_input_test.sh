#!/usr/bin/env bash
# Bad-input matrix, end to end: every case runs `dockml check --format json` on the bad
# input AND on a good Dockerfile (one DL3007 finding), under a time limit and with its peak
# RSS measured, and checks the exit code, a diagnostic or error line naming the bad file,
# and that the good file was still linted.
# Time is bounded in CPU seconds (ulimit -t), so a loaded machine does not fail the test;
# the wall-clock limit is 10 times that.
# Usage: tests/bad_input_test.sh DOCKML_BINARY [MAX_RSS_MB] [MAX_CPU_SECONDS]
set -u
dockml=$1
max_rss_mb=${2:-512}
max_seconds=${3:-60}
fail() { echo "bad_input_test: FAIL: $*" >&2; failures=$((failures + 1)); }
failures=0
[ -x "$dockml" ] || { echo "bad_input_test: $dockml is not executable" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bad_input_test: GNU time (/usr/bin/time) is needed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
mkdir good
printf 'FROM ubuntu:latest\n' >good/Dockerfile

# run NAME EXPECTED_EXIT PATH...: sets OUT (stdout), ERR (stderr), RC, RSS_MB, SECS.
run() {
  local name=$1 want=$2; shift 2
  local t0 t1
  t0=$(date +%s%N)
  : >"$work/rss"
  (ulimit -t "$max_seconds"
   exec timeout -s KILL "$((max_seconds * 10))" /usr/bin/time -f '%M' -o "$work/rss" \
     "$dockml" check --no-config --format json --jobs 2 "$@" good/Dockerfile \
     >"$work/out" 2>"$work/err" </dev/null)
  RC=$?
  t1=$(date +%s%N)
  OUT=$(cat "$work/out")
  ERR=$(grep -v '^Command exited with non-zero status' "$work/err")
  SECS=$(( (t1 - t0) / 1000000000 ))
  RSS_MB=$(( $(grep -E '^[0-9]+$' "$work/rss" | tail -n 1 || true)0 / 10240 ))
  case $RC in
    137 | 152) fail "$name: killed (over ${max_seconds} CPU seconds or $((max_seconds * 10))s)"; return ;;
  esac
  [ "$RC" -eq "$want" ] || fail "$name: exit code $RC, expected $want; stderr: $ERR"
  local limit=$((max_rss_mb * ${RSS_FACTOR:-1}))
  [ "$RSS_MB" -le "$limit" ] || fail "$name: peak RSS ${RSS_MB} MB > ${limit} MB"
  grep -q '"code": *"DL3007"' <<<"$OUT" || grep -q '"code":"DL3007"' <<<"$OUT" ||
    fail "$name: the good file was not linted (no DL3007 in the output)"
  echo "ran: $name (exit $RC, ${SECS}s, ${RSS_MB} MB)"
}

# expect_json NAME FILE CODE MESSAGE-SUBSTRING: a diagnostic of FILE with CODE and message.
expect_json() {
  python3 -c '
import json, sys
out, file, code, msg = sys.argv[1:]
diags = json.load(open(out))
sys.exit(0 if any(d["file"] == file and d["code"] == code and msg in d["message"] for d in diags) else 1)
' "$work/out" "$2" "$3" "$4" || fail "$1: no $3 '$4' diagnostic for $2 in: ${OUT:0:600}"
}

# expect_err NAME TEXT: stderr has a line naming the bad input.
expect_err() {
  grep -qF -- "$2" <<<"$ERR" || fail "$1: stderr lacks '$2': $ERR"
}

mkdir cases
# 1. Empty file and 2. only comments: BuildKit rejects a file without instructions.
: >cases/empty.Dockerfile
run empty 1 cases/empty.Dockerfile
expect_json empty cases/empty.Dockerfile DF001 "file with no instructions"
printf '# syntax=docker/dockerfile:1\n# just a comment\n\n   # another\n' >cases/comments.Dockerfile
run comments 1 cases/comments.Dockerfile
expect_json comments cases/comments.Dockerfile DF001 "file with no instructions"

# 3. Binary (NUL bytes) and 4. invalid UTF-8: one DF001, not analysed further.
printf 'FROM ubuntu:22.04\nRUN echo \000\000\001\n' >cases/nul.Dockerfile
run nul 1 cases/nul.Dockerfile
expect_json nul cases/nul.Dockerfile DF001 "NUL byte at byte offset 27"
printf 'FROM ubuntu:22.04\nRUN echo \xff\xfe caf\xc3\n' >cases/utf8.Dockerfile
run invalid-utf8 1 cases/utf8.Dockerfile
expect_json invalid-utf8 cases/utf8.Dockerfile DF001 "invalid UTF-8"

# 5. A 100 MB file: over the 64 MiB limit, refused with an error naming it (exit 2).
yes 'RUN echo 0123456789abcdef0123456789abcdef0123456789abcdef' | head -c 100000000 >cases/huge.Dockerfile
run 100MB 2 cases/huge.Dockerfile
expect_err 100MB "dockml: cases/huge.Dockerfile: file is 95 MiB, larger than the 64 MiB limit; skipped"

# 6. 1,000,000 lines (8 MB): one million instructions, linted in bounded time and memory
# (about 840 bytes of memory per instruction: allowed 3x the usual limit), and a million
# comment lines.
{ echo 'FROM ubuntu:latest'; yes 'ENV A=1' | head -n 999999; } >cases/million.Dockerfile
RSS_FACTOR=3 run million-lines 1 cases/million.Dockerfile
expect_json million-lines cases/million.Dockerfile DL3007 "ubuntu:latest"
{ echo 'FROM ubuntu:latest'; yes '# a comment' | head -n 999998; echo 'RUN true'; } >cases/comments-million.Dockerfile
run million-comments 1 cases/comments-million.Dockerfile
expect_json million-comments cases/comments-million.Dockerfile DL3007 "ubuntu:latest"

# 7. 10,000-level nested $(...) in a RUN: on one line the line is over BuildKit's 64 KiB
# limit (DF001); over continuation lines it is valid shell, linted without a finding.
{
  echo 'FROM ubuntu:22.04'
  printf 'RUN echo '
  # shellcheck disable=SC2016 # a literal $(
  for _ in $(seq 10000); do printf '$(echo '; done
  printf 'x'
  for _ in $(seq 10000); do printf ')'; done
  echo
} >cases/nested.Dockerfile
run nested-subshells 1 cases/nested.Dockerfile
expect_json nested-subshells cases/nested.Dockerfile DF001 \
  "dockerfile line greater than max allowed size of 65535: this line has 80010 bytes"
# shellcheck disable=SC1003,SC2016 # literal backslashes and $(
{
  echo 'FROM ubuntu:latest'
  echo 'RUN echo \'
  for _ in $(seq 10000); do echo '$(echo \'; done
  echo 'x\'
  for _ in $(seq 10000); do printf ')'; done
  echo
} >cases/nested-lines.Dockerfile
run nested-subshells-lines 1 cases/nested-lines.Dockerfile
expect_json nested-subshells-lines cases/nested-lines.Dockerfile DL3007 "ubuntu:latest"

# 8. Unterminated heredoc, JSON array and quote.
printf 'FROM ubuntu:22.04\nRUN <<EOF\necho hi\n' >cases/heredoc.Dockerfile
run unterminated-heredoc 1 cases/heredoc.Dockerfile
expect_json unterminated-heredoc cases/heredoc.Dockerfile DF001 "unterminated heredoc: expected a line \`EOF\` before the end of the file"
printf 'FROM ubuntu:22.04\nCMD ["python", "-c"\n' >cases/json.Dockerfile
run unterminated-json 1 cases/json.Dockerfile
expect_json unterminated-json cases/json.Dockerfile DL3025 "CMD in shell form runs under"
# An unterminated quote in RUN is a shell error at build time; no rule reports shell syntax
# errors yet, so only the run itself is checked (bounded, exit code, other files linted).
printf 'FROM ubuntu:latest\nRUN echo "abc\n' >cases/quote.Dockerfile
run unterminated-quote 1 cases/quote.Dockerfile
expect_json unterminated-quote cases/quote.Dockerfile DL3007 "ubuntu:latest"

# 9. Deeply nested YAML (a compose file 100,000 levels deep in flow style, 5,000 in block style).
mkdir yflow yblock
{
  printf 'services:\n  web:\n    image: x\n    x-deep: '
  for _ in $(seq 100000); do printf '['; done
  for _ in $(seq 100000); do printf ']'; done
  echo
} >yflow/docker-compose.yml
run deep-yaml-flow 1 yflow/docker-compose.yml
expect_json deep-yaml-flow yflow/docker-compose.yml DF001 "YAML nested deeper than 100 levels; the deeper part is ignored"
python3 -c '
out = ["services:", "  web:", "    image: x", "    x-deep:"]
out += ["  " * (i + 3) + "k:" for i in range(5000)]
print("\n".join(out))' >yblock/docker-compose.yml
run deep-yaml-block 1 yblock/docker-compose.yml
expect_json deep-yaml-block yblock/docker-compose.yml DF001 "YAML nested deeper than 100 levels; document skipped"

# 10. A FIFO and a device, named explicitly: a one-line error each, exit 2; a FIFO met while
# walking a directory is skipped with a notice (no hang either way).
mkdir fifo && mkfifo fifo/Dockerfile
run fifo-explicit 2 fifo/Dockerfile
expect_err fifo-explicit "dockml: fifo/Dockerfile: not a regular file (FIFO, socket or device); skipped"
run fifo-walk 1 fifo
expect_err fifo-walk "dockml: fifo/Dockerfile: not a regular file (FIFO, socket or device); skipped"
run device 2 /dev/zero
expect_err device "dockml: /dev/zero: not a regular file (FIFO, socket or device); skipped"

# 11. An unreadable file. As root permissions do not stop reading, so paths that fail
# differently stand in: a dangling symbolic link and a path through a regular file.
if [ "$(id -u)" != 0 ]; then
  printf 'FROM ubuntu:22.04\n' >cases/secret.Dockerfile && chmod 000 cases/secret.Dockerfile
  run unreadable 2 cases/secret.Dockerfile
  expect_err unreadable "dockml: cases/secret.Dockerfile: Permission denied"
else
  echo "note: running as root, chmod 000 does not make a file unreadable: testing a dangling symlink and ENOTDIR instead"
fi
mkdir dangling && ln -s /nonexistent/Dockerfile dangling/Dockerfile
run dangling-explicit 2 dangling/Dockerfile
expect_err dangling-explicit "dockml: dangling/Dockerfile: dangling symbolic link"
run dangling-walk 2 dangling
expect_err dangling-walk "dockml: dangling/Dockerfile: cannot read: No such file or directory"
run not-a-dir 2 good/Dockerfile/Dockerfile
expect_err not-a-dir "dockml: good/Dockerfile/Dockerfile: Not a directory"

# 12. A directory symlink loop: the walk ends and the file inside is linted once.
mkdir -p loop/a && printf 'FROM ubuntu:latest\n' >loop/a/Dockerfile
ln -s .. loop/a/up && ln -s ../a loop/a/self
run symlink-loop 1 loop
python3 -c '
import json, sys
files = [d["file"] for d in json.load(open(sys.argv[1])) if d["code"] == "DL3007"]
sys.exit(0 if sorted(files) == ["good/Dockerfile", "loop/a/Dockerfile"] else 1)
' "$work/out" || fail "symlink-loop: expected loop/a/Dockerfile once: ${OUT:0:600}"

if [ "$failures" -gt 0 ]; then
  echo "bad_input_test: $failures failure(s)" >&2
  exit 1
fi
echo "bad_input_test: all cases passed"
