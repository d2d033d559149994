#!/usr/bin/env bash
# Offre commands and reads over gRPC against a fresh ror-offre (RocksDB, synced appends, relay to
# a devbroker): CreateOffre + SaveDraft + ValidateDraft from many clients, then GetOffre at a
# steady rate.   bench/run_offre_load.sh [--threads 32] [--seconds 10] [--get_rate 1000]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/platform.sh
. "$repo/bench/platform.sh"
start_offre_platform ror.offre.events.v1:32,ror.public.offre.v1:32
"$build/bench/ror_offre_load" --offre "127.0.0.1:$offre_port" --token_file "$token_file" "$@"
