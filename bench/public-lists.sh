#!/usr/bin/env bash
# Statements and host CPU per request of the load mix's anonymous list routes (issue 16), one request at a time, in two
# modes: "same" asks for one address N times (after the first, what the public lists' cache — PublicMarketCache — can
# answer), "distinct" asks for N different addresses (counties of the province, or the mix's search words: every request a
# miss). For each: KEXIE_WARMUP requests of other addresses first (JIT), pg_stat_statements reset, the N requests (curl,
# sequential, anonymous), then statements, database time and buffers per request from pg_stat_statements, the share of
# answers that came from the cache (an Age header) and, with KEXIE_HOST_PID, the host's CPU time per request.
# The need detail page and API (cache16): "same" is one published public need, "distinct" N others (KEXIE_ROUTES picks routes,
# default all six).
# Usage: bench/public-lists.sh URL "host=127.0.0.1 port=26461 user=kexie dbname=province" [requests=20]
set -euo pipefail
url=${1:?host URL}
pg=${2:?libpq connection string of the province database}
n=${3:-20}
q() { psql "$pg" -qAtX -c "$1"; }
host_pid=${KEXIE_HOST_PID:-}
cpu_ticks() { [ -n "$host_pid" ] && awk '{print $14 + $15}' "/proc/$host_pid/stat" || echo 0; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

counties=($(q "select distinct substr(\"RegionCode\", 1, 6) from \"Needs\" where length(\"RegionCode\") >= 6 order by 1"))
needs=($(q "select \"Id\" from \"Needs\" where \"Status\" = 3 and \"Visibility\" = 1 order by \"Id\" limit 400"))
words=(茶叶 水稻 机械 检测 中药 养殖 土壤 电池 算法 材料 污水 桥梁 病虫害 轴承 传感器 食品加工 种植 数据分析 新能源 智能制造 生物 医疗器械 节能 无人机)
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %H:%M UTC'); commit $(git rev-parse --short HEAD)"
echo "${#counties[@]} counties, ${#words[@]} words; $n requests per route and mode"

address() { # route mode i
  local county word
  if [ "$2" = same ]; then county=${counties[0]}; word=${words[3]}; else county=${counties[$(( ($3 * 7) % ${#counties[@]} ))]}; word=${words[$(( $3 % ${#words[@]} ))]}; fi
  case $1 in
    needs-county-page) echo "/Market/Needs?Region=$county" ;;
    needs-search-page) echo "/Market/Needs?Q=$(enc "$word")" ;;
    offers-county-api) echo "/api/v1/offers?region=$county&pageSize=20" ;;
    offers-search-api) echo "/api/v1/offers?q=$(enc "$word")&pageSize=20" ;;
    need-detail-page) if [ "$2" = same ]; then echo "/Market/Needs/Details/${needs[0]}"; else echo "/Market/Needs/Details/${needs[$(( $3 % ${#needs[@]} ))]}"; fi ;;
    need-detail-api) if [ "$2" = same ]; then echo "/api/v1/needs/${needs[0]}"; else echo "/api/v1/needs/${needs[$(( $3 % ${#needs[@]} ))]}"; fi ;;
  esac
}

for route in ${KEXIE_ROUTES:-needs-county-page needs-search-page offers-county-api offers-search-api need-detail-page need-detail-api}; do
  for mode in same distinct; do
    for i in $(seq 1 "${KEXIE_WARMUP:-30}"); do curl -s -o /dev/null "$url$(address "$route" distinct $(( i + 100 )))"; done
    [ "$mode" = same ] && curl -s -o /dev/null "$url$(address "$route" same 0)"
    q "select pg_stat_statements_reset()" >/dev/null
    cpu_before=$(cpu_ticks)
    out=$(for i in $(seq 1 "$n"); do curl -s -o /dev/null -D - -w 'status %{http_code} %{time_total}\n' "$url$(address "$route" "$mode" "$i")" | grep -iE '^(age:|status )'; done)
    cpu_after=$(cpu_ticks)
    hits=$(grep -ci '^age:' <<<"$out" || true)
    lat=$(awk '/^status/ {print $3 * 1000}' <<<"$out" | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "mean %.1f ms, p50 %.1f ms", s/NR, a[int((NR+1)/2)]}')
    cpu=""
    [ -n "$host_pid" ] && cpu=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "; host CPU %.1f ms/request", (b - a) * 1000 / hz / n }')
    stats=$(q "select format('statements/request %s, db ms/request %s, buffers/request %s',
          round(sum(calls)::numeric / $n, 2), round(sum(total_exec_time)::numeric / $n, 2), round(sum(shared_blks_hit + shared_blks_read)::numeric / $n))
        from pg_stat_statements s join pg_database d on d.oid = s.dbid
        where d.datname = current_database() and query not like '%pg_stat_statements%'")
    echo "== $route, $mode: from cache $hits/$n; $stats; $lat$cpu"
  done
done
