#!/usr/bin/env python3
"""Read economy (DESIGN §8, issue 13): upstream calls per source for a cold walk of every task, then
for a dashboard minute over the same data, against a gateway running with shipped defaults.

Usage: economy.py <gateway base URL> <api key> <sources, comma-separated> <label>
Prints one JSON object (also the table rows of bench/RESULTS.md). Loopback only, bounded loops.
"""
import json
import sys
import time
import urllib.parse
import urllib.request

import gateway_metrics

BASE, KEY, SOURCES, LABEL = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
# The provider's largest page, as the simulators give it: the economy target is tasks / this + 2.
# Longlonglong has no documented maximum; the gateway asks 100 and its simulator caps at 50.
PAGE_SIZES = {"new-api": 100, "tikmatrix": 100, "nxlink": 1000, "longlonglong": 50}


def get(path, timeout=30):
    request = urllib.request.Request(BASE + path, headers={"X-API-Key": KEY})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        body = e.read()
        return e.code, json.loads(body) if body else None


def upstream_calls():
    return gateway_metrics.upstream_calls(BASE, KEY)


def total(calls, source):
    return sum(calls.get(source, {}).values())


def walk(query, limit_pages=2000):
    """Follows page.next; returns (ids, first page, pages, every page complete, states seen)."""
    ids, first, complete, states, cursor = [], None, True, set(), None
    for pages in range(1, limit_pages + 1):
        path = "/tasks?" + query + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")
        status, page = get(path)
        if status != 200:
            return ids, first or page, pages, False, {"HTTP %d" % status}
        first = first or page
        ids += [item["id"] for item in page["items"]]
        complete &= page["complete"]
        states |= {s["state"] for s in page["sources"] if s["state"] != "SKIPPED"}
        cursor = page["page"]["next"]
        if not cursor:
            return ids, first, pages, complete, states
    return ids, first, limit_pages, False, {"walk did not end"}


def main():
    sel = "source=" + SOURCES
    before = upstream_calls()
    started = time.monotonic()
    ids, first, pages, complete, states = walk(sel + "&size=37")
    cold_seconds = time.monotonic() - started
    after_cold = upstream_calls()
    sources = {s["id"]: s for s in first["sources"] if s["state"] != "SKIPPED"}

    minute_start = time.monotonic()
    filtered = [walk(sel + "&size=25&status=FAILED"), walk(sel + "&size=20&provider=new-api&status=RUNNING"),
                walk(sel + "&size=50&q=a"), walk(sel + "&size=30&status=RUNNING,PENDING")]
    searches = [get("/tasks?%s&size=20&q=zz%d" % (sel, i)) for i in range(60)]
    step = max(1, len(ids) // 30)
    details = [get("/tasks/" + urllib.parse.quote(i, safe="")) for i in ids[::step][:30]]
    stats_status, stats = get("/tasks/stats?" + sel)
    minute_seconds = time.monotonic() - minute_start
    after_minute = upstream_calls()

    rows = []
    for source, report in sources.items():
        provider = report["provider"]
        tasks = report.get("total")
        fewest = max(1, -(-tasks // PAGE_SIZES[provider])) if tasks else None
        rows.append({
            "source": source, "provider": provider, "tasks": tasks, "fewestPages": fewest,
            "coldWalkCalls": total(after_cold, source) - total(before, source),
            "minuteCalls": total(after_minute, source) - total(after_cold, source),
            "rateLimitedByProvider": after_minute.get(source, {}).get("rate_limited", 0)
                                     - before.get(source, {}).get("rate_limited", 0),
        })
    result = {
        "label": LABEL,
        "coldWalk": {"delivered": len(ids), "distinct": len(set(ids)), "expected": first["page"]["total"],
                     "totalExact": first["page"]["totalExact"], "pages": pages, "everyPageComplete": complete,
                     "statesSeen": sorted(states), "seconds": round(cold_seconds, 1)},
        "minute": {"filteredWalksComplete": [w[3] for w in filtered],
                   "searches200": sum(1 for s, _ in searches if s == 200),
                   "searchesComplete": sum(1 for s, b in searches if s == 200 and b["complete"]),
                   "details200": sum(1 for s, _ in details if s == 200), "details": len(details),
                   "statsStatus": stats_status, "statsTotal": stats and stats.get("total"),
                   "statsComplete": stats and stats.get("complete"), "seconds": round(minute_seconds, 1)},
        "sources": rows,
    }
    print(json.dumps(result, indent=1))


main()
