#!/usr/bin/env bash
# Statements per request of the load mix's signed-in routes and writes (issue 16), one request at a time: figures
# that the machine's load does not change. For each route: warm-up requests (KEXIE_WARMUP, below), pg_stat_statements reset, N requests
# (curl, sequential), then the statements PostgreSQL ran for them — calls per request, database time per request,
# shared buffers (hit + read) per request — and the costliest statements. Accounts and ids are sampled from the
# database as bench/Kexie.Bench.Load samples them (the service-centre staffer of the county with the most plans, and
# that county's association admin). Start PostgreSQL with -c shared_preload_libraries=pg_stat_statements.
# Usage: bench/statements.sh URL "host=127.0.0.1 port=25432 user=kexie dbname=province01" [requests=20] [route filter]
# The host at URL runs on that database (bench/node.sh start_node, or dotnet run). Background work of the host
# (outboxes, the indicator refresher) lands in the same counts; the writes' refreshes are applied by the next reader.
# With KEXIE_HOST_PID (the host's process id) it also prints the host's CPU time per request (user + system, from
# /proc/PID/stat around the N requests): work done, which the machine's load does not change the way it changes latency.
# With KEXIE_HOST_LOG (the host's console output, started with the JSON console formatter, scopes included and EF Core's
# commands logged: the host settings in KEXIE_HOST_LOG_SETTINGS below) it also counts each request's statements from the
# host's own log, by request id: exact per request and untouched by other clients of the same database (pg_stat_statements
# counts every client's statements and the host's background work), with the statements grouped by text per route.
#   dotnet src/Kexie.Web/bin/Release/net10.0/Kexie.Web.dll ... $KEXIE_HOST_LOG_SETTINGS > host.log
#   KEXIE_HOST_LOG_SETTINGS="--Logging:Console:FormatterName json --Logging:Console:FormatterOptions:IncludeScopes true
#     --Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command Information"
# KEXIE_STATEMENTS_PGSS=0 leaves pg_stat_statements alone (no reset, no figures from it): for a database that others use
# at the same time, whose statistics a reset would spoil; the host-log counts are then the figures.
# Each read route gets KEXIE_WARMUP requests first (default 60; the writes get one): a freshly started host compiles
# (tiered JIT) for about its first 50 requests of a route, which a CPU figure taken right after start measures instead
# of the route's steady work (docs/benchmarks.md, "Where the host's CPU goes per request").
set -euo pipefail
url=${1:?host URL}
pg=${2:?libpq connection string of the province database}
n=${3:-20}
only=${4:-}
password=${KEXIE_LOAD_PASSWORD:-Kexie@2026}
q() { psql "$pg" -qAtX -c "$1"; }
host_pid=${KEXIE_HOST_PID:-}
host_log=${KEXIE_HOST_LOG:-}
cpu_ticks() { [ -n "$host_pid" ] && awk '{print $14 + $15}' "/proc/$host_pid/stat" || echo 0; }

staff=$(q "select u.\"UserName\" || '|' || u.\"RegionCode\" || '|' || u.\"Id\" from \"AspNetUsers\" u where u.\"Role\" = 3 order by (select count(*) from \"ResponsePlans\" p where p.\"RegionCode\" = u.\"RegionCode\") desc, u.\"UserName\" limit 1")
IFS='|' read -r staff_user region staff_id <<<"$staff"
admin=$(q "select \"UserName\" from \"AspNetUsers\" where \"Role\" = 2 and \"RegionCode\" = '$region' order by \"UserName\" limit 1")
plans=($(q "select \"Id\" from \"ResponsePlans\" where \"RegionCode\" = '$region' order by \"Id\" limit $n"))
handled=$(q "select \"Id\" from \"ResponsePlans\" where \"HandlerUserId\" = '$staff_id' and \"Status\" in (1,2,3) order by \"Id\" limit 1")
org=$(q "select \"Id\" from \"Organizations\" where \"RegionCode\" like '$region%' order by \"Id\" limit 1")
industry=$(q "select \"Code\" from \"Industries\" where length(\"Code\") = 4 order by \"Code\" limit 1")
year=$(date -u +%Y)
token() { curl -sf "$url/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$password\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
staff_token=$(token "$staff_user")
admin_token=$(token "$admin")
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %H:%M UTC'); commit $(git rev-parse --short HEAD)"
echo "staff $staff_user, admin $admin, county $region; $n requests per route"

# call NAME TOKEN METHOD PATH [BODY] (i = the request's number, for the plan pages)
call() {
  local tok=$1 method=$2 path=$3 body=${4:-}
  if [ -n "$body" ]; then
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X "$method" "$url$path" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -d "$body"
  else
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X "$method" "$url$path" -H "Authorization: Bearer $tok"
  fi
}

request() { # route i
  case $1 in
    workbench) call "$staff_token" GET / ;;
    plan) call "$staff_token" GET "/Market/Plans/Details/${plans[$(( $2 % ${#plans[@]} ))]}" ;;
    dashboard) call "$admin_token" GET "/Indicators?Region=$region" ;;
    ranking) call "$admin_token" GET "/api/v1/indicators/rankings?region=$region&period=$year" ;;
    need) call "$staff_token" POST /api/v1/needs "{\"title\":\"茶叶技术改进需求$RANDOM\",\"problem\":\"企业在茶叶和机械方面遇到技术难题，希望与科研人员合作攻关。\",\"organizationId\":\"$org\",\"industryCodes\":[\"$industry\"],\"regionCode\":\"$region\"}" ;;
    contact) call "$staff_token" POST "/api/v1/plans/$handled/contacts" '{"contactedName":"企业联系人","channel":"Phone","note":"电话沟通，约定下周现场对接"}' ;;
  esac
}

