#!/usr/bin/env bash
# The dashboard views of an existing benchmark registry, with a given build (docs/benchmarks.md, "After: the
# dashboard's coverage section"): compare two builds on the same registry, alternating.
#   ./scripts/bench-dashboard.sh CHECKOUT DATA_DIR|postgres[:DATABASE] LABEL
# CHECKOUT: a checkout with a Release build of src/ServiceRegistry.Web (e.g. `git archive <commit>` built in /tmp);
# DATA_DIR: a SQLite registry such as .bench/sqlite-1000000; postgres: the sr_bench database of bench-catalog.sh
# (postgres:NAME another database of that cluster, e.g. one seeded by an older build).
set -euo pipefail
ROOT=$(cd "$1" && pwd); DATA=$2; LABEL=$3; PORT=${BENCH_PORT:-5193}
export Registry__SeedDemoData=false Security__RequireHttps=false
if [ "${DATA%%:*}" = postgres ]; then
  PGDB=sr_bench; [ "$DATA" = postgres ] || PGDB=${DATA#postgres:}
  export ConnectionStrings__Registry="Host=127.0.0.1;Port=${BENCH_PG_PORT:-55501};Username=postgres;Database=$PGDB;Maximum Pool Size=100"
else
  unset ConnectionStrings__Registry || true; export Registry__DataDirectory=$(cd "$DATA" && pwd)
fi
(cd "$ROOT/src/ServiceRegistry.Web" && exec dotnet bin/Release/net10.0/ServiceRegistry.Web.dll --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1) &
APP=$!
trap 'kill "$APP" 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
python3 "$(dirname "$0")/bench-dashboard.py" "http://127.0.0.1:$PORT" "$LABEL"
