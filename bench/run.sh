#!/usr/bin/env bash
# bench/run.sh (`make bench`): dockml against the peer Dockerfile linters, side by side, on
# this machine, over every Dockerfile of ../shared/corpus.
#   (a) one process per file (as pre-commit calls linters): median wall time per file
#   (b) one process over the whole corpus: files/s and MB/s (dockml with --jobs 1 and 2)
#   (c) peak RSS (GNU time's %M) of the whole-corpus run
#   (d) linearity: a 10x corpus (every file 10 times) and 10x longer files (dockml --jobs 1)
# The peers (bench/peers/package.json + package-lock.json: tally, dockerfile-utils,
# dockerfilelint) are installed with `npm ci` into a cache outside the repository.
# hadolint is neither a Debian bookworm package nor an npm package, so it is not compared.
#
# Environment: BENCH_CACHE (default ~/.cache/dockml-bench), BENCH_BUILD (release build
# directory, default build-bench-rel), BENCH_CORPUS (default ../shared/corpus),
# BENCH_PEER_SAMPLE (per-file runs of the peers on every k-th file only; default 8;
# 1 = every file; dockml always runs on every file), BENCH_REPEAT (whole-corpus repetitions, median kept; default 3),
# BENCH_OUT (markdown report; default $BENCH_CACHE/results.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${BENCH_CACHE:-$HOME/.cache/dockml-bench}
BUILD=${BENCH_BUILD:-$ROOT/build-bench-rel}
CORPUS_SRC=${BENCH_CORPUS:-$ROOT/../shared/corpus}
PEER_SAMPLE=${BENCH_PEER_SAMPLE:-8}
REPEAT=${BENCH_REPEAT:-3}
OUT=${BENCH_OUT:-$CACHE/results.md}

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 2; }

[ -f "$CORPUS_SRC/MANIFEST.tsv" ] || die "no corpus at $CORPUS_SRC (set BENCH_CORPUS)"
[ -x /usr/bin/time ] || die "GNU time (/usr/bin/time) is needed for peak RSS: apt-get install time"
command -v npm >/dev/null || die "npm is needed to install the peers"
mkdir -p "$CACHE"
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

# --- release build of dockml -------------------------------------------------------------
log "release build in $BUILD"
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD" --target dockml >/dev/null
DOCKML=$BUILD/dockml

# --- peers, pinned, installed outside the repository --------------------------------------
PEERS=$CACHE/peers
mkdir -p "$PEERS"
if ! cmp -s "$ROOT/bench/peers/package-lock.json" "$PEERS/package-lock.json" ||
   [ ! -f "$PEERS/node_modules/.package-lock.json" ]; then
  log "installing peers into $PEERS"
  cp "$ROOT/bench/peers/package.json" "$ROOT/bench/peers/package-lock.json" "$PEERS/"
  (cd "$PEERS" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi
TALLY=$PEERS/node_modules/@wharflab/tally-linux-x64/bin/tally
DFUTILS=$PEERS/node_modules/.bin/dockerfile-utils
DFLINT=$PEERS/node_modules/.bin/dockerfilelint
for t in "$TALLY" "$DFUTILS" "$DFLINT"; do [ -x "$t" ] || die "peer missing: $t"; done

# --- corpora: every Dockerfile of the manifest, named NNNN.Dockerfile (tally and dockml
# only discover Dockerfile-like names; the corpus keeps flattened original paths) ----------
C1=$CACHE/corpus-1x
C10=$CACHE/corpus-10x
CLONG=$CACHE/corpus-long
STAMP=$CACHE/corpus.stamp
if [ ! -f "$STAMP" ] || [ "$CORPUS_SRC/MANIFEST.tsv" -nt "$STAMP" ]; then
  log "copying the corpus into $CACHE"
  rm -rf "$C1" "$C10" "$CLONG"
  mkdir -p "$C1" "$C10" "$CLONG"
  n=0
  while IFS=$'\t' read -r path _ _ _ _ _ _ kind _; do
    case $kind in dockerfile*) ;; *) continue ;; esac
    n=$((n + 1))
    name=$(printf '%04d.Dockerfile' "$n")
    cp "$CORPUS_SRC/$path" "$C1/$name"
    for k in 0 1 2 3 4 5 6 7 8 9; do cp "$C1/$name" "$C10/$k-$name"; done
    for _ in 0 1 2 3 4 5 6 7 8 9; do cat "$C1/$name"; printf '\n'; done >"$CLONG/$name"
  done < <(tail -n +2 "$CORPUS_SRC/MANIFEST.tsv")
  touch "$STAMP"
