#!/usr/bin/env bash
# Runs the event store's append load driver (ror_append_bench) and RocksDB's own db_bench
# (fillrandom) one after the other on the same disk, with the same number of threads, the same
# batch size, the same sync setting and the stored envelope's size as db_bench's value size, and
# prints both results and the ratio ours/db_bench (events/s against keys/s; target >= 0.7).
#
#   bench/run_append.sh [--build DIR] [--dir DIR] [--threads 32] [--duration 10] [--warmup 2]
#                       [--batch-size 1] [--sync 1] [--rounds 1] [--keep]
#
# --dir is where both databases are created (default: a fresh directory under ${TMPDIR:-/tmp});
# each round uses new sub-directories, removed at the end unless --keep.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${ROR_BUILD:-$repo/build}"
dir=""
threads=32
duration=10
warmup=2
batch=1
sync=1
rounds=1
keep=0

usage() { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --batch-size) batch="$2"; shift 2 ;;
    --sync) sync="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
case "$sync" in 0|1) ;; *) echo "--sync: must be 0 or 1 (got $sync)" >&2; exit 2 ;; esac

ours="$build/bench/ror_append_bench"
if [[ ! -x "$ours" ]]; then
  echo "$ours not found: build it with  ninja -C $build ror_append_bench" >&2
  exit 1
fi
db_bench="$(command -v db_bench || command -v rocksdb_db_bench || true)"
if [[ -z "$db_bench" ]] && command -v dpkg >/dev/null; then
  db_bench="$(dpkg -L rocksdb-tools 2>/dev/null | grep -E '/(rocksdb_)?db_bench$' | head -n1 || true)"
fi
if [[ -z "$db_bench" || ! -x "$db_bench" ]]; then
  echo "db_bench not found: apt-get install rocksdb-tools" >&2
  exit 1
fi

if [[ -z "$dir" ]]; then
  base="$(mktemp -d "${TMPDIR:-/tmp}/ror-run-append-XXXXXX")"
  remove_base=1
else
  mkdir -p "$dir"
  base="$(mktemp -d "$dir/run-append-XXXXXX")"
  remove_base=1
fi
[[ "$keep" == 1 ]] && remove_base=0
cleanup() { if [[ "$remove_base" == 1 ]]; then rm -rf "$base"; fi; }
trap cleanup EXIT

# CPU seconds used so far by the whole machine (from /proc/stat) and by this shell's children.
machine_cpu() { awk '/^cpu /{print ($2+$3+$4+$7+$8+$9)/100; exit}' /proc/stat; }
# `times` must run in this shell, not in a $(...) subshell, to see this shell's children.
children_cpu() {
  times >"$base/times"
  cpu_children=$(tail -n1 "$base/times" |
    awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } print t }')
}
# Runs a command with stdout and stderr in $base/out, then sets `others` to the CPU (in cores,
# averaged over the run) that other processes of the machine used meanwhile: figures taken
# while others compile are not comparable.
run_measured() {
  local m0 c0 t0 m1 c1 t1
  m0=$(machine_cpu); children_cpu; c0=$cpu_children; t0=$(date +%s.%N)
  "$@" >"$base/out" 2>&1 || { cat "$base/out" >&2; return 1; }
  m1=$(machine_cpu); children_cpu; c1=$cpu_children; t1=$(date +%s.%N)
  others=$(awk -v m="$m1" -v n="$m0" -v c="$c1" -v d="$c0" -v t="$t1" -v u="$t0" \
    'BEGIN { o = ((m - n) - (c - d)) / (t - u); printf "%.2f", (o < 0 ? 0 : o) }')
}

# Value of a numeric or boolean key in a one-line JSON object.
json_get() { sed -E -n "s/.*\"$1\":([^,}]*).*/\1/p" <<<"$2"; }

sync_flag=$([[ "$sync" == 1 ]] && echo true || echo false)
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "disk:    $(df --output=source,fstype "$base" | tail -n1 | tr -s ' ') (data under $base)"
echo "rocksdb: $("$db_bench" --version 2>/dev/null | head -n1 || echo unknown) ($db_bench)"

for ((round = 1; round <= rounds; round++)); do
  echo "--- round $round/$rounds, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  cmd=("$ours" --threads="$threads" --duration="${duration}s" --warmup="${warmup}s"
       --sync="$sync_flag" --batch_size="$batch" --dir="$base/ror-$round")
  echo "ours:     ${cmd[*]}"
  run_measured "${cmd[@]}"
  line="$(grep -m1 '^{' "$base/out")"
  ours_others="$others"
  echo "          $line"
  echo "          other processes used $ours_others cores meanwhile"
  ours_eps="$(json_get events_per_s "$line")"
  ours_p50="$(json_get p50_ms "$line")"
  ours_p99="$(json_get p99_ms "$line")"
  value_size="$(json_get envelope_bytes "$line")"
  [[ -n "$value_size" && "$value_size" != 0 ]] || value_size=200

  cmd=("$db_bench" --benchmarks=fillrandom --sync="$sync" --threads="$threads"
       --batch_size="$batch" --duration="$duration" --key_size=16 --value_size="$value_size"
       --histogram=1 --db="$base/db_bench-$round")
  echo "db_bench: ${cmd[*]}"
  run_measured "${cmd[@]}"
  out="$(cat "$base/out")"
  result="$(grep -E '^fillrandom +:' <<<"$out" | head -n1)"
  percentiles="$(grep -m1 '^Percentiles:' <<<"$out" || true)"
  echo "          $result"
  echo "          $percentiles (micros per Write)"
  echo "          other processes used $others cores meanwhile"
  db_ops="$(sed -E -n 's/.* ([0-9.]+) ops\/sec.*/\1/p' <<<"$result")"
  if [[ -z "$db_ops" ]]; then
    echo "cannot read db_bench's ops/sec; its output was:" >&2
    echo "$out" >&2
    exit 1
  fi
  db_p50="$(sed -E -n 's/.*P50: ([0-9.]+).*/\1/p' <<<"$percentiles")"
  db_p99="$(sed -E -n 's/.*P99: ([0-9.]+).*/\1/p' <<<"$percentiles")"
  awk -v e="$ours_eps" -v p50="$ours_p50" -v p99="$ours_p99" -v d="$db_ops" \
      -v dp50="${db_p50:-0}" -v dp99="${db_p99:-0}" -v t="$threads" -v b="$batch" -v s="$sync" \
      -v oo="$ours_others" -v od="$others" \
      'BEGIN {
         printf "result:   threads=%d batch=%d sync=%d  ours %.0f events/s (p50 %.2f ms, p99 %.2f ms)  db_bench %.0f keys/s (p50 %.2f ms, p99 %.2f ms)  ratio %.2f (target >= 0.70: %s)  other load %s/%s cores\n",
                t, b, s, e, p50, p99, d, dp50 / 1000, dp99 / 1000, e / d, (e / d >= 0.7 ? "met" : "missed"), oo, od
       }'
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
