# Sourced by the bench scripts: a devbroker, a fresh ror-auth and a fresh ror-offre on free
# loopback ports, in a temporary directory removed on exit.
#   start_offre_platform TOPICS   sets $tmp, $kafka_port, $offre_port, $auth_port and
#                                 $token_file (a national administrateur's access token)
build="${ROR_BUILD:-$repo/build}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/ror-bench.XXXXXX")"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait; rm -rf "$tmp"; }
trap cleanup EXIT

start_offre_platform() {
  read -r kafka_port offre_port auth_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(3)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
  "$build/libs/bus/ror-devbroker" --port "$kafka_port" --topics "$1,ror.auth.events.v1:3" \
    2>"$tmp/devbroker.log" & pids+=($!)
  "$build/tools/rorctl/rorctl" wait-kafka --bootstrap "127.0.0.1:$kafka_port" --timeout 20s \
    2>/dev/null
  python3 -c 'import secrets; print("Bench-" + secrets.token_urlsafe(18) + "-9")' \
    >"$tmp/admin.password"
  "$build/services/auth/ror-auth" --port "$auth_port" --metrics_port -1 --data_dir "$tmp/auth" \
    --kafka_bootstrap "127.0.0.1:$kafka_port" --bootstrap_admin_email admin@bench.invalid \
    --bootstrap_admin_password_file "$tmp/admin.password" --log_level warn \
    2>"$tmp/auth.log" & pids+=($!)
  "$build/tools/rorctl/rorctl" wait-healthy --addr "127.0.0.1:$auth_port" \
    --service ror.v1.AuthService --timeout 30s 2>/dev/null
  token_file="$tmp/admin.token"
  "$build/tools/rorctl/rorctl" login --auth "127.0.0.1:$auth_port" --email admin@bench.invalid \
    --password_file "$tmp/admin.password" >"$token_file"
  "$build/services/offre/ror-offre" --port "$offre_port" --metrics_port -1 --data_dir "$tmp/offre" \
    --kafka_bootstrap "127.0.0.1:$kafka_port" --modeles_dir "$repo/services/offre/modeles" \
    --auth "127.0.0.1:$auth_port" --log_level warn 2>"$tmp/offre.log" & pids+=($!)
  "$build/tools/rorctl/rorctl" wait-healthy --addr "127.0.0.1:$offre_port" --timeout 30s \
    2>/dev/null
}