fi
mapfile -t FILES < <(find "$C1" -type f -name '*.Dockerfile' | sort)
NFILES=${#FILES[@]}
BYTES=$(cat "${FILES[@]}" | wc -c)
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.2f", b / 1e6 }')
log "$NFILES Dockerfiles, $MB MB"

# --- timing helpers ----------------------------------------------------------------------
now_us() { local t=${EPOCHREALTIME/./}; printf '%s' "$((10#$t))"; }

# run_ok CMD...: runs a linter, output discarded. Exit codes below 126 are success (findings;
# dockerfilelint exits with the number of issues); 126 and above (cannot run, signal) are not.
run_ok() {
  local rc=0
  "$@" >/dev/null 2>&1 || rc=$?
  [ "$rc" -lt 126 ] || { printf 'bench: %s exited %s\n' "$*" "$rc" >&2; return 1; }
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print 0; exit } m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }

# per_file NAME STEP CMD...: one process per file (every STEP-th file); prints median ms.
per_file() {
  local name=$1 step=$2; shift 2
  local i=0 t0 t1 f
  local times=()
  for f in "${FILES[@]}"; do
    i=$((i + 1))
    [ $(((i - 1) % step)) -eq 0 ] || continue
    t0=$(now_us); run_ok "$@" "$f" || true; t1=$(now_us)
    times+=("$((t1 - t0))")
  done
  log "$name: ${#times[@]} per-file runs"
  printf '%s\n' "${times[@]}" | median | awk '{ printf "%.1f", $1 / 1000 }'
}

# whole NAME CMD...: the whole corpus in one process, REPEAT times; sets WALL (s) and RSS (MB).
whole() {
  local name=$1; shift
  local r t0 t1 walls=() rss=0 m
  for ((r = 0; r < REPEAT; r++)); do
    t0=$(now_us)
    /usr/bin/time -f '%M' -o "$CACHE/time.out" "$@" >/dev/null 2>"$CACHE/stderr.out" || true
    t1=$(now_us)
    walls+=("$((t1 - t0))")
    m=$(tail -n 1 "$CACHE/time.out")
    [ "$m" -gt "$rss" ] && rss=$m
  done
  WALL=$(printf '%s\n' "${walls[@]}" | median | awk '{ printf "%.3f", $1 / 1e6 }')
  RSS=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
  log "$name: whole corpus ${WALL}s, peak RSS ${RSS} MB"
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "-" }'; }

# --- (a) one process per file --------------------------------------------------------------
log "(a) one process per file"
PF_DOCKML=$(per_file dockml 1 "$DOCKML" check --no-config --format json --jobs 1)
PF_TALLY=$(per_file tally "$PEER_SAMPLE" "$TALLY" lint --no-config --slow-checks=off --format json)
PF_DFUTILS=$(per_file dockerfile-utils "$PEER_SAMPLE" "$DFUTILS" lint --json)
PF_DFLINT=$(per_file dockerfilelint "$PEER_SAMPLE" "$DFLINT" -j)

# --- (b)+(c) one process over the whole corpus ----------------------------------------------
log "(b) one process over the whole corpus"
whole "dockml --jobs 1" "$DOCKML" check --no-config --format json --jobs 1 "$C1"
W_D1=$WALL R_D1=$RSS
whole "dockml --jobs 2" "$DOCKML" check --no-config --format json --jobs 2 "$C1"
W_D2=$WALL R_D2=$RSS
whole tally "$TALLY" lint --no-config --slow-checks=off --format json "$C1"
W_T=$WALL R_T=$RSS
whole dockerfilelint "$DFLINT" -j "${FILES[@]}"
W_L=$WALL R_L=$RSS

