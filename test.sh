#!/usr/bin/env bash
# Runs every test of Kexie Cloud: domain, matching, web (SQLite and PostgreSQL) and browser tests.
# PostgreSQL: uses $KEXIE_TEST_POSTGRES when set; otherwise starts a throwaway server from the
# machine's PostgreSQL binaries (Debian: apt-get install postgresql) and stops it afterwards.
# Browser tests use Debian's chromium (apt-get install chromium fonts-noto-cjk).
# Ends with one line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

pg_started=""
cleanup() {
  if [ -n "$pg_started" ]; then
    run_pg pg_ctl -D "$pg_dir" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

run_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ -z "${KEXIE_TEST_POSTGRES:-}" ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "PostgreSQL server binaries not found: install them (sudo apt-get install -y postgresql) or set KEXIE_TEST_POSTGRES." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  export PATH="$pg_bin:$PATH"
  pg_dir=$(mktemp -d /tmp/kexie-pg.XXXXXX)
  pg_port=$(( 20000 + RANDOM % 20000 ))
  [ "$(id -u)" = "0" ] && chown postgres "$pg_dir"
  run_pg initdb -D "$pg_dir" -U kexie --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || { echo "initdb failed" >&2; echo "0 passed, 1 failed"; exit 1; }
  run_pg pg_ctl -D "$pg_dir" -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" -l "$pg_dir/log" -w start >/dev/null \
    || { cat "$pg_dir/log" >&2; echo "PostgreSQL did not start" >&2; echo "0 passed, 1 failed"; exit 1; }
  pg_started=1
  export KEXIE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=kexie;Database=postgres"
  echo "Started PostgreSQL on 127.0.0.1:$pg_port for the tests"
fi

results=$(mktemp -d /tmp/kexie-results.XXXXXX)
# One test module at a time: the browser tests and the web tests each start several hosts, and on a
# 2-core machine running them side by side makes the browser tests time out.
dotnet test --solution Kexie.slnx --max-parallel-test-modules 1 --results-directory "$results" --report-xunit-trx -- "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$(( passed + ${p:-0} )); failed=$(( failed + ${f:-0} ))
  # Name the failed tests last, so that the tail of a long log says which ones they were.
  grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.*testName="\([^"]*\)".*/FAILED: \1/p'
done
rm -rf "$results"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
