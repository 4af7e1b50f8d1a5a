#!/usr/bin/env bash
# Several nodes of ServiceRegistry on one PostgreSQL, on this machine (docs/deploy.md says how on real machines).
#   ./scripts/cluster.sh [--nodes N] [--keep] [--no-build]
# Starts, under a temp dir: a private PostgreSQL 15 primary and a streaming hot standby (pg_basebackup -R), the app
# published once and run as N nodes (default 2) on 127.0.0.1, each with its own data directory (as on separate
# machines), and a private nginx in front (round robin, passive health checks, proxy headers; its X-Upstream header
# names the node that answered). Then a smoke test through nginx:
#   1. both nodes, started at the same moment on an empty database, become ready;
#   2. the catalog (page and API) lists exactly the demo services (one a card per file in Seeding/Demo);
#   3. a demo account signs in (form loaded on one node, posted to the other) and stays signed in across requests
#      answered by every node; a form loaded on one node posts back to another (sign-out);
#   4. with the primary stopped, the public catalog, a card page and the list API still answer (from the standby),
#      and a write answers 503, not 500.
# Stops everything it started (trap), unless --keep: then it prints the addresses and waits for Ctrl-C.
# Exit status: 0 when every check passed. Ports (127.0.0.1): nginx 6500, nodes 6511.., PostgreSQL 6550 (primary), 6551 (standby).
set -euo pipefail
cd "$(dirname "$0")/.."
# The demo cards (src/ServiceRegistry.Core/Seeding/Demo/*.json), all published.
DEMO_CARDS=$(ls "$(dirname "$0")/../src/ServiceRegistry.Core/Seeding/Demo/"*.json | wc -l)
# The catalog lists a national template and its instances (<name>.<province>.json) as one service.
DEMO_SERVICES=$(ls "$(dirname "$0")/../src/ServiceRegistry.Core/Seeding/Demo/"*.json | grep -vc '/[^/.]*\.[^/.]*\.json$')
ROOT=$(pwd)

NODES=2 KEEP=0 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) NODES=$2; shift ;;
    --keep) KEEP=1 ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

LB_PORT=${CLUSTER_LB_PORT:-6500}
NODE_PORT0=${CLUSTER_NODE_PORT:-6511}
PRIMARY_PORT=${CLUSTER_PG_PORT:-6550}
STANDBY_PORT=$((PRIMARY_PORT + 1))
DB=registry
LB="http://127.0.0.1:$LB_PORT"

log() { printf '\n== %s\n' "$*"; }
PASSED=() FAILED=()
pass() { PASSED+=("$1"); echo "  ok    $1"; }
fail() { FAILED+=("$1"); echo "  FAIL  $1"; }
check() { # description, condition (one string, evaluated)
  if eval "$2"; then pass "$1"; else fail "$1"; fi
}

# --- Debian packages ------------------------------------------------------------------------------
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql postgresql-contrib)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

for port in "$LB_PORT" "$PRIMARY_PORT" "$STANDBY_PORT" $(seq "$NODE_PORT0" $((NODE_PORT0 + NODES - 1))); do
  if (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then echo "port $port is in use (another cluster.sh --keep?)" >&2; exit 1; fi
done

TMP=$(mktemp -d /tmp/sr-cluster.XXXXXX)
chmod 755 "$TMP"
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); else AS_PG=(); fi
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  [ -f "$TMP/nginx/nginx.pid" ] && kill "$(cat "$TMP/nginx/nginx.pid")" 2>/dev/null
  for data in "$TMP/standby" "$TMP/primary"; do
    [ -f "$data/postmaster.pid" ] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
  done
  if [ "${KEEP_LOGS:-0}" = 1 ]; then echo "logs kept in $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- PostgreSQL: primary and streaming hot standby -----------------------------------------------