# --- (d) linearity ---------------------------------------------------------------------------
log "(d) linearity"
whole "dockml --jobs 1, 10x files" "$DOCKML" check --no-config --format json --jobs 1 "$C10"
W_D10=$WALL
whole "dockml --jobs 1, 10x longer files" "$DOCKML" check --no-config --format json --jobs 1 "$CLONG"
W_DLONG=$WALL
whole "tally, 10x files" "$TALLY" lint --no-config --slow-checks=off --format json "$C10"
W_T10=$WALL

# --- report --------------------------------------------------------------------------------
{
  printf '# dockml benchmark\n\n'
  printf -- '- date: %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf -- '- machine: %s, %s cores, %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    "$(nproc)" "$(uname -sr)"
  printf -- '- load average before / after: %s / %s\n' "$LOAD0" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf -- '- dockml %s (%s, Release); tally %s; dockerfile-utils %s; dockerfilelint %s\n' \
    "$("$DOCKML" --version | awk '{ print $2 }')" "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" \
    "$("$TALLY" --version | awk '{ print $3 }')" \
    "$(node -p "require('$PEERS/node_modules/dockerfile-utils/package.json').version")" \
    "$(node -p "require('$PEERS/node_modules/dockerfilelint/package.json').version")"
  printf -- '- corpus: %s Dockerfiles, %s MB; per-file runs of the peers on every %s. file (dockml: every file)\n\n' \
    "$NFILES" "$MB" "$PEER_SAMPLE"
  printf '| tool | (a) per-file median ms | (b) whole corpus s | files/s | MB/s | (c) peak RSS MB |\n'
  printf '|---|---:|---:|---:|---:|---:|\n'
  printf '| dockml --jobs 1 | %s | %s | %s | %s | %s |\n' "$PF_DOCKML" "$W_D1" "$(rate "$NFILES" "$W_D1")" \
    "$(awk -v m="$MB" -v s="$W_D1" 'BEGIN { printf "%.1f", m / s }')" "$R_D1"
  printf '| dockml --jobs 2 | | %s | %s | %s | %s |\n' "$W_D2" "$(rate "$NFILES" "$W_D2")" \
    "$(awk -v m="$MB" -v s="$W_D2" 'BEGIN { printf "%.1f", m / s }')" "$R_D2"
  printf '| tally | %s | %s | %s | %s | %s |\n' "$PF_TALLY" "$W_T" "$(rate "$NFILES" "$W_T")" \
    "$(awk -v m="$MB" -v s="$W_T" 'BEGIN { printf "%.1f", m / s }')" "$R_T"
  printf '| dockerfile-utils | %s | n/a (one file per process) | | | |\n' "$PF_DFUTILS"
  printf '| dockerfilelint | %s | %s | %s | %s | %s |\n\n' "$PF_DFLINT" "$W_L" "$(rate "$NFILES" "$W_L")" \
    "$(awk -v m="$MB" -v s="$W_L" 'BEGIN { printf "%.1f", m / s }')" "$R_L"
  printf '| ratio (peer / dockml) | per-file | whole corpus (vs dockml --jobs 2) | peak RSS |\n'
  printf '|---|---:|---:|---:|\n'
  printf '| tally | %s | %s | %s |\n' "$(ratio "$PF_DOCKML" "$PF_TALLY")" "$(ratio "$W_D2" "$W_T")" "$(ratio "$R_D2" "$R_T")"
  printf '| dockerfile-utils | %s | | |\n' "$(ratio "$PF_DOCKML" "$PF_DFUTILS")"
  printf '| dockerfilelint | %s | %s | %s |\n\n' "$(ratio "$PF_DOCKML" "$PF_DFLINT")" "$(ratio "$W_D2" "$W_L")" "$(ratio "$R_D2" "$R_L")"
  printf -- '- dockml --jobs 2 speed-up over --jobs 1: %sx\n' "$(ratio "$W_D2" "$W_D1")"
  printf -- '- (d) dockml --jobs 1: 10x files %ss (%sx the time), 10x longer files %ss (%sx); tally 10x files %ss (%sx)\n' \
    "$W_D10" "$(ratio "$W_D1" "$W_D10")" "$W_DLONG" "$(ratio "$W_D1" "$W_DLONG")" "$W_T10" "$(ratio "$W_T" "$W_T10")"
} >"$OUT"
cat "$OUT"
log "report written to $OUT"
