#!/usr/bin/env python3
"""Scenario 3: cursor walk over one source, following page.next.

Usage: walk.py <base-url> <api-key> <source> <size> <pages> <probe,...>
For each probe page (e.g. 1,100,1000) and the 9 pages after it, reads the source's upstream
call count from /actuator/prometheus just before and just after the request and times the
request. Each page of a walk has its own position, so no page is a cache hit; page 1 is asked
with Cache-Control: no-cache. Prints one JSON object.
"""
import json, statistics, sys, time, urllib.parse, urllib.request

base, key, source, size, pages, probes = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), [int(p) for p in sys.argv[6].split(",")]
WINDOW = 10

def get(path, extra=None):
    headers = {"X-API-Key": key}
    headers.update(extra or {})
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=30) as r:
        return r.read()

def upstream_calls():
    n = 0.0
    for line in get("/actuator/prometheus").decode().splitlines():
        if line.startswith("taskgateway_upstream_requests_seconds_count{") and f'source="{source}"' in line:
            n += float(line.rsplit(" ", 1)[1])
    return int(n)

measured = {p: [] for p in probes}
cursor, page, tasks, last_page_ms = None, 0, 0, []
started = time.monotonic()
while page < pages:
    page += 1
    q = {"source": source, "size": size}
    if cursor:
        q["cursor"] = cursor
    probe = next((p for p in probes if p <= page < p + WINDOW), None)
    before = upstream_calls() if probe else None
    t0 = time.perf_counter()
    body = json.loads(get("/tasks?" + urllib.parse.urlencode(q), {"Cache-Control": "no-cache"} if page == 1 else None))
    ms = (time.perf_counter() - t0) * 1000
    if probe:
        measured[probe].append({"page": page, "ms": round(ms, 2), "upstreamCalls": upstream_calls() - before})
    tasks += len(body["items"])
    cursor = body["page"].get("next")
    if not cursor:
        break

out = {"source": source, "size": size, "pagesWalked": page, "tasksSeen": tasks,
       "walkSeconds": round(time.monotonic() - started, 1), "probes": {}}
for p, rows in measured.items():
    if rows:
        out["probes"][str(p)] = {
            "pageMs": rows[0]["ms"], "pageUpstreamCalls": rows[0]["upstreamCalls"],
            "medianMsOf%d" % len(rows): round(statistics.median(r["ms"] for r in rows), 2),
            "upstreamCallsEach": [r["upstreamCalls"] for r in rows]}
print(json.dumps(out, indent=2))
