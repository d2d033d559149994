# Sourced by the bench scripts: a devbroker and a fresh ror-offre on free loopback ports, in a
# temporary directory removed on exit.
#   start_offre_platform TOPICS   sets $tmp, $kafka_port, $offre_port
build="${ROR_BUILD:-$repo/build}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/ror-bench.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait; rm -rf "$tmp"; }
trap cleanup EXIT

start_offre_platform() {
  read -r kafka_port offre_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
  "$build/libs/bus/ror-devbroker" --port "$kafka_port" --topics "$1" \
    2>"$tmp/devbroker.log" & pids+=($!)
  "$build/tools/rorctl/rorctl" wait-kafka --bootstrap "127.0.0.1:$kafka_port" --timeout 20s \
    2>/dev/null
  "$build/services/offre/ror-offre" --port "$offre_port" --metrics_port -1 --data_dir "$tmp/offre" \
    --kafka_bootstrap "127.0.0.1:$kafka_port" --modeles_dir "$repo/services/offre/modeles" \
    --log_level warn 2>"$tmp/offre.log" & pids+=($!)
  "$build/tools/rorctl/rorctl" wait-healthy --addr "127.0.0.1:$offre_port" --timeout 30s \
    2>/dev/null
}
