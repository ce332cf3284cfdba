#!/usr/bin/env bash
# fuzz/run.sh (`make fuzz`): builds the libFuzzer targets (clang, ASan + UBSan) in a build
# directory of their own, seeds each from ../shared/corpus and ../shared/conformance (copied
# at run time, never committed) and runs every target for FUZZ_SECONDS, niced.
# A crash stops that target, leaves its input in $FUZZ_BUILD/artifacts/<target>/ and makes
# the script exit 1 at the end; keep such inputs as tests/fuzz_regressions/<target>/<name>
# (replayed by ctest) once fixed.
# Environment: FUZZ_BUILD (default build-fuzz), FUZZ_SECONDS (per target, default 60),
# FUZZ_TARGETS (space-separated names, default all), FUZZ_SHARED (default ../shared),
# FUZZ_JOBS (parallel compile jobs, default nproc; ninja alone would run nproc+2).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${FUZZ_BUILD:-$ROOT/build-fuzz}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
SHARED=${FUZZ_SHARED:-$ROOT/../shared}

command -v clang++ >/dev/null || { echo "fuzz: clang++ is needed (apt-get install clang)" >&2; exit 2; }
if [ ! -f "$BUILD/build.ninja" ]; then
  # -O1 with line tables only: the usual fuzzing build, much faster to compile than -O2 -g.
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Fuzz \
    -DCMAKE_C_FLAGS="-O1 -gline-tables-only" -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DDOCKML_FUZZ=ON >/dev/null
fi
nice -n 10 cmake --build "$BUILD" --target fuzz_targets -j "${FUZZ_JOBS:-$(nproc)}"

all_targets() {
  local f
  for f in "$ROOT"/fuzz/*_fuzz.cpp; do basename "$f" .cpp; done
}
read -r -a TARGETS <<<"${FUZZ_TARGETS:-$(all_targets | tr '\n' ' ')}"

# seed DIR FIND-ARGS...: copies matching files of the shared corpora into DIR.
seed() {
  local dir=$1; shift
  mkdir -p "$dir"
  [ -d "$SHARED" ] || return 0
  find "$SHARED/corpus" "$SHARED/conformance" -type f "$@" -size -64k -print0 |
    xargs -0 -r cp -t "$dir" --backup=numbered 2>/dev/null || true
}

dockerfiles=(\( -name '*Dockerfile*' -o -name '*.dockerfile' -o -name 'Containerfile' \))
seeds_for() {
  local target=$1 dir=$2
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return 0
  case $target in
    requirements_fuzz) seed "$dir" \( -name '*.txt' -o -name '*.yml' -o -name '*.yaml' \) ;;
    yaml_fuzz) seed "$dir" \( -name '*.yml' -o -name '*.yaml' \) ;;
    lsp_framing_fuzz)
      mkdir -p "$dir"
      printf 'Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize"}     ' >"$dir/initialize"
      printf 'content-length: 2\n\n{}Content-Length: 3\r\nContent-Type: x\r\n\r\n[1]' >"$dir/two" ;;
    *) seed "$dir" "${dockerfiles[@]}" ;;
  esac
}

failed=()
for t in "${TARGETS[@]}"; do
  corpus=$BUILD/corpus/$t
  artifacts=$BUILD/artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  seeds_for "$t" "$corpus"
  max_len=65536
  case $t in expand_fuzz | lsp_framing_fuzz) max_len=4096 ;; fix_fuzz) max_len=16384 ;; esac
  echo "== $t: ${SECONDS_PER_TARGET}s, corpus $(find "$corpus" -type f | wc -l) files"
  if ! nice -n 19 "$BUILD/fuzz/$t" "$corpus" -max_total_time="$SECONDS_PER_TARGET" \
      -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" >"$BUILD/$t.log" 2>&1; then
    failed+=("$t")
    echo "   CRASH: see $BUILD/$t.log and $artifacts/" >&2
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$BUILD/$t.log" | sed 's/^/   /' || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: ${#TARGETS[@]} targets ran ${SECONDS_PER_TARGET}s each without a crash"
