#!/usr/bin/env python3
"""The 16 dashboard views of bench-catalog.py, each once (cold), against a running app whose catalog is loaded first;
then the dashboard for a word every card has and the national dashboard. Usage: bench-dashboard.py BASE_URL LABEL"""
import http.client, statistics, sys, time, urllib.parse
base, label = sys.argv[1], sys.argv[2]
host = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(host.hostname, host.port, timeout=120)
def get(path):
    t = time.perf_counter(); conn.request("GET", path); r = conn.getresponse(); r.read()
    assert r.status == 200, (path, r.status)
    return (time.perf_counter() - t) * 1000
filters = ["&type=G2C", "&type=G2B", "&level=provincial", "&lifeEvent=business", "&free=true", "&maturity=2",
           "&province=" + urllib.parse.quote("تهران"), "&province=" + urllib.parse.quote("فارس"), "&nature=sovereign"]
get("/api/v1/services?pageSize=1"); get("/healthz")
d = ["/dashboard?" + f.lstrip("&") for f in filters] + ["/dashboard?q=" + urllib.parse.quote(w) for w in ("پروانه", "شهرداری", "مستمری", "بیمه")] + ["/dashboard/province/" + urllib.parse.quote(p) for p in ("تهران", "فارس", "لرستان")]
lat = sorted(get(p) for p in d)
p95 = lat[max(0, -(-len(lat) * 95 // 100) - 1)]
w = get("/dashboard?q=" + urllib.parse.quote("درخواست"))
n = get("/dashboard")
print(f"| {label} | dashboard views cold | {len(lat)} | {statistics.median(lat):.1f} | {p95:.1f} | {lat[-1]:.1f} | word every card has {w:.1f} | /dashboard {n:.1f}")
