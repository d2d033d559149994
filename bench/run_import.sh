#!/usr/bin/env bash
# FINESS import throughput: an etalab extract of N establishments made from the real sample by
# replication (new FINESS numbers), imported with `rorctl import finess` into a fresh offre service
# (RocksDB, synced appends, relay to a devbroker), then imported again (everything unchanged).
#   bench/run_import.sh [--count 100000] [--parallel 8] [--batch 200]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${ROR_BUILD:-$repo/build}"
sample="${ROR_FINESS_SAMPLE:-$repo/../shared/data/finess/finess_et_dept01_35.csv}"
count=100000 parallel=8 batch=200
while [ $# -gt 0 ]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    *) echo "usage: $0 [--count N] [--parallel P] [--batch B]" >&2; exit 2 ;;
  esac
done
[ -f "$sample" ] || { echo "FINESS sample absent: $sample" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ror-import-bench.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait; rm -rf "$tmp"; }
trap cleanup EXIT
read -r kafka_port offre_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')

"$build/libs/finess/ror-finess-replicate" --source="$sample" --count="$count" --output="$tmp/extract.txt"
"$build/libs/bus/ror-devbroker" --port "$kafka_port" --topics ror.etablissement.events.v1:32 \
  2>"$tmp/devbroker.log" & pids+=($!)
"$build/tools/rorctl/rorctl" wait-kafka --bootstrap "127.0.0.1:$kafka_port" --timeout 20s 2>/dev/null
"$build/services/offre/ror-offre" --port "$offre_port" --metrics_port -1 --data_dir "$tmp/offre" \
  --kafka_bootstrap "127.0.0.1:$kafka_port" --log_level warn 2>"$tmp/offre.log" & pids+=($!)
"$build/tools/rorctl/rorctl" wait-healthy --addr "127.0.0.1:$offre_port" --timeout 30s 2>/dev/null

for pass in first second; do
  start=$(date +%s.%N)
  summary="$("$build/tools/rorctl/rorctl" import finess "$tmp/extract.txt" \
    --offre "127.0.0.1:$offre_port" --parallel "$parallel" --batch "$batch" 2>"$tmp/rejected.log")"
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$pass import of $count: {s:.1f} s, {int(sys.argv[3])/s:,.0f} establishments/s -- $summary')" \
    "$start" "$end" "$count"
done
