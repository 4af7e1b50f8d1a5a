#!/usr/bin/env bash
# Several nodes behind nginx (docs/benchmarks.md, "Several nodes behind nginx").
#   ./scripts/bench-cluster.sh [SIZES] [NODE_COUNTS]        e.g.  ./scripts/bench-cluster.sh "100000 1000000" "1 2"
# For each size: a fresh synthetic registry (seed --synthetic N) in a private PostgreSQL 15 on 127.0.0.1:6560; then for
# each node count: starts the nodes at once (Release build output) and times each to ready (/healthz/ready when the
# app has it, else until the first list API answer, which waits for the catalog index), puts nginx in front
# (127.0.0.1:6500, round robin, keepalive) and runs wrk (bound to 127.0.0.1) against the list API and a card page.
# The machine may be shared: the load average is printed before each measurement.
# Needs: wrk, nginx, PostgreSQL 15 (apt: wrk nginx postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${1:-"100000"}
COUNTS=${2:-"1 2"}
LB_PORT=6500 NODE_PORT0=6511 PGPORT=6560
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
WRK_DURATION=${WRK_DURATION:-15s}
WEB="$ROOT/src/ServiceRegistry.Web"
BIN="$WEB/bin/Release/net10.0"

need=()
command -v wrk >/dev/null || need+=(wrk)
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ ${#need[@]} -gt 0 ] && { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; }
dotnet build "$WEB" -c Release -nologo -clp:ErrorsOnly >/dev/null

TMP=$(mktemp -d /tmp/sr-bench-cluster.XXXXXX); chmod 755 "$TMP"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
AS_PG=(); [ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)
PIDS=()
stop_nodes() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
  [ -f "$TMP/nginx.pid" ] && kill "$(cat "$TMP/nginx.pid")" 2>/dev/null || true
  rm -f "$TMP/nginx.pid"
}
cleanup() {
  stop_nodes
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/pg" "$TMP/pglog" "$TMP/temp"; chmod 700 "$TMP/pg"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$TMP/pg" "$TMP/pglog" && chown nobody "$TMP/temp"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$TMP/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$TMP/pg" -l "$TMP/pglog/pg.log" -w \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k /tmp -c shared_buffers=1GB -c work_mem=64MB -c max_connections=300 -c synchronous_commit=off" start >/dev/null
export ConnectionStrings__Registry="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=sr_bench;Maximum Pool Size=100"
export Registry__SeedDemoData=false ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false Logging__LogLevel__Default=Warning

ms_now() { date +%s%3N; }
start_nginx() { # node count
  {
    echo "worker_processes 1; pid $TMP/nginx.pid; error_log $TMP/nginx-error.log warn;"
    [ "$(id -u)" = 0 ] && echo "user nobody nogroup;"
    echo "events { worker_connections 4096; }"
    echo "http { access_log off;"
    for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $TMP/temp/$t;"; done
    echo "  upstream registry {"
    for i in $(seq 1 "$1"); do echo "    server 127.0.0.1:$((NODE_PORT0 + i - 1)) max_fails=2 fail_timeout=10s;"; done
    echo "    keepalive 64; }"
    echo "  server { listen 127.0.0.1:$LB_PORT; location / { proxy_pass http://registry; proxy_http_version 1.1;"
    echo "    proxy_set_header Connection \"\"; proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } } }"
  } >"$TMP/nginx.conf"
  /usr/sbin/nginx -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf"
}

echo "| cards | nodes | measurement | result | load average (1/5/15 min) |"
echo "|---|---|---|---|---|"
for N in $SIZES; do
  "${AS_PG[@]}" "$PGBIN/psql" -h 127.0.0.1 -p $PGPORT -U postgres -qc "DROP DATABASE IF EXISTS sr_bench WITH (FORCE)" -c "CREATE DATABASE sr_bench" >/dev/null
  start=$(ms_now)
  (cd "$WEB" && dotnet "$BIN/ServiceRegistry.Web.dll" seed --synthetic "$N" >"$TMP/seed.log" 2>&1)
  echo "| $N | – | seed --synthetic | $(( ($(ms_now) - start) / 1000 )) s | $(cut -d' ' -f1-3 /proc/loadavg) |"
  CARD=$("${AS_PG[@]}" "$PGBIN/psql" -h 127.0.0.1 -p $PGPORT -U postgres -d sr_bench -Atc \
    "SELECT \"Id\" FROM \"Cards\" WHERE \"Status\" = 'Published' ORDER BY \"Id\" LIMIT 1")

  for NODES in $COUNTS; do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    start=$(ms_now)
    for i in $(seq 1 "$NODES"); do
      (cd "$WEB" && exec dotnet "$BIN/ServiceRegistry.Web.dll" --urls "http://127.0.0.1:$((NODE_PORT0 + i - 1))" >"$TMP/node$i.log" 2>&1) &
      PIDS+=($!)
    done
    for i in $(seq 1 "$NODES"); do
      port=$((NODE_PORT0 + i - 1)) how=""
      for _ in $(seq 1800); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 300 "http://127.0.0.1:$port/healthz/ready" || true)
        if [ "$code" = 200 ]; then how="/healthz/ready"; break; fi
        if [ "$code" = 404 ] && curl -sf -o /dev/null --max-time 600 "http://127.0.0.1:$port/api/v1/services?pageSize=1"; then
          how="first list API answer"; break
        fi
        sleep 0.2
      done
      echo "| $N | $NODES | node $i ready after start ($how) | $(( ($(ms_now) - start) )) ms | $load |"
    done

    start_nginx "$NODES"
    for target in "/api/v1/services?pageSize=20" "/services/{id}"; do
      url=${target/\{id\}/$CARD}
      curl -sf -o /dev/null "http://127.0.0.1:$LB_PORT$url"   # warm
      load=$(cut -d' ' -f1-3 /proc/loadavg)
      wrk -t2 -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "http://127.0.0.1:$LB_PORT$url" >"$TMP/wrk.txt" 2>&1 || true
      rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.txt")
      p50=$(awk '/ 50%/ {print $2}' "$TMP/wrk.txt"); p99=$(awk '/ 99%/ {print $2}' "$TMP/wrk.txt")
      errors=$(grep -E 'Non-2xx|Socket errors' "$TMP/wrk.txt" | tr -s ' ' | tr '\n' ' ' || true)
      echo "| $N | $NODES | wrk -t2 -c$WRK_CONNECTIONS -d$WRK_DURATION $target via nginx | $rps req/s, p50 $p50, p99 $p99 ${errors} | $load |"
    done
    stop_nodes
  done
done
