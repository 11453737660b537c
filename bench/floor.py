#!/usr/bin/env python3
"""Scenario 1's floor on this machine (bench/README.md): the pages an uncached `/tasks` reads, fired at
the simulators all at once from threads, each on its own kept-alive connection, and read whole; no
parsing. What the slowest of them takes beyond one page asked alone is what the simulators' own work
on 2 shared cores adds, for any client.

Usage: floor.py <pages file> <warm-up rounds> <rounds> <gap s>
The file has one request a line: the URL, then `Name: value` headers, tab-separated; a URL marked with
a leading `!` is asked in the timed rounds only (new-api's, whose budget the simulator enforces).
Prints one JSON object. Loopback only; bounded by its round counts.
"""
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse

PAGES_FILE, WARMUP, ROUNDS, GAP = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])

pages = []
for line in open(PAGES_FILE):
    if line.strip():
        url, *headers = line.rstrip("\n").split("\t")
        pages.append((urllib.parse.urlsplit(url.lstrip("!")), dict(h.split(":", 1) for h in headers), url.startswith("!")))
connections = [http.client.HTTPConnection(u.hostname, u.port, timeout=30) for u, _, _ in pages]


def fetch(i, out):
    u, headers, _ = pages[i]
    started = time.perf_counter()
    connections[i].request("GET", u.path + "?" + u.query, headers={k.strip(): v.strip() for k, v in headers.items()})
    response = connections[i].getresponse()
    body = response.read()
    out[i] = ((time.perf_counter() - started) * 1000, response.status, len(body))


rounds = []
for r in range(WARMUP + ROUNDS):
    asked = [i for i, (_, _, timed_only) in enumerate(pages) if r >= WARMUP or not timed_only]
    out = [None] * len(pages)
    threads = [threading.Thread(target=fetch, args=(i, out)) for i in asked]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = (time.perf_counter() - started) * 1000
    if any(out[i] is None or out[i][1] != 200 for i in asked):
        sys.exit("a page failed: %s" % [out[i] and out[i][1] for i in asked])
    if r >= WARMUP:
        rounds.append((elapsed, max(o[0] for o in out), sum(o[2] for o in out)))
    time.sleep(GAP)

print(json.dumps({
    "pages": len(pages),
    "bytesPerRound": rounds[-1][2],
    "rounds": len(rounds),
    "medianSlowestPageMs": round(statistics.median(r[1] for r in rounds), 1),
    "medianRoundMs": round(statistics.median(r[0] for r in rounds), 1),
}))
