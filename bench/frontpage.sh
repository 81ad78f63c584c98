#!/usr/bin/env bash
# Front-page views of a signed-in staffer under the load mix's writes (issue 16, perf12): statements, DB time, buffers and
# host CPU per view when the writes are in another city, in the viewer's own county, or absent. Sequential curl.
# Usage: bench/frontpage.sh URL PGCONN [n=20]   (KEXIE_HOST_PID: the host's pid, for its CPU time per step)
# It writes (need drafts, plan contacts): run it on a copy of the province database. Figures in docs/benchmarks.md.
set -euo pipefail
url=$1; pg=$2; n=${3:-20}; password=Kexie@2026
q() { psql "$pg" -qAtX -c "$1"; }
cpu() { awk '{print $14 + $15}' "/proc/$KEXIE_HOST_PID/stat"; }
staff=$(q "select u.\"UserName\" || '|' || u.\"RegionCode\" || '|' || u.\"Id\" from \"AspNetUsers\" u where u.\"Role\" = 3 order by (select count(*) from \"ResponsePlans\" p where p.\"RegionCode\" = u.\"RegionCode\") desc, u.\"UserName\" limit 1")
IFS='|' read -r s_user s_region s_id <<<"$staff"
city=${s_region:0:4}
# The writer elsewhere: the staffer of another city with the most handled open plans.
other=$(q "select u.\"UserName\" || '|' || u.\"RegionCode\" || '|' || u.\"Id\" from \"AspNetUsers\" u where u.\"Role\" = 3 and u.\"RegionCode\" not like '$city%' order by (select count(*) from \"ResponsePlans\" p where p.\"HandlerUserId\" = u.\"Id\" and p.\"Status\" in (1,2,3)) desc, u.\"UserName\" limit 1")
IFS='|' read -r o_user o_region o_id <<<"$other"
org_of() { q "select \"Id\" from \"Organizations\" where \"RegionCode\" like '$1%' order by \"Id\" limit 1"; }
plan_of() { q "select \"Id\" from \"ResponsePlans\" where \"HandlerUserId\" = '$1' and \"Status\" in (1,2,3) order by \"Id\" limit 1"; }
s_org=$(org_of "$s_region"); o_org=$(org_of "$o_region"); s_plan=$(plan_of "$s_id"); o_plan=$(plan_of "$o_id")
industry=$(q "select \"Code\" from \"Industries\" where length(\"Code\") = 4 order by \"Code\" limit 1")
token() { curl -sf "$url/api/v1/auth/token" -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$password\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'; }
s_tok=$(token "$s_user"); o_tok=$(token "$o_user")
echo "machine: $(nproc) cores; $(uptime); commit $(git -C "${KEXIE_REPO:-.}" rev-parse --short HEAD 2>/dev/null || echo ?)"
echo "viewer $s_user (county $s_region); writer elsewhere $o_user (county $o_region); $n views per phase"
view() { curl -s -o /dev/null -w '%{http_code}\n' "$url/" -H "Authorization: Bearer $s_tok"; }
write() { # token org plan i : the load mix's two writes, alternately
  if (( $4 % 2 == 0 )); then
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "$url/api/v1/needs" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
      -d "{\"title\":\"茶叶技术改进需求$RANDOM\",\"problem\":\"企业在茶叶和机械方面遇到技术难题，希望与科研人员合作攻关。\",\"organizationId\":\"$2\",\"industryCodes\":[\"$industry\"],\"regionCode\":\"${5}\"}"
  else
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "$url/api/v1/plans/$3/contacts" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
      -d '{"contactedName":"企业联系人","channel":"Phone","note":"电话沟通，约定下周现场对接"}'
  fi
}
stats() { q "select round(sum(calls)::numeric / $1, 1) || '|' || round(sum(total_exec_time)::numeric / $1, 2) || '|' || round(sum(shared_blks_hit + shared_blks_read)::numeric / $1)
  from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname = current_database() and query not like '%pg_stat_statements%'"; }
for i in $(seq 1 60); do view >/dev/null; done
phase() { # name: runs n steps, prints per-step statements|dbms|buffers|cpu ms and the statuses
  local name=$1 c0 c1 codes
  q "select pg_stat_statements_reset()" >/dev/null; c0=$(cpu)
  codes=$(for i in $(seq 1 "$n"); do
    case $name in
      writes-elsewhere) write "$o_tok" "$o_org" "$o_plan" "$i" "$o_region" ;;
      writes-own) write "$s_tok" "$s_org" "$s_plan" "$i" "$s_region" ;;
      views) view ;;
      views-after-elsewhere) write "$o_tok" "$o_org" "$o_plan" "$i" "$o_region"; view ;;
      views-after-own) write "$s_tok" "$s_org" "$s_plan" "$i" "$s_region"; view ;;
    esac
  done | sort | uniq -c | tr -s ' ' | tr '\n' ' ')
  c1=$(cpu)
  echo "$name|$(stats "$n")|$(awk -v a="$c0" -v b="$c1" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) * 1000 / hz / n }')|$codes"
}
echo "phase|statements/step|db ms/step|buffers/step|host CPU ms/step|statuses"
for p in views writes-elsewhere views-after-elsewhere writes-own views-after-own views; do phase "$p"; done
