#!/usr/bin/env bash
# Runs every test of ServiceRegistry on a fresh Debian machine of this kind.
# Installs what is missing (PostgreSQL, Chromium, poppler-utils) from Debian's packages, starts a private
# PostgreSQL cluster on 127.0.0.1 (stopped again at the end), builds once, then runs:
#   unit tests and integration tests on SQLite, beside the same integration tests on PostgreSQL; then browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/.test-output"
rm -rf "$OUT" && mkdir -p "$OUT"

log() { printf '\n== %s\n' "$*"; }

# --- 1. Debian packages -------------------------------------------------------------------------
need=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql postgresql-contrib)
[ -x /usr/bin/chromium ] || need+=(chromium)
# LibreOffice Writer converts .doc/.rtf forms for the importer (and makes the .pdf/.doc renderings of the accuracy tests).
[ -x /usr/lib/libreoffice/program/swriter ] || dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || dpkg -s libreoffice-writer >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# LibreOffice Calc opens the CSV export as a person would, to prove no cell becomes a formula (Security/InputsCsvTests).
dpkg -s libreoffice-calc-nogui >/dev/null 2>&1 || dpkg -s libreoffice-calc >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v python3 >/dev/null || need+=(python3)
python3 -c 'import jsonschema' 2>/dev/null || need+=(python3-jsonschema)
# the export tests open the .xlsx with openpyxl and expand the JSON-LD with pyld (Debian's /usr/bin/python3)
/usr/bin/python3 -c 'import pyld, openpyxl' 2>/dev/null || need+=(python3-pyld python3-openpyxl)
# the CPSV-AP SHACL check runs rdf-validate-shacl under Node (tools/shacl)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
PACKAGES_SECONDS=0
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  PACKAGES_SECONDS=$SECONDS
fi

# --- 2. A private PostgreSQL cluster on 127.0.0.1 ------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA="$(mktemp -d /tmp/sr-pgdata.XXXXXX)"
PGPORT=${REGISTRY_TEST_PGPORT:-55432}
while (echo >/dev/tcp/127.0.0.1/$PGPORT) 2>/dev/null; do PGPORT=$((PGPORT + 1)); done
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); chown postgres:postgres "$PGDATA"; else AS_PG=(); fi
stop_pg() { "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"; }
trap stop_pg EXIT
log "starting PostgreSQL ($PGBIN) on 127.0.0.1:$PGPORT"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export REGISTRY_PG_SERVER="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"

# Many in-process test apps each watch their configuration files; polling keeps them off the machine's inotify limit.
export DOTNET_USE_POLLING_FILE_WATCHER=1

# --- 3. Build once ------------------------------------------------------------------------------
# The SHACL validator of the CPSV-AP export (versions pinned by tools/shacl/package-lock.json; from the npm cache when offline)
log "installing the SHACL validator (tools/shacl)"
npm ci --prefix tools/shacl --no-audit --no-fund --prefer-offline --loglevel=error
log "building"
BUILD_STARTED=$SECONDS
dotnet build ServiceRegistry.slnx -c Release -nologo -clp:ErrorsOnly
BUILD_SECONDS=$((SECONDS - BUILD_STARTED))

# --- 4. Tests -----------------------------------------------------------------------------------
# Test processes are short-lived and run side by side on two cores: tiered PGO's instrumentation never pays back,
# and the thread pool's spinning burns the core the other lane needs (a fifth less CPU for the integration suites,
# see docs/decisions.md). Runtime tuning only; the app's behaviour is the same.
export DOTNET_TieredPGO=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
# Two lanes on the two cores: the PostgreSQL integration run (much of it waiting on the server) beside the unit tests
# the SQLite integration run and the short fuzz run; the browser tests last, alone (one Chromium, timing-sensitive). Each run writes its
# log and its result line to $OUT, so the lanes never share output. Each integration app copies a database migrated
# once per run (tests/ServiceRegistry.Testing/TestDatabase.cs).
run() { # name, project, extra env...
  local name=$1 project=$2; shift 2
  local status=0 started=$SECONDS
  env "$@" dotnet test --project "$project" -c Release --no-build > "$OUT/$name.log" 2>&1 || status=$?
  local total succeeded failed
  total=$(grep -E '^\s+total:' "$OUT/$name.log" | tail -1 | awk '{print $2}' || true)
  succeeded=$(grep -E '^\s+succeeded:' "$OUT/$name.log" | tail -1 | awk '{print $2}' || true)
  failed=$(grep -E '^\s+failed:' "$OUT/$name.log" | tail -1 | awk '{print $2}' || true)
  # A run fails on a non-zero exit, on any failed test, or when no test ran at all.
  local verdict=passed
  if [ "$status" != 0 ] || [ "${failed:-1}" != 0 ] || [ "${total:-0}" = 0 ]; then verdict=FAILED; fi
  echo "$verdict ${succeeded:-0}/${total:-0} $status $((SECONDS - started))" > "$OUT/$name.result"
  log "$name: $verdict (${succeeded:-0}/${total:-0}) in $((SECONDS - started)) s"
}
report() { # name: the result of one run (with its wall time), and the first lines of each failure
  local name=$1 verdict summary status seconds
  read -r verdict summary status seconds < "$OUT/$name.result"
  printf '  %-22s %s passed in %s s\n' "$name" "$summary" "$seconds"
  if [ "$verdict" != passed ]; then
    echo "FAILED: $name (exit $status; see $OUT/$name.log)"
    # The first lines of each failure, so a CI log that keeps only this output still says what went wrong.
    grep -E -A25 '^failed ' "$OUT/$name.log" | head -150 || true
    FAILED=1
  fi
}
RUNS=(unit integration-sqlite fuzz integration-postgres)
log "tests (PostgreSQL beside unit + SQLite + fuzz)"
run integration-postgres tests/ServiceRegistry.Web.Tests REGISTRY_TEST_POSTGRES="$REGISTRY_PG_SERVER" &
PG_LANE=$!
run unit tests/ServiceRegistry.Core.Tests
run integration-sqlite tests/ServiceRegistry.Web.Tests
run fuzz tests/ServiceRegistry.FuzzTests
wait $PG_LANE || true
if [ -d tests/ServiceRegistry.BrowserTests ]; then
  log "browser tests"
  run browser tests/ServiceRegistry.BrowserTests
  RUNS+=(browser)
fi

FAILED=0
log "summary"
for name in "${RUNS[@]}"; do report "$name"; done
echo "  PostgreSQL tests executed: $(cut -d' ' -f2 "$OUT/integration-postgres.result")"
echo "  whole run: $SECONDS s (packages $PACKAGES_SECONDS s, build $BUILD_SECONDS s)"
exit $FAILED
