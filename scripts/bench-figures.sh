#!/usr/bin/env bash
# Quarterly figures on the dashboard (docs/benchmarks.md, "Quarterly figures"): seeds N synthetic cards (eight quarters
# of returns per published card) on SQLite, starts the app (Release) on 127.0.0.1:$BENCH_PORT, and times the dashboard
# views that carry the figures section: the first request of each view after start (cold), then REPEAT more (warm p50/p95).
#   ./scripts/bench-figures.sh [N] [REPEAT]         e.g.  BENCH_PORT=7510 ./scripts/bench-figures.sh 100000 20
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
N=${1:-100000}
REPEAT=${2:-20}
PORT=${BENCH_PORT:-7510}
OUT="$ROOT/.bench"; mkdir -p "$OUT"
WEB="$ROOT/src/ServiceRegistry.Web"
DLL="$WEB/bin/Release/net10.0/ServiceRegistry.Web.dll"
export Registry__SeedDemoData=false Security__RequireHttps=false
unset ConnectionStrings__Registry || true
DATA="$OUT/figures-sqlite-$N"; rm -rf "$DATA"; mkdir -p "$DATA"
export Registry__DataDirectory="$DATA"

(cd "$WEB" && /usr/bin/time -f "%e s, peak %M KB" -o "$OUT/figures-seed-$N.time" dotnet "$DLL" seed --synthetic "$N" 2>"$OUT/figures-seed-$N.log" >/dev/null)
echo "seed --synthetic $N: $(cat "$OUT/figures-seed-$N.time"); returns: $(sqlite3 "$DATA/registry.db" 'select count(*) from QuarterlyReturns')"
echo "load average before measuring: $(uptime | sed 's/.*load average: //')"

(cd "$WEB" && exec dotnet "$DLL" --urls "http://127.0.0.1:$PORT" >"$OUT/figures-app-$N.log" 2>&1) &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$PORT/healthz/ready" >/dev/null 2>&1 && break; sleep 1; done

PROVINCE=$(sqlite3 "$DATA/registry.db" "select Province from Cards where Province is not null group by Province order by count(*) desc limit 1")
AGENCY=$(sqlite3 "$DATA/registry.db" "select AgencyId from Cards group by AgencyId order by count(*) desc limit 1")
CARD=$(sqlite3 "$DATA/registry.db" "select CardId from QuarterlyReturns limit 1")
PROV=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$PROVINCE")
echo "| view | cold ms | warm n | warm p50 ms | warm p95 ms |"
echo "|---|---|---|---|---|"
for path in "/dashboard" "/dashboard/province/$PROV" "/dashboard/agency/$AGENCY" "/api/v1/statistics" "/api/v1/statistics?province=$PROV" "/api/v1/services/$CARD/statistics"; do
  cold=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT$path")
  warm=$(for _ in $(seq 1 "$REPEAT"); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"; done | sort -n)
  p50=$(echo "$warm" | awk -v n="$REPEAT" 'NR==int((n+1)/2)')
  p95=$(echo "$warm" | awk -v n="$REPEAT" 'NR==int(n*0.95+0.999)')
  printf '| %s | %.0f | %s | %.0f | %.0f |\n' "$path" "$(echo "$cold*1000" | bc)" "$REPEAT" "$(echo "$p50*1000" | bc)" "$(echo "$p95*1000" | bc)"
done
echo "load average after: $(uptime | sed 's/.*load average: //')"
