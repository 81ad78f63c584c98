# Shared by bench/load.sh and bench/two-nodes.sh (sourced, not run): builds the Release host and the load driver,
# starts a node on a province database, waits for it to answer and to be ready, and runs the driver.
# The caller sets `set -euo pipefail` and cds to the repository root.

# Nodes started here are stopped when the script exits (bench_cleanup; a caller with more to stop calls it from its own trap).
bench_pids=""
bench_cleanup() {
  local p
  for p in $bench_pids; do kill "$p" 2>/dev/null || true; done
  for p in $bench_pids; do wait "$p" 2>/dev/null || true; done
}
trap bench_cleanup EXIT

# Prints the machine line every benchmark starts with.
bench_machine() {
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %H:%M UTC'); commit $(git rev-parse --short HEAD)"
}

# KEXIE_BENCH_BUILD=0 skips the build (both already built in Release).
bench_build() {
  [ "${KEXIE_BENCH_BUILD:-1}" = 0 ] && return 0
  dotnet build -c Release src/Kexie.Web -v q -nologo >/dev/null
  dotnet build -c Release bench/Kexie.Bench.Load -v q -nologo >/dev/null
}

# start_node PORT CONNECTION MODELS LOG [more host settings]: starts a Release node in the background; its pid is in
# $node_pid, its log in $node_log and the start time (ns) in $node_started.
start_node() {
  local port=$1 conn=$2 models=$3 log=$4
  shift 4
  node_started=$(date +%s%N)
  node_log=$log
  dotnet src/Kexie.Web/bin/Release/net10.0/Kexie.Web.dll --environment Production --urls "http://127.0.0.1:$port" \
    --Database:Provider Postgres --ConnectionStrings:Kexie "$conn" --Demo:Seed false \
    --Matching:ModelCacheDirectory "$models" --Logging:LogLevel:Default Warning "$@" >"$log" 2>&1 &
  node_pid=$!
  bench_pids="$bench_pids $node_pid"
}

# wait_for URL PID LOG STARTED_NS: waits until URL answers 2xx; prints the milliseconds since STARTED_NS. Stops the
# script when the node exits meanwhile.
wait_for() {
  local url=$1 pid=$2 log=$3 started=$4
  until curl -sf -o /dev/null "$url"; do
    kill -0 "$pid" 2>/dev/null || { echo "the host stopped:" >&2; tail -30 "$log" >&2; exit 1; }
    sleep 0.2
  done
  echo $(( ($(date +%s%N) - started) / 1000000 ))
}

# start_ready NAME PORT CONNECTION MODELS [more host settings]: start_node, then wait for /api/v1/health (answering) and
# /api/v1/health/ready (match index built), printing both times. Sets $node_pid and $node_log.
start_ready() {
  local name=$1 port=$2 conn=$3 models=$4 log serving ready
  shift 4
  log=$(mktemp "/tmp/kexie-load-$name.XXXXXX.log")
  start_node "$port" "$conn" "$models" "$log" "$@"
  serving=$(wait_for "http://127.0.0.1:$port/api/v1/health" "$node_pid" "$log" "$node_started")
  ready=$(wait_for "http://127.0.0.1:$port/api/v1/health/ready" "$node_pid" "$log" "$node_started")
  awk -v n="$name" -v s="$serving" -v r="$ready" -v l="$log" 'BEGIN { printf "%s start-up: answering after %.1f s, ready (match index built) after %.1f s; host log %s\n", n, s / 1000, r / 1000, l }'
  curl -s "http://127.0.0.1:$port/api/v1/health/ready"; echo
}

# cap_node NAME PID: with KEXIE_NODE_CPU set (cores, e.g. 0.5), puts the node's process into a cgroup (v1 cpu
# controller, /sys/fs/cgroup/cpu) whose CFS quota allows that many cores, so that each node has a CPU budget of its own
# on a machine with fewer cores than nodes × the load (two nodes at 0.5 cores each = one node at 1 core). Applied after
# start-up (the index build is not capped). Needs root; without the setting, nothing happens.
cap_node() {
  local name=$1 pid=$2 cg
  [ -n "${KEXIE_NODE_CPU:-}" ] || return 0
  cg=/sys/fs/cgroup/cpu/kexie-bench-$name
  mkdir -p "$cg"
  echo 100000 >"$cg/cpu.cfs_period_us"
  awk -v c="$KEXIE_NODE_CPU" 'BEGIN { printf "%d\n", c * 100000 }' >"$cg/cpu.cfs_quota_us"
  echo "$pid" >"$cg/cgroup.procs"
  echo "$name: capped at $KEXIE_NODE_CPU cores (cgroup $cg, quota $(cat "$cg/cpu.cfs_quota_us") µs per $(cat "$cg/cpu.cfs_period_us") µs)"
}

# run_driver URL CONNECTION USERS SECONDS PIDS [more driver options]: the load driver against URL.
run_driver() {
  local url=$1 conn=$2 users=$3 seconds=$4 pids=$5
  shift 5
  dotnet bench/Kexie.Bench.Load/bin/Release/net10.0/Kexie.Bench.Load.dll --url "$url" --pg "$conn" \
    --users "$users" --duration "$seconds" --warmup "${KEXIE_LOAD_WARMUP:-15}" --host-pid "$pids" "$@"
}
