#!/usr/bin/env bash
# FINESS import throughput: an etalab extract of N establishments made from the real sample by
# replication (new FINESS numbers), imported with `rorctl import finess` into a fresh offre service
# (RocksDB, synced appends, relay to a devbroker), then imported again (everything unchanged).
#   bench/run_import.sh [--count 100000] [--parallel 8] [--batch 200]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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

# shellcheck source=bench/platform.sh
. "$repo/bench/platform.sh"
"$build/libs/finess/ror-finess-replicate" --source="$sample" --count="$count" --output="$tmp/extract.txt"
start_offre_platform ror.etablissement.events.v1:32

for pass in first second; do
  start=$(date +%s.%N)
  summary="$("$build/tools/rorctl/rorctl" import finess "$tmp/extract.txt" \
    --offre "127.0.0.1:$offre_port" --token_file "$token_file" --parallel "$parallel" \
    --batch "$batch" 2>"$tmp/rejected.log")"
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print(f'$pass import of $count: {s:.1f} s, {int(sys.argv[3])/s:,.0f} establishments/s -- $summary')" \
    "$start" "$end" "$count"
done
