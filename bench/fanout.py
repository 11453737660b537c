#!/usr/bin/env python3
"""Uncached fan-out latency (DESIGN §8, issue 16): sequential `GET /tasks` with `Cache-Control: no-cache`,
paced so that every provider's budget holds, with what each source answered beside each sample.

Usage: fanout.py <gateway base URL> <api key> <sources, comma-separated> <warm-up requests> <requests> <gap s>

Why paced and not wrk: an uncached request re-reads every source. Longlonglong's whole list (500 demo
tasks, 10 pages) costs 10 calls of its 300 per 60 s, so an unpaced loop spends the budget in seconds, and
from then on the source answers STALE from its held read in a millisecond: the median would time the
cache, not the fan-out (bench/RESULTS.md, issue 16, third session). A sample counts only when every
selected source answered OK (read now, not from cache); the others are reported, never hidden.

Prints one JSON object. Loopback only; the loop is bounded by its request count.
"""
import http.client
import json
import statistics
import sys
import time
import urllib.parse

import gateway_metrics

BASE, KEY, SOURCES = sys.argv[1], sys.argv[2], sys.argv[3]
WARMUP, REQUESTS, GAP = int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
URL = BASE + "/tasks?source=" + SOURCES


def upstream_calls():
    """Upstream calls so far, summed over outcomes, by source."""
    return {source: sum(outcomes.values()) for source, outcomes in gateway_metrics.upstream_calls(BASE, KEY).items()}


# One kept-alive connection, as a dashboard holds one and as wrk times the reference page: a new
# connection per request would add its set-up (and Python's) to the gateway's side only.
TARGET = urllib.parse.urlsplit(URL)
CONNECTION = http.client.HTTPConnection(TARGET.hostname, TARGET.port, timeout=30)


def sample():
    started = time.perf_counter()
    CONNECTION.request("GET", TARGET.path + "?" + TARGET.query, headers={"X-API-Key": KEY, "Cache-Control": "no-cache"})
    response = CONNECTION.getresponse()
    body = response.read()
    millis = (time.perf_counter() - started) * 1000
    if response.status != 200:
        sys.exit("GET %s answered %d" % (URL, response.status))
    sources = {s["id"]: s for s in json.loads(body)["sources"] if s["state"] != "SKIPPED"}
    return millis, sources


def paced(count, record):
    next_at = time.monotonic()
    for _ in range(count):
        next_at += GAP
        record(*sample())
        time.sleep(max(0.0, next_at - time.monotonic()))


samples = []
paced(WARMUP, lambda millis, sources: None)
calls_before = upstream_calls()
paced(REQUESTS, lambda millis, sources: samples.append((millis, sources)))
calls_after = upstream_calls()

ok = [(millis, sources) for millis, sources in samples if all(s["state"] == "OK" for s in sources.values())]
not_ok = {}
for _, sources in samples:
    for source_id, s in sources.items():
        if s["state"] != "OK":
            not_ok[source_id + "=" + s["state"]] = not_ok.get(source_id + "=" + s["state"], 0) + 1


def median(values):
    values = list(values)
    return round(statistics.median(values), 1) if values else None


print(json.dumps({
    "requests": len(samples),
    "allOk": len(ok),
    "notOk": not_ok,
    "medianMs": median(m for m, _ in ok),
    "p90Ms": round(sorted(m for m, _ in ok)[int(0.9 * (len(ok) - 1))], 1) if ok else None,
    "medianMsAllSamples": median(m for m, _ in samples),
    # Each source's own latency in the same requests (read, parsed and mapped, all its pages), and
    # the slowest of them per request: the request can be no faster than its slowest source.
    "sourceMedianMs": {sid: median(s[sid]["latencyMs"] for _, s in ok) for sid in (ok[0][1] if ok else {})},
    "slowestSourceMedianMs": median(max(s["latencyMs"] for s in sources.values()) for _, sources in ok),
    "overOwnSlowestSource": median(m / max(s["latencyMs"] for s in sources.values()) for m, sources in ok),
    "upstreamCallsPerRequest": {k: round((calls_after.get(k, 0) - calls_before.get(k, 0)) / max(1, len(samples)), 1)
                                for k in sorted(calls_after)},
}))