for route in workbench plan dashboard ranking need contact; do
  [ -n "$only" ] && [[ ! " $only " == *" $route "* ]] && continue
  warm=1
  case $route in workbench|plan|dashboard|ranking) warm=${KEXIE_WARMUP:-60} ;; esac
  for i in $(seq 1 "$warm"); do request "$route" "$i" >/dev/null; done
  [ "${KEXIE_STATEMENTS_PGSS:-1}" = 0 ] || q "select pg_stat_statements_reset()" >/dev/null
  log_from=0
  [ -n "$host_log" ] && log_from=$(stat -c %s "$host_log")
  cpu_before=$(cpu_ticks)
  times=$(for i in $(seq 1 "$n"); do request "$route" "$i"; done)
  cpu_after=$(cpu_ticks)
  codes=$(awk '{print $1}' <<<"$times" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')
  lat=$(awk '{print $2 * 1000}' <<<"$times" | sort -n | awk '{a[NR]=$1; s+=$1} END {printf "mean %.0f ms, p50 %.0f ms, max %.0f ms", s/NR, a[int((NR+1)/2)], a[NR]}')
  echo
  cpu=""
  [ -n "$host_pid" ] && cpu=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "; host CPU %.1f ms/request", (b - a) * 1000 / hz / n }')
  echo "== $route: statuses $codes; $lat$cpu"
  [ "${KEXIE_STATEMENTS_PGSS:-1}" = 0 ] || q "select format('statements/request %s, db ms/request %s, buffers/request %s (read %s)',
        round(sum(calls)::numeric / $n, 1), round(sum(total_exec_time)::numeric / $n, 2),
        round(sum(shared_blks_hit + shared_blks_read)::numeric / $n), round(sum(shared_blks_read)::numeric / $n))
      from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname = current_database() and query not like '%pg_stat_statements%'"
  [ "${KEXIE_STATEMENTS_PGSS:-1}" = 0 ] || q "select format('  %6s calls %9s ms %8s buf  %s', calls, round(total_exec_time::numeric, 2), shared_blks_hit + shared_blks_read,
        left(regexp_replace(query, '\s+', ' ', 'g'), 150))
      from pg_stat_statements s join pg_database d on d.oid = s.dbid
      where d.datname = current_database() and query not like '%pg_stat_statements%'
      order by total_exec_time desc limit ${KEXIE_STATEMENTS_TOP:-12}"
  [ -n "$host_log" ] && sleep 1 && tail -c +"$((log_from + 1))" "$host_log" | python3 -c '
import json, sys, collections
n = int(sys.argv[1])
per_request = collections.Counter()
texts = collections.Counter()
for line in sys.stdin:
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("Category") != "Microsoft.EntityFrameworkCore.Database.Command" or e.get("EventId") != 20101:
        continue
    request = next((s.get("RequestId") for s in e.get("Scopes", []) if isinstance(s, dict) and s.get("RequestId")), None)
    if request is None:
        continue  # background work of the host (outboxes, refreshes), not a request
    per_request[request] += 1
    texts[" ".join(e["State"]["commandText"].split())] += 1
counts = sorted(per_request.values())
print("  host log: %d requests with statements, %.1f statements/request (min %d, max %d)" % (len(counts), sum(counts) / max(n, 1), counts[0] if counts else 0, counts[-1] if counts else 0))
for text, calls in texts.most_common():
    print("  %6.2f /request  %s" % (calls / n, text[:200]))
' "$n"
done