log "PostgreSQL ($PGBIN): primary on $PRIMARY_PORT, hot standby on $STANDBY_PORT"
mkdir -p "$TMP/primary" "$TMP/standby" "$TMP/pglog"
chmod 700 "$TMP/primary" "$TMP/standby"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$TMP/primary" "$TMP/standby" "$TMP/pglog"
# fsync off: a throw-away cluster on a shared disk (never in production)
pg_opts() { echo "-p $1 -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=200 -c hot_standby=on -c fsync=off"; }
"${AS_PG[@]}" "$PGBIN/initdb" -D "$TMP/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$TMP/primary" -l "$TMP/pglog/primary.log" -w -o "$(pg_opts "$PRIMARY_PORT")" start >/dev/null
"${AS_PG[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -qc "CREATE DATABASE $DB" >/dev/null
# -R writes primary_conninfo and standby.signal; -X stream copies the WAL written while the backup runs.
"${AS_PG[@]}" "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$TMP/standby" -R -X stream -c fast >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$TMP/standby" -l "$TMP/pglog/standby.log" -w -o "$(pg_opts "$STANDBY_PORT")" start >/dev/null
in_recovery=$("${AS_PG[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$STANDBY_PORT" -U postgres -d $DB -Atc "SELECT pg_is_in_recovery()")
check "standby is a hot standby in recovery" '[ "$in_recovery" = t ]'

# Writes: the primary only. Reads of the public catalog: the primary while it answers, else the standby.
WRITE_CS="Host=127.0.0.1:$PRIMARY_PORT,127.0.0.1:$STANDBY_PORT;Username=postgres;Database=$DB;Target Session Attributes=primary;Timeout=5"
READ_CS="Host=127.0.0.1:$PRIMARY_PORT,127.0.0.1:$STANDBY_PORT;Username=postgres;Database=$DB;Target Session Attributes=prefer-primary;Timeout=5"

# --- The app, published once ---------------------------------------------------------------------
APP="$TMP/app"
if [ "$BUILD" = 1 ]; then
  log "publishing the app (Release)"
  dotnet publish src/ServiceRegistry.Web -c Release -nologo -clp:ErrorsOnly -o "$APP" >/dev/null
else
  cp -r "$ROOT/src/ServiceRegistry.Web/bin/Release/net10.0" "$APP"
fi

log "starting $NODES nodes at the same moment on the empty database"
for i in $(seq 1 "$NODES"); do
  port=$((NODE_PORT0 + i - 1))
  mkdir -p "$TMP/node$i"
  (cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production \
      ConnectionStrings__Registry="$WRITE_CS" ConnectionStrings__RegistryRead="$READ_CS" \
      Registry__DataDirectory="$TMP/node$i" Registry__SeedDemoData=true \
      Security__RequireHttps=false \
      OTEL_SERVICE_NAME=service-registry OTEL_RESOURCE_ATTRIBUTES="service.instance.id=node$i" \
      dotnet ServiceRegistry.Web.dll --urls "http://127.0.0.1:$port" >"$TMP/node$i.log" 2>&1) &
  PIDS+=($!)
done

