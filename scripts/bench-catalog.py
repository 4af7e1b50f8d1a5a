#!/usr/bin/env python3
"""Latency of the catalog against a running app: cold searches with facets (every query distinct, so the result
cache never answers), the card page, and the list API. Prints one markdown table row per measurement.
Usage: bench-catalog.py BASE_URL LABEL"""
import http.client, json, os, random, statistics, sys, time, urllib.parse

base, label = sys.argv[1], sys.argv[2]
host = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)

def get(path):
    t = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    return (time.perf_counter() - t) * 1000, r.status, body

# words people type: whole words and prefixes from the registry's vocabulary
words = ["صدور", "تمدید", "پروانه", "مجوز", "گواهی", "شهرداری", "بیمه", "کارت", "سند", "ثبت", "انشعاب", "مستمری", "استعلام",
         "پرو", "گوا", "شهردا", "ساختمان", "کسب", "بازنشستگی", "ازدواج", "مالیاتی", "اتباع", "حفر چاه", "پایان کار", "معاینه فنی",
         "درخواست", "بهداشت", "ورزشی", "صید", "دامداری", "تبلیغات", "حمل", "برق", "آب", "تحصیلی", "مطب", "نشر", "واردات", "مبدا"]
filters = ["", "&type=G2C", "&type=G2B", "&level=provincial", "&lifeEvent=business", "&free=true", "&maturity=2",
           "&province=" + urllib.parse.quote("تهران"), "&province=" + urllib.parse.quote("فارس"), "&nature=sovereign"]
random.seed(7)
queries = []
for w in words:
    for f in filters:
        queries.append("/api/v1/services?q=" + urllib.parse.quote(w) + f + "&pageSize=20")
random.shuffle(queries)
queries = queries[:300]
# facet-only lists (no text): every facet value, cold
facet_only = ["/api/v1/services?" + f.lstrip("&") + "&sort=title" for f in filters if f] + ["/api/v1/services?page=2"]

def summarize(lat, name):
    lat = sorted(lat)
    p95 = lat[max(0, -(-len(lat) * 95 // 100) - 1)] if len(lat) >= 20 else lat[-1]
    print(f"| {label} | {name} | {len(lat)} | {statistics.median(lat):.1f} | {p95:.1f} | {lat[-1]:.1f} |")

def measure(paths, name):
    lat = []
    for p in paths:
        ms, status, body = get(p)
        if status != 200:
            raise SystemExit(f"{p}: {status} {body[:200]}")
        lat.append(ms)
    summarize(lat, name)
    return lat

get("/healthz")
# the coverage matrix (province x template) before anything else has read the cards: the database's cold start
ms, status, _ = get("/templates/coverage")
if status != 200:
    raise SystemExit(f"/templates/coverage: {status}")
print(f"| {label} | coverage matrix /templates/coverage, first request after start | 1 | {ms:.1f} | | |")
# the first catalog request after start waits for the catalog index's full load (started in the background at start-up)
ms, _, _ = get("/api/v1/services?pageSize=1")
print(f"| {label} | first list request after start (waits for the catalog index to load) | 1 | {ms:.1f} | | |")
# grouping: how many results stand for a national template and its instances
_, _, body = get("/api/v1/services?pageSize=100&sort=title")
page = json.loads(body)
national = [i for i in page["items"] if i.get("templateId")]
offered = [i["offeredIn"] for i in national]
print(f"| {label} | grouped list: total {page['total']} services; of the first 100 by title, {len(national)} national "
      f"(offered in {min(offered, default=0)}-{max(offered, default=0)} provinces) | 1 | | | |")

# A query's text is "new" the first time it is searched; afterwards other filters and pages reuse its match set
# (cached per catalog stamp), as when a person searches and then narrows by facets.
seen, first_text, known_text = set(), [], []
for q in queries:
    text = q.split("&", 1)[0]
    (known_text if text in seen else first_text).append(q)
    seen.add(text)
lat = dict(zip(queries, measure(queries, "search + facets, cold (distinct queries: all)")))
summarize([lat[q] for q in first_text], "  of which the text's first search")
summarize([lat[q] for q in known_text], "  of which new filters on a searched text")
measure(facet_only, "facets only (no text), cold")

# Misspelt words (two letters swapped, one dropped, two words run together): nothing matches, so the answer carries a
# "did you mean" built from the published titles' words. The first one builds that word list.
def typos(w):
    if " " in w:
        yield w.replace(" ", "")
        return
    if len(w) >= 5:
        yield w[:2] + w[3] + w[2] + w[4:]
        yield w[:3] + w[4:]
typo_queries = [("/api/v1/services?q=" + urllib.parse.quote(t) + f + "&pageSize=20")
                for w in words if len(w) >= 5 for t in typos(w) for f in ("", "&type=G2C")]
first_ms, _, _ = get(typo_queries[0])
print(f"| {label} | first misspelt search after start (builds the title word list) | 1 | {first_ms:.1f} | | |")
suggested = 0
lat = []
for q in typo_queries[1:]:
    ms, status, body = get(q)
    if status != 200:
        raise SystemExit(f"{q}: {status} {body[:200]}")
    answer = json.loads(body)
    suggested += answer["total"] == 0 and answer.get("suggestion") is not None
    lat.append(ms)
summarize(lat, f"misspelt words, cold ({suggested} of {len(lat)} answered with a suggestion)")
measure(queries[:100], "search + facets, repeated (cached by stamp)")

# The e-readiness dashboard (figures, rankings, the services list) under filters and words, each view cold.
# BENCH_DASHBOARD=0 leaves it out (catalog and template figures only, on a busy machine).
if os.environ.get("BENCH_DASHBOARD", "1") != "0":
    dashboard = ["/dashboard" + ("?" + f.lstrip("&") if f else "") for f in filters[1:]] + \
        ["/dashboard?q=" + urllib.parse.quote(w) for w in ("پروانه", "شهرداری", "مستمری", "بیمه")] + \
        ["/dashboard/province/" + urllib.parse.quote(p) for p in ("تهران", "فارس", "لرستان")]
    measure(dashboard, "dashboard views (filters, words, provinces), cold")
    ms, _, _ = get("/dashboard?q=" + urllib.parse.quote("درخواست"))
    print(f"| {label} | dashboard for a word every card has («درخواست»), cold | 1 | {ms:.1f} | | |")

# card pages: ids from search results
ids = []
for p in queries[:40]:
    _, _, body = get(p)
    ids += [i["id"] for i in json.loads(body)["items"][:3]]
ids = list(dict.fromkeys(ids))[:100]
measure([f"/services/{i}" for i in ids], "card page /services/{id}")
measure([f"/api/v1/services/{i}" for i in ids], "card API /api/v1/services/{id}")

# National templates: the matrix page by page (each page read from the database: nothing cached), a template's
# coverage in the API, and a template's public page with "where to go" (the offices of every published instance).
templates = list(dict.fromkeys(i["templateId"] for i in national))[:40]
if templates:
    measure([f"/templates/coverage?page={n}" for n in range(1, 21)], "coverage matrix /templates/coverage?page=1..20")
    measure([f"/api/v1/templates/{t}/coverage" for t in templates], "template coverage API /api/v1/templates/{id}/coverage")
    measure([f"/services/{t}" for t in templates], "template page with where to go /services/{template}")
