#!/usr/bin/env bash
# End-to-end: the platform as `./ror up` starts it, driven from outside with rorctl, kcat, curl.
#   ROR_ROOT   the repository (default: this script's parent)
#   ROR_BUILD  a built tree with ror-devbroker, ror-offre and rorctl (ctest sets it)
set -euo pipefail

root="${ROR_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export ROR_BUILD="${ROR_BUILD:-$root/build}"
rorctl="$ROR_BUILD/tools/rorctl/rorctl"
for bin in "$rorctl" "$ROR_BUILD/services/offre/ror-offre" "$ROR_BUILD/services/auth/ror-auth" \
  "$ROR_BUILD/services/search/ror-search" "$ROR_BUILD/libs/bus/ror-devbroker" \
  "$ROR_BUILD/gateway/ror-gateway"; do
  [ -x "$bin" ] || { echo "FAIL: $bin is not built" >&2; exit 1; }
done
command -v kcat >/dev/null || { echo "FAIL: kcat is not installed" >&2; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ror-e2e.XXXXXX")"
# Six free loopback ports, chosen by the kernel (auth's and search's metrics ports are
# metrics_port + 3 and + 4).
read -r kafka_port offre_port metrics_port auth_port search_port gateway_port < <(python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(6)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
PY
)
export ROR_VAR="$tmp/var" ROR_KAFKA_PORT="$kafka_port" ROR_OFFRE_PORT="$offre_port"
export ROR_AUTH_PORT="$auth_port" ROR_SEARCH_PORT="$search_port" ROR_GATEWAY_PORT="$gateway_port"
export ROR_METRICS_PORT_BASE="$metrics_port" ROR_SKIP_BUILD=1
up_pid=""

log() { echo "e2e: $*" >&2; }
fail() {
  echo "FAIL: $*" >&2
  for f in "$tmp"/up*.log "$ROR_VAR"/log/*.log; do
    [ -e "$f" ] && { echo "---- $f (tail)" >&2; tail -n 30 "$f" >&2; }
  done
  exit 1
}
cleanup() {
  "$root/ror" down >/dev/null 2>&1 || true
  if [ -n "$up_pid" ]; then
    kill -TERM "$up_pid" 2>/dev/null || true
    wait "$up_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Starts `./ror up` in the background and waits until it says the platform is up.
up() {
  local out="$tmp/up$1.log"
  "$root/ror" up >"$out" 2>&1 &
  up_pid=$!
  for _ in $(seq 1 600); do
    grep -q "ROR is up" "$out" && return 0
    kill -0 "$up_pid" 2>/dev/null || fail "./ror up exited before the platform was up"
    sleep 0.2
  done
  fail "./ror up did not report the platform up within 120 s"
}

down() {
  "$root/ror" down || fail "./ror down failed"
  wait "$up_pid" 2>/dev/null || true
  up_pid=""
}

# Every record of ror.offre.events.v1 as kcat's JSON lines (waits for `want` records at least).
records() {
  local want="$1" out=""
  for _ in $(seq 1 60); do
    out="$(kcat -C -b "127.0.0.1:$kafka_port" -t ror.offre.events.v1 -J -e -o beginning -q 2>/dev/null || true)"
    [ "$(printf '%s' "$out" | grep -c '"topic"' || true)" -ge "$want" ] && break
    sleep 0.5
  done
  printf '%s\n' "$out"
}

# Checks the record of stream `offre-$1` and that the topic holds exactly `$2` distinct events.
check_record() {
  local id="$1" total="$2"
  records "$total" >"$tmp/records.json"
  python3 - "$id" "$total" "$tmp/records.json" <<'PY' || fail "Kafka record check failed"
import json, re, sys
offre_id, total, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
raw = open(path, "rb").read().decode("utf-8", "surrogateescape")
records = [json.loads(line) for line in raw.splitlines() if line.strip()]
def headers_of(record):
    flat = record.get("headers") or []
    return dict(zip(flat[0::2], flat[1::2]))
# Delivery is at least once: a record may come twice, an event (ce_id) is never written twice.
events = {headers_of(r).get("ce_id") for r in records}
if len(events) != total:
    sys.exit(f"expected {total} distinct events on ror.offre.events.v1, found {len(events)}")
stream = "offre-" + offre_id
mine = [r for r in records if r.get("key") == stream]
if len({headers_of(r).get("ce_id") for r in mine}) != 1:
    sys.exit(f"expected one event with key {stream}, found {len(mine)} records")
headers = headers_of(mine[0])
expect = {
    "ce_specversion": "1.0",
    "ce_source": "/ror/offre",
    "ce_type": "fr.ror.offre.OffreCreated.v1",
    "ce_subject": stream,
    "content-type": "application/protobuf",
    "ce_streamversion": "1",
}
for name, value in expect.items():
    if headers.get(name) != value:
        sys.exit(f"header {name}: expected {value!r}, got {headers.get(name)!r} in {headers}")
if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", headers.get("ce_id", "")):
    sys.exit(f"ce_id is not a UUIDv7: {headers.get('ce_id')!r}")
if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", headers.get("ce_time", "")):
    sys.exit(f"ce_time is not RFC 3339 UTC: {headers.get('ce_time')!r}")
if not re.fullmatch(r"00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}", headers.get("traceparent", "")):
    sys.exit(f"traceparent is not W3C: {headers.get('traceparent')!r}")
if "Cardiologie interventionnelle e2e" not in (mine[0].get("payload") or ""):
    sys.exit("the payload does not carry the offre's nom")
print(f"record {stream}: headers ok, {total} events on the topic")
PY
}

# A fresh access token of the administrateur `up` made (tokens live 5 minutes).
login() {
  "$rorctl" login --auth "127.0.0.1:$auth_port" --email admin@ror.localhost \
    --password_file "$ROR_VAR/auth/admin.password" >"$tmp/token" || fail "rorctl login failed"
}

log "starting the platform (var $ROR_VAR, kafka $kafka_port, offre $offre_port, auth $auth_port)"
up 1
login

if "$rorctl" create-offre --offre "127.0.0.1:$offre_port" --nom "HC anonyme" \
    --champ_activite 01 --finess_eg 350000741 --modele_saisie 149/01 2>"$tmp/anon.err"; then
  fail "an anonymous caller created an offre"
fi
grep -q "connexion requise" "$tmp/anon.err" || fail "anonymous write: $(cat "$tmp/anon.err")"

created="$("$rorctl" create-offre --offre "127.0.0.1:$offre_port" \
  --nom "HC Cardiologie interventionnelle e2e" --champ_activite 01 --finess_eg 350000741 \
  --modele_saisie 149/01 --request_id e2e-create-1 --token_file "$tmp/token")" \
  || fail "rorctl create-offre failed"
offre_id="$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["offreId"])')"
log "created offre $offre_id"

again="$("$rorctl" create-offre --offre "127.0.0.1:$offre_port" \
  --nom "HC Cardiologie interventionnelle e2e" --champ_activite 01 --finess_eg 350000741 \
  --modele_saisie 149/01 --request_id e2e-create-1 --token_file "$tmp/token")" \
  || fail "retrying rorctl create-offre failed"
[ "$again" = "$created" ] || fail "a retry with the same request_id returned another offre: $again"

if "$rorctl" create-offre --offre "127.0.0.1:$offre_port" --nom "" --champ_activite 99 \
    --finess_eg 1 --token_file "$tmp/token" 2>"$tmp/bad.err"; then
  fail "bad input was accepted"
fi
grep -q "champ_activite" "$tmp/bad.err" || fail "the error does not name the field: $(cat "$tmp/bad.err")"

# 7 demo offres created and validated by rorctl demo (14 events), 3 of them completed by a saved
# draft (the other 4 are complete as their modèle de saisie pre-fills them), + ours.
check_record "$offre_id" 18

metrics="$(curl -sf "http://127.0.0.1:$metrics_port/metrics")" || fail "metrics endpoint did not answer"
grep -q 'ror_grpc_server_handled_total{grpc_code="OK",grpc_method="CreateOffre",grpc_service="ror.v1.OffreService"}' \
  <<<"$metrics" || fail "no CreateOffre counter in the metrics"
grep -q '^ror_relay_lag_events{view="full"} ' <<<"$metrics" || fail "no relay lag gauge in the metrics"
grep -q '^ror_relay_lag_events{view="public"} ' <<<"$metrics" \
  || fail "no lag gauge for the public relay in the metrics"

# The search service indexed the demo from the bus: « urgences adultes » finds the demo's
# validated offre of that name.
search_urgences() {
  local out=""
  for _ in $(seq 1 100); do
    out="$("$rorctl" search --search "127.0.0.1:$search_port" --texte "urgences adultes" --type offre)" \
      || fail "rorctl search failed"
    grep -q '"nom":[[:space:]]*"Urgences adultes"' <<<"$out" && { printf '%s\n' "$out"; return 0; }
    sleep 0.2
  done
  fail "the demo offre never became searchable: $out"
}
found="$(search_urgences)"
search_metrics="$(curl -sf "http://127.0.0.1:$((metrics_port + 4))/metrics")" \
  || fail "search metrics endpoint did not answer"
grep -q '^ror_relay_lag_events{view="index"} ' <<<"$search_metrics" \
  || fail "no index lag gauge in the search metrics"

log "restarting (./ror down && ./ror up): the broker is new, the data is not"
down
up 2
login
# A new broker: the search rebuilt its read model from the republished events, same answer.
[ "$(search_urgences)" = "$found" ] || fail "the search answers differently after a restart"
got="$("$rorctl" get-offre --offre "127.0.0.1:$offre_port" --id "$offre_id" --token_file "$tmp/token")" \
  || fail "the offre is gone after a restart"
[ "$got" = "$created" ] || fail "the offre changed across the restart: $got"
# The relay republished everything to the new broker; the demo did not write again.
check_record "$offre_id" 18
down
log "PASS"
