#!/usr/bin/env bash
# Load benchmark at province scale (issue 16). Starts the real host (Release) on a database filled by
# `kexie generate-province`, measures its start-up (serving, then ready with the match index built), and drives it
# from a second process on loopback (bench/Kexie.Bench.Load) with a mix of anonymous browsing, signed-in staff pages
# and writes for a bounded time. Prints per-route requests/s and p50/p95/p99, errors, the host's CPU and memory, and
# PostgreSQL's slowest statements (start the server with -c shared_preload_libraries=pg_stat_statements), and the host's
# runtime over the timed minute, read by the driver through the host's diagnostics port (EventPipe, no route): garbage
# collections by generation with their pauses (total, longest, p50/p99), the thread pool's queue, the methods the JIT
# still compiled, which routes the requests over the p99 came from, and how much of their time the GC pauses covered.
# Usage: bench/load.sh "Host=127.0.0.1;Port=25432;Username=kexie;Database=province" [seconds=60] [users=16]
# Settings: KEXIE_LOAD_PORT (5090), KEXIE_LOAD_WARMUP (15 s, counted once the node has read its documents' disciplines
# after the start-up, which the driver waits for), KEXIE_LOAD_MODELS (data/load-models: the trained
# classifier is kept there, as a production node keeps it, so only the first start trains it).
# Two nodes behind nginx: bench/two-nodes.sh (same host start and driver, bench/node.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/node.sh
conn=${1:?connection string of a database filled by kexie generate-province}
seconds=${2:-60}
users=${3:-16}
port=${KEXIE_LOAD_PORT:-5090}
models=${KEXIE_LOAD_MODELS:-data/load-models}

bench_build
bench_machine
start_ready host "$port" "$conn" "$models"
host=$node_pid

run_driver "http://127.0.0.1:$port" "$conn" "$users" "$seconds" "$host"
echo "host after the run: $(grep -E 'VmHWM|VmRSS' /proc/$host/status | tr -s ' ' | tr '\n' ' ')"
