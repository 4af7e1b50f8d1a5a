#!/usr/bin/env python3
"""Latency of the quarterly views against a running app (docs/benchmarks.md, "Quarterly figures"): the quarterly page
/dashboard/quarters (nation, provinces, agencies) and the figures API /api/v1/statistics (every quarter of the trend,
provinces, agencies). The first request after start is timed alone; then every view once (distinct URLs, nothing is
cached by the app), then the national page and API again (repeated). Prints one markdown table row per measurement.
Usage: bench-quarters.py BASE_URL LABEL"""
import http.client, json, statistics, sys, time, urllib.parse

base, label = sys.argv[1], sys.argv[2]
host = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(host.hostname, host.port, timeout=120)

def get(path):
    t = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise SystemExit(f"{path}: {r.status} {body[:200]}")
    return (time.perf_counter() - t) * 1000, body

def summarize(lat, name):
    lat = sorted(lat)
    p95 = lat[max(0, -(-len(lat) * 95 // 100) - 1)]
    print(f"| {label} | {name} | {len(lat)} | {statistics.median(lat):.1f} | {p95:.1f} | {lat[-1]:.1f} |")

def measure(paths, name):
    lat = [get(p)[0] for p in paths]
    summarize(lat, name)
    return lat

ms, _ = get("/dashboard/quarters")
print(f"| {label} | quarterly page, nation: first request after start | 1 | {ms:.1f} | | |")
ms, body = get("/api/v1/statistics")
print(f"| {label} | figures API, nation: first request after start | 1 | {ms:.1f} | | |")
last = json.loads(body)["period"]
year, q = int(last[:4]), int(last[-1])
periods = []
for _ in range(8):
    periods.append(f"{year:04d}-Q{q}")
    year, q = (year - 1, 4) if q == 1 else (year, q - 1)

provinces = ["تهران", "فارس", "لرستان", "خراسان رضوی", "اصفهان", "همدان", "یزد", "گیلان"]
agencies = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]
P = lambda p: urllib.parse.quote(p)
pages = ["/dashboard/quarters?province=" + P(p) for p in provinces] + [f"/dashboard/quarters?agency={a}" for a in agencies]
api = [f"/api/v1/statistics?period={p}" for p in periods] + \
      [f"/api/v1/statistics?period={periods[0]}&province={P(p)}" for p in provinces] + \
      [f"/api/v1/statistics?period={periods[0]}&agency={a}" for a in agencies]
page_lat = measure(pages, "quarterly page, provinces and agencies (distinct views)")
api_lat = measure(api, "figures API: 8 quarters nationally, provinces, agencies (distinct views)")
summarize(page_lat + api_lat, "quarterly views, all distinct views above")
measure(["/dashboard/quarters"] * 20, "quarterly page, nation, repeated")
measure([f"/api/v1/statistics?period={p}" for p in periods] * 2 + ["/api/v1/statistics"] * 4, "figures API, nation, repeated")
