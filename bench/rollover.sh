#!/usr/bin/env bash
# W13 at a year boundary (perf12): the last refresh is put at 2025-12-31 23:59 China time, so the next reader's refresh is the
# new year's first; one dashboard request triggers it, a second one shows it does not run again. Statements, DB ms and rows.
# Usage: bench/rollover.sh URL PGCONN LABEL. It moves the database's last refresh time: run it on a copy of the province
# database only. Figures in docs/benchmarks.md.
# The association facts of days after 2025-12-31 (what an earlier run's rollover wrote) are removed first, so each run starts
# from what a database holds at a real new year (perf13). KEXIE_ROLLOVER_PLANS=aside sets the plans the year settles aside for
# the run (their FirstRespondedAt set, restored after), so the request measures W13's rollover alone.
set -euo pipefail
url=$1; pg=$2; label=$3
q() { psql "$pg" -qAtX -c "$1"; }
admin=$(q "select \"UserName\" from \"AspNetUsers\" where \"Role\" = 2 and \"RegionCode\" = '511324' order by \"UserName\" limit 1")
tok=$(curl -sf "$url/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"userName\":\"$admin\",\"password\":\"Kexie@2026\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
curl -s -o /dev/null "$url/Indicators?Region=511324" -H "Authorization: Bearer $tok"   # settle anything pending first
q "update \"IndicatorRefreshState\" set \"LastRefreshedAt\" = '2025-12-31 15:59:00+00'" >/dev/null
q "delete from \"IndicatorFacts\" where \"Source\" = 25 and \"Day\" > 20251231" >/dev/null
if [ "${KEXIE_ROLLOVER_PLANS:-}" = aside ]; then
  q "create table if not exists bench_rollover_aside (\"Id\" uuid primary key)" >/dev/null
  q "insert into bench_rollover_aside select \"Id\" from \"ResponsePlans\" where \"FirstRespondedAt\" is null and \"ResponseDueAt\" > '2025-12-31 15:59:00+00' and \"ResponseDueAt\" <= now() on conflict do nothing" >/dev/null
  q "update \"ResponsePlans\" p set \"FirstRespondedAt\" = p.\"ResponseDueAt\" from bench_rollover_aside a where a.\"Id\" = p.\"Id\"" >/dev/null
  trap 'q "update \"ResponsePlans\" p set \"FirstRespondedAt\" = null from bench_rollover_aside a where a.\"Id\" = p.\"Id\"" >/dev/null; q "drop table bench_rollover_aside" >/dev/null' EXIT
fi
echo "$label: $(nproc) cores; $(uptime); associations due: $(q "select count(*) from \"Associations\" where \"Kind\" in (2,3,4)"), plans settling since: $(q "select count(*) from \"ResponsePlans\" where \"FirstRespondedAt\" is null and \"ResponseDueAt\" > '2025-12-31 15:59:00+00' and \"ResponseDueAt\" <= now()")"
for r in first second; do
  q "select pg_stat_statements_reset()" >/dev/null
  t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$url/Indicators?Region=511324" -H "Authorization: Bearer $tok")
  echo "  $r request ($t s): $(q "select 'statements ' || sum(calls) || ', db ms ' || round(sum(total_exec_time)::numeric, 1) || ', rows ' || sum(rows) || ', buffers ' || sum(shared_blks_hit + shared_blks_read) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database() and query not like '%pg_stat_statements%'")"
  [ $r = first ] && q "select '    ' || calls || ' × ' || round(total_exec_time::numeric, 1) || ' ms, rows ' || rows || ': ' || left(regexp_replace(query, '\s+', ' ', 'g'), 110) from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database() and query not like '%pg_stat_statements%' order by total_exec_time desc limit 6"
done
