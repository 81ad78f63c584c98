#!/usr/bin/env bash
# Start-up of one node on a province database (issue 16): when it answers, when it is ready (match index built) and when
# the classifier's reading of the documents indexed before it ends (log line "学科分类模型就绪后…",
# MatchIndexHost.ReadDisciplinesAsync), with the host's peak resident memory (VmHWM) at ready and at that end. No load.
# Usage: bench/start-up.sh "Host=127.0.0.1;Port=25432;Username=kexie;Database=province" [more host settings]
# Settings as bench/load.sh: KEXIE_LOAD_PORT (5090), KEXIE_LOAD_MODELS (data/load-models; without a trained classifier
# there the start trains it first and then reads every document), KEXIE_BENCH_BUILD=0 (already built in Release).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/node.sh
conn=${1:?connection string of a database filled by kexie generate-province}
shift
port=${KEXIE_LOAD_PORT:-5090}
models=${KEXIE_LOAD_MODELS:-data/load-models}

bench_build
bench_machine
start_ready host "$port" "$conn" "$models" --Logging:LogLevel:Kexie.Web.Features.Matching Information "$@"
host=$node_pid
echo "at ready: $(grep -E 'VmHWM|VmRSS' /proc/$host/status | tr -s ' ' | tr '\n' ' ')"
until grep -q "学科分类模型就绪后" "$node_log"; do
  kill -0 "$host" 2>/dev/null || { echo "the host stopped:" >&2; tail -30 "$node_log" >&2; exit 1; }
  if grep -q "重新读取文档的学科失败\|为未填学科的文档推测学科失败" "$node_log"; then tail -30 "$node_log" >&2; exit 1; fi
  sleep 0.5
done
awk -v t="$(( ($(date +%s%N) - node_started) / 1000000 ))" 'BEGIN { printf "reading ended after %.1f s\n", t / 1000 }'
grep -E "学科分类模型|匹配索引已从数据库建立" "$node_log" | sed 's/^/  /'
echo "at the end of the reading: $(grep -E 'VmHWM|VmRSS' /proc/$host/status | tr -s ' ' | tr '\n' ' '); load average $(cut -d' ' -f1-3 /proc/loadavg)"
