#!/usr/bin/env bash
# Offre commands and reads over gRPC against a fresh ror-offre (RocksDB, synced appends, relay to
# a devbroker): CreateOffre + SaveDraft + ValidateDraft from many clients, then GetOffre at a
# steady rate.   bench/run_offre_load.sh [--threads 32] [--seconds 10] [--get_rate 1000]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${ROR_BUILD:-$repo/build}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/ror-offre-load.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait; rm -rf "$tmp"; }
trap cleanup EXIT
read -r kafka_port offre_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
"$build/libs/bus/ror-devbroker" --port "$kafka_port" --topics ror.offre.events.v1:32 \
  2>"$tmp/devbroker.log" & pids+=($!)
"$build/tools/rorctl/rorctl" wait-kafka --bootstrap "127.0.0.1:$kafka_port" --timeout 20s 2>/dev/null
"$build/services/offre/ror-offre" --port "$offre_port" --metrics_port -1 --data_dir "$tmp/offre" \
  --kafka_bootstrap "127.0.0.1:$kafka_port" --log_level warn 2>"$tmp/offre.log" & pids+=($!)
"$build/tools/rorctl/rorctl" wait-healthy --addr "127.0.0.1:$offre_port" --timeout 30s 2>/dev/null
"$build/bench/ror_offre_load" --offre "127.0.0.1:$offre_port" "$@"