# --- nginx in front --------------------------------------------------------------------------------
mkdir -p "$TMP/nginx/temp"
[ "$(id -u)" = 0 ] && chown -R nobody "$TMP/nginx/temp"
{
  echo "worker_processes 1;"
  echo "pid $TMP/nginx/nginx.pid;"
  echo "error_log $TMP/nginx/error.log warn;"
  [ "$(id -u)" = 0 ] && echo "user nobody nogroup;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log $TMP/nginx/access.log;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $TMP/nginx/temp/$t;"; done
  echo "  upstream registry {"
  for i in $(seq 1 "$NODES"); do
    # passive health checks: two failed attempts take a node out for 10 s
    echo "    server 127.0.0.1:$((NODE_PORT0 + i - 1)) max_fails=2 fail_timeout=10s;"
  done
  echo "    keepalive 32;"
  echo "  }"
  cat <<EOF
  server {
    listen 127.0.0.1:$LB_PORT;
    client_max_body_size 110m;
    location / {
      proxy_pass http://registry;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Request-Id \$request_id;
      # a node that refuses or times out: the request goes to the next (GET/HEAD only; never a 503 of the app)
      proxy_next_upstream error timeout http_502 http_504;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
EOF
} >"$TMP/nginx/nginx.conf"
"$NGINX" -t -q -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf"
"$NGINX" -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf"
log "nginx on $LB"

# --- readiness ---------------------------------------------------------------------------------------
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }
READY=/healthz/ready
wait_ready() { # port, pid: /healthz/ready, or /healthz on a version without readiness
  local code
  for _ in $(seq 180); do
    code=$(status "http://127.0.0.1:$1$READY")
    [ "$code" = 200 ] && return 0
    if [ "$code" = 404 ] && [ "$READY" = /healthz/ready ]; then READY=/healthz; continue; fi
    kill -0 "$2" 2>/dev/null || return 1 # the node has stopped
    sleep 1
  done
  return 1
}
log "waiting for every node's readiness"
for i in $(seq 1 "$NODES"); do
  port=$((NODE_PORT0 + i - 1))
  # a node that crashed at start (a migration race) stays down
  if wait_ready "$port" "${PIDS[$((i - 1))]}"; then pass "node$i ready ($READY on $port)"; else fail "node$i ready ($READY on $port); last log lines:"; tail -5 "$TMP/node$i.log"; fi
done

# --- smoke test through nginx --------------------------------------------------------------------------
log "smoke test through nginx"
JAR="$TMP/cookies"
# the node that answered (the last one nginx tried)
upstream_of() { grep -i '^x-upstream:' "$1" | tr -d '\r' | awk '{print $NF}'; }
get() { # path, out-file: GET with the cookie jar; headers in out-file.h
  curl -s --max-time 30 -b "$JAR" -c "$JAR" -D "$2.h" -o "$2" -w '%{http_code}' "$LB$1" || true
}
token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
services_total() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$1" 2>/dev/null || echo "?"; }

code=$(get "/api/v1/services?pageSize=100" "$TMP/list.json")
total=$(services_total "$TMP/list.json")
check "list API: 200 with exactly $DEMO_SERVICES demo services (got $code, total $total)" '[ "$code" = 200 ] && [ "$total" = "$DEMO_SERVICES" ]'
demo_cards=$("${AS_PG[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d $DB -Atc 'SELECT count(*) FROM "Cards"' 2>/dev/null || echo "?")
check "database holds exactly $DEMO_CARDS cards (got $demo_cards)" '[ "$demo_cards" = "$DEMO_CARDS" ]'
code=$(get "/" "$TMP/catalog.html")
links=$(grep -o 'href="/services/[0-9]*"' "$TMP/catalog.html" | sort -u | wc -l)
check "catalog page: 200 with $DEMO_SERVICES service links (got $code, $links)" '[ "$code" = 200 ] && [ "$links" = "$DEMO_SERVICES" ]'

# Sign in: the form is loaded from one node and posted to the next (round robin).
code=$(get "/account/login" "$TMP/login.html")
login_node=$(upstream_of "$TMP/login.html.h")
token=$(token_of "$TMP/login.html")
post_code=$(curl -s --max-time 30 -b "$JAR" -c "$JAR" -D "$TMP/login-post.h" -o "$TMP/login-post.html" -w '%{http_code}' \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Form.Email=editor.lorestan@demo.example" \
  --data-urlencode "Form.Password=demo-1405-password" "$LB/account/login" || true)
post_node=$(upstream_of "$TMP/login-post.h")
check "sign-in form loaded on $login_node, posted to $post_node: 302 (got $post_code)" '[ "$post_code" = 302 ]'
[ "$NODES" -gt 1 ] && check "sign-in form was posted to another node than the one that served it" '[ "$login_node" != "$post_node" ]'

# Signed in on every node: the staff card list needs a sign-in (a node without the keys sends to the login page).
declare -A seen=()
signed_in_everywhere=1
for n in $(seq 1 $((NODES * 3))); do
  code=$(get "/cards" "$TMP/cards-$n.html")
  node=$(upstream_of "$TMP/cards-$n.html.h")
  seen[$node]=1
  if [ "$code" != 200 ]; then signed_in_everywhere=0; echo "    request $n on $node: $code"; fi
done
check "signed in on every answer of $((NODES * 3)) requests to /cards (nodes seen: ${!seen[*]})" '[ "$signed_in_everywhere" = 1 ]'
check "requests were answered by all $NODES nodes" '[ "${#seen[@]}" = "$NODES" ]'

# A form loaded on one node posts back to another: sign-out (antiforgery token + cookie issued by the first node).
get "/cards" "$TMP/form.html" >/dev/null
form_node=$(upstream_of "$TMP/form.html.h")
token=$(token_of "$TMP/form.html")
post_code=$(curl -s --max-time 30 -b "$JAR" -c "$JAR" -D "$TMP/logout.h" -o /dev/null -w '%{http_code}' \
  --data-urlencode "__RequestVerificationToken=$token" "$LB/account/logout" || true)
check "form loaded on $form_node posted to $(upstream_of "$TMP/logout.h"): 302, not 400 (got $post_code)" '[ "$post_code" = 302 ]'
code=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "$LB/cards" || true)
check "an anonymous visitor is sent to the sign-in page by /cards (got $code)" '[ "$code" = 302 ]'

# --- the primary stops -----------------------------------------------------------------------------
log "stopping the primary"
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$TMP/primary" -m fast -w stop >/dev/null
card=$(grep -o 'href="/services/[0-9]*"' "$TMP/catalog.html" | head -1 | sed 's/href="//; s/"$//')
# Public reads are anonymous: a new visitor, no cookies. Connections a node held to the stopped primary fail once
# (57P01), then Npgsql takes the standby; wait (at most 30 s) until the list answers again and say how long it took.
JAR="$TMP/anonymous"
stopped=$(date +%s%3N) recovered=""
for _ in $(seq 60); do
  if [ "$(status "$LB/api/v1/services?pageSize=1")" = 200 ]; then recovered=$(( $(date +%s%3N) - stopped )); break; fi
  sleep 0.5
done
check "primary down: the public list answers again through nginx (after ${recovered:-more than 30000} ms)" '[ -n "$recovered" ]'
for n in $(seq 1 "$NODES"); do
  code=$(get "/api/v1/services?pageSize=100" "$TMP/list-down-$n.json")
  total=$(services_total "$TMP/list-down-$n.json")
  check "primary down: list API on $(upstream_of "$TMP/list-down-$n.json.h"): 200 with $DEMO_SERVICES services (got $code, total $total)" '[ "$code" = 200 ] && [ "$total" = "$DEMO_SERVICES" ]'
  code=$(get "/" "$TMP/catalog-down-$n.html")
  check "primary down: catalog page on $(upstream_of "$TMP/catalog-down-$n.html.h"): 200 (got $code)" '[ "$code" = 200 ]'
  code=$(get "$card" "$TMP/card-down-$n.html")
  check "primary down: card page $card on $(upstream_of "$TMP/card-down-$n.html.h"): 200 (got $code)" '[ "$code" = 200 ]'
done
JAR="$TMP/writer"
code=$(get "/account/login" "$TMP/login-down.html")
token=$(token_of "$TMP/login-down.html")
code=$(curl -s --max-time 30 -b "$JAR" -c "$JAR" -o "$TMP/login-down-post.html" -w '%{http_code}' \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Form.Email=editor.lorestan@demo.example" \
  --data-urlencode "Form.Password=demo-1405-password" "$LB/account/login" || true)
check "primary down: a write (sign-in) answers 503, not 500 (got $code)" '[ "$code" = 503 ]'
code=$(curl -s --max-time 30 -o "$TMP/write-down.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' "$LB/api/v1/services" || true)
check "primary down: an API write answers 401/503, never 500 (got $code)" '[ "$code" = 401 ] || [ "$code" = 503 ]'

# --- summary ---------------------------------------------------------------------------------------
log "summary: ${#PASSED[@]} passed, ${#FAILED[@]} failed"
for f in "${FAILED[@]}"; do echo "  FAIL  $f"; done
if grep -h -E '"LogLevel":"(Error|Critical)"|fail: |crit: ' "$TMP"/node*.log >/dev/null 2>&1; then
  echo "  (the node logs have errors: expected after the primary stops; KEEP_LOGS=1 keeps $TMP)"
fi

if [ "$KEEP" = 1 ]; then
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$TMP/primary" -l "$TMP/pglog/primary.log" -w -o "$(pg_opts "$PRIMARY_PORT")" start >/dev/null || true
  echo
  echo "running: nginx $LB, nodes 127.0.0.1:$NODE_PORT0.., primary 127.0.0.1:$PRIMARY_PORT (restarted), standby 127.0.0.1:$STANDBY_PORT"
  echo "files and logs: $TMP. Ctrl-C stops everything."
  sleep infinity & wait $! # the trap runs at once on Ctrl-C or kill
fi
[ ${#FAILED[@]} = 0 ]
