#!/usr/bin/env bash
# Macro benchmark of the Excel import path (kexie CLI): generate an N-row workers file, seed a fresh
# database, import it (all rows new), then import it again (all rows unchanged: no duplicates).
# Usage: bench/import.sh [rows] [sqlite|postgres "connection string"]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
provider=${2:-sqlite}
work=$(mktemp -d /tmp/kexie-import-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ "$provider" = "postgres" ]; then
  conn=${3:?connection string required for postgres}
  args=(--provider Postgres --connection "$conn")
else
  args=(--connection "Data Source=$work/bench.db")
fi
dotnet build -c Release src/Kexie.Cli >/dev/null
kexie=src/Kexie.Cli/bin/Release/net10.0/kexie
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%F)"
"$kexie" make-sample "$work/workers.xlsx" --rows "$rows" >/dev/null
"$kexie" seed "${args[@]}" >/dev/null
for run in first second; do
  /usr/bin/time -f "$run import of $rows rows: %e s wall, %M KiB max RSS" "$kexie" import workers "$work/workers.xlsx" "${args[@]}" 2>&1 | grep -E "import of|已导入|错误" | sed 's/\x1b\[[0-9;]*m//g'
done
