#!/usr/bin/env bash
# Load benchmark at province scale (issue 16). Starts the real host (Release) on a database filled by
# `kexie generate-province`, measures its start-up (serving, then ready with the match index built), and drives it
# from a second process on loopback (bench/Kexie.Bench.Load) with a mix of anonymous browsing, signed-in staff pages
# and writes for a bounded time. Prints per-route requests/s and p50/p95/p99, errors, the host's CPU and memory, and
# PostgreSQL's slowest statements (start the server with -c shared_preload_libraries=pg_stat_statements).
# Usage: bench/load.sh "Host=127.0.0.1;Port=25432;Username=kexie;Database=province" [seconds=60] [users=16]
# Settings: KEXIE_LOAD_PORT (5090), KEXIE_LOAD_WARMUP (15 s), KEXIE_LOAD_MODELS (data/load-models: the trained
# classifier is kept there, as a production node keeps it, so only the first start trains it).
set -euo pipefail
cd "$(dirname "$0")/.."
conn=${1:?connection string of a database filled by kexie generate-province}
seconds=${2:-60}
users=${3:-16}
port=${KEXIE_LOAD_PORT:-5090}
models=${KEXIE_LOAD_MODELS:-data/load-models}
url=http://127.0.0.1:$port

dotnet build -c Release src/Kexie.Web -v q -nologo >/dev/null
dotnet build -c Release bench/Kexie.Bench.Load -v q -nologo >/dev/null
log=$(mktemp /tmp/kexie-load-host.XXXXXX.log)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %H:%M UTC'); commit $(git rev-parse --short HEAD)"

started=$(date +%s%N)
dotnet src/Kexie.Web/bin/Release/net10.0/Kexie.Web.dll --environment Production --urls "$url" \
  --Database:Provider Postgres --ConnectionStrings:Kexie "$conn" --Demo:Seed false \
  --Matching:ModelCacheDirectory "$models" --Logging:LogLevel:Default Warning >"$log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null || true' EXIT

wait_for() {
  until curl -sf -o /dev/null "$url$1"; do
    kill -0 $host 2>/dev/null || { echo "the host stopped:"; tail -30 "$log"; exit 1; }
    sleep 0.2
  done
  echo $(( ($(date +%s%N) - started) / 1000000 ))
}
serving=$(wait_for /api/v1/health)
ready=$(wait_for /api/v1/health/ready)
awk -v s="$serving" -v r="$ready" -v l="$log" 'BEGIN { printf "start-up: answering after %.1f s, ready (match index built) after %.1f s; host log %s\n", s / 1000, r / 1000, l }'
curl -s "$url/api/v1/health/ready"; echo

dotnet bench/Kexie.Bench.Load/bin/Release/net10.0/Kexie.Bench.Load.dll --url "$url" --pg "$conn" \
  --users "$users" --duration "$seconds" --warmup "${KEXIE_LOAD_WARMUP:-15}" --host-pid $host
echo "host after the run: $(grep -E 'VmHWM|VmRSS' /proc/$host/status | tr -s ' ' | tr '\n' ' ')"
