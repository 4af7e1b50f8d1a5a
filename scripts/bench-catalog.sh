#!/usr/bin/env bash
# Catalog, API and export benchmarks (docs/benchmarks.md, "Catalog, API and exports").
#   ./scripts/bench-catalog.sh [SIZES] [DATABASES]        e.g.  ./scripts/bench-catalog.sh "100000 1000000" "sqlite postgres"
# For each size and database: seeds a fresh synthetic registry (seed --synthetic N, timed), starts the app (Release) on
# 127.0.0.1:5192, measures cold searches with facets, the card page and the card API (scripts/bench-catalog.py), runs
# wrk against /healthz and the list API (same connections and duration), and exports every card to .xlsx through the
# command line under /usr/bin/time (peak memory). PostgreSQL: a private cluster on 127.0.0.1:55501 under /tmp.
# BENCH_PORT and BENCH_PG_PORT move the app and the cluster (several checkouts benchmarking on one machine).
# The quarterly views (scripts/bench-quarters.py) are measured first after each start; QUARTERS_ONLY=1 measures only them.
# Needs: wrk, python3, PostgreSQL 15 binaries (apt: wrk postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${1:-"100000"}
DBS=${2:-"sqlite postgres"}
PORT=${BENCH_PORT:-5192}
PGPORT=${BENCH_PG_PORT:-55501}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
WRK_DURATION=${WRK_DURATION:-15s}
EXPORT_MAX=${EXPORT_MAX:-100000000}   # sizes above this skip the export (e.g. EXPORT_MAX=100000 for quicker 1M runs)
OUT="$ROOT/.bench"; mkdir -p "$OUT"
WEB="$ROOT/src/ServiceRegistry.Web"
DLL="$WEB/bin/Release/net10.0/ServiceRegistry.Web.dll"

[ "${BENCH_NO_BUILD:-0}" = 1 ] || dotnet build "$WEB" -c Release -nologo -clp:ErrorsOnly >/dev/null   # BENCH_NO_BUILD=1: use the build as it is
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null; }

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=/tmp/sr-bench-pg-$PGPORT
start_pg() {
  if ! (echo >/dev/tcp/127.0.0.1/$PGPORT) 2>/dev/null; then
    rm -rf $PGDATA; mkdir -p $PGDATA; chown postgres:postgres $PGDATA
    runuser -u postgres -- "$PGBIN/initdb" -D $PGDATA -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D $PGDATA -l $PGDATA/server.log -w \
      -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k /tmp -c shared_buffers=1GB -c work_mem=64MB -c max_connections=200 -c synchronous_commit=off" start >/dev/null
  fi
}

echo "| database | cards | measurement | n | p50 ms | p95 ms | max ms |"
echo "|---|---|---|---|---|---|---|"
for DB in $DBS; do
  for N in $SIZES; do
    LABEL="$DB | $N"
    export Registry__SeedDemoData=false
    export Security__RequireHttps=false # plain HTTP on loopback: no redirection to HTTPS, cookies not Secure-only
    if [ "$DB" = postgres ]; then
      start_pg
      psql -h 127.0.0.1 -p $PGPORT -U postgres -qc "DROP DATABASE IF EXISTS sr_bench WITH (FORCE)" -c "CREATE DATABASE sr_bench" >/dev/null
      export ConnectionStrings__Registry="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=sr_bench;Maximum Pool Size=100"
    else
      unset ConnectionStrings__Registry || true
      DATA="$OUT/sqlite-$N"; rm -rf "$DATA"; mkdir -p "$DATA"
      export Registry__DataDirectory="$DATA"
    fi

    (cd "$WEB" && /usr/bin/time -f "%e s, peak %M KB" -o "$OUT/seed-$DB-$N.time" dotnet "$DLL" seed --synthetic "$N" 2>"$OUT/seed-$DB-$N.log" >/dev/null)
    echo "| $LABEL | seed --synthetic (wall, peak RSS) | 1 | $(cat "$OUT/seed-$DB-$N.time") | | |"
    echo "| $LABEL | load average before measuring (uptime) | $(uptime | sed 's/.*load average: //') | | | |"

    (cd "$WEB" && exec dotnet "$DLL" --urls "http://127.0.0.1:$PORT" >"$OUT/app-$DB-$N.log" 2>&1) &
    APP=$!
    trap 'kill "$APP" 2>/dev/null || true' EXIT # a failed measurement must not leave the app on the port
    for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done

    # the quarterly views first, so their first request is the first after start (scripts/bench-quarters.py)
    python3 scripts/bench-quarters.py "http://127.0.0.1:$PORT" "$LABEL"
    if [ "${QUARTERS_ONLY:-0}" = 1 ]; then kill "$APP"; wait "$APP" 2>/dev/null || true; continue; fi
    python3 scripts/bench-catalog.py "http://127.0.0.1:$PORT" "$LABEL"

    Q="/api/v1/services?q=%D9%BE%D8%B1%D9%88%D8%A7%D9%86%D9%87&pageSize=20"   # q=پروانه
    for target in "/healthz" "$Q" "/api/v1/services?pageSize=20"; do
      wrk -t2 -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "http://127.0.0.1:$PORT$target" >"$OUT/wrk.txt" 2>&1 || true
      RPS=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")
      P99=$(awk '/ 99%/ {print $2}' "$OUT/wrk.txt")
      echo "| $LABEL | wrk -t2 -c$WRK_CONNECTIONS -d$WRK_DURATION $target | $RPS req/s | | p99 $P99 | |"
    done

    echo "| $LABEL | app peak RSS after the run (VmHWM) | $(awk '/VmHWM/ {print $2, $3}' /proc/$APP/status) | | | |"
    kill "$APP"; wait "$APP" 2>/dev/null || true

    if [ "$N" -gt "$EXPORT_MAX" ]; then continue; fi
    (cd "$WEB" && /usr/bin/time -f "%e s, peak %M KB" -o "$OUT/export-$DB-$N.time" dotnet "$DLL" export --format xlsx --status all --out "$OUT/export-$DB-$N.xlsx" >"$OUT/export-$DB-$N.log" 2>&1)
    SIZE=$(du -m "$OUT/export-$DB-$N.xlsx" | cut -f1)
    echo "| $LABEL | export --format xlsx --status all ($(grep -o 'exported [0-9]*' "$OUT/export-$DB-$N.log") cards, ${SIZE} MB) | 1 | $(cat "$OUT/export-$DB-$N.time") | | |"
    rm -f "$OUT/export-$DB-$N.xlsx"
  done
done
