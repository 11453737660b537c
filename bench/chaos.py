#!/usr/bin/env python3
"""Chaos driver of bench/chaos.sh: steady load, random faults, breaker and heap sampling, asserts.

Usage: chaos.py <gateway-url> <api-key> <gateway-pid> <seconds> <rate> <out-dir>
Simulators on 28901 (longlonglong), 28902 (nxlink, two sources), 28903 (new-api), 28904 (tikmatrix).
"""
import concurrent.futures, json, random, re, subprocess, sys, threading, time, urllib.error, urllib.request

GW, KEY, PID, SECONDS, RATE, OUT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
DEADLINE_S, MARGIN_S = 8.0, 0.5
RECOVERY_S = 25                  # faults off at the end, load on: open breakers must close again (open state 10 s)
SIMS = {"longlonglong": 28901, "nxlink": 28902, "new-api": 28903, "tikmatrix": 28904}
SOURCES = {"longlonglong": ["llcall"], "nxlink": ["nxlink-hk", "nxlink-us"], "new-api": ["newapi"], "tikmatrix": ["tikmatrix-pc1"]}
HEALTHY = {"latency": "PT0S", "down": False, "resetRate": 0, "errorRate": 0, "garbageRate": 0, "slowRate": 0, "slowDelay": "PT0S"}
FAULTS = [
    ("errors", {"errorRate": 0.6}), ("errors-all", {"errorRate": 1.0}),
    ("slow-past-timeout", {"slowRate": 0.7, "slowDelay": "PT3S"}),
    ("resets", {"resetRate": 0.6}), ("garbage", {"garbageRate": 0.6}),
    ("down", {"down": True}), ("mixed", {"errorRate": 0.2, "resetRate": 0.2, "garbageRate": 0.2, "slowRate": 0.2, "slowDelay": "PT3S"}),
]
rng = random.Random(int(time.time()))
lock = threading.Lock()
# per simulator: list of (since, until, fault name); HEALTHY periods are named "healthy"
timeline = {s: [] for s in SIMS}
state = {s: ("healthy", time.time()) for s in SIMS}
results, breaker_samples, heap_samples, events = [], [], [], []
stop = threading.Event()
T0 = time.time()

def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

def put_faults(sim, body):
    req = urllib.request.Request(f"http://127.0.0.1:{SIMS[sim]}/__sim/faults", data=json.dumps(body).encode(), method="PUT",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=5).read()

def set_state(sim, name, body):
    """Healthy is recorded as starting after the PUT answered; a fault as starting before it was sent."""
    now = time.time()
    with lock:
        prev, since = state[sim]
        if name != "healthy":
            timeline[sim].append((since, now, prev)); state[sim] = (name, now)
    put_faults(sim, dict(HEALTHY, **body))
    now2 = time.time()
    with lock:
        if name == "healthy":
            prev, since = state[sim]
            timeline[sim].append((since, now2, prev)); state[sim] = (name, now2)
    events.append({"t": round(now - T0, 1), "sim": sim, "fault": name})

def healthy_during(t0, t1):
    """Simulators fault-free for the whole interval [t0, t1]."""
    with lock:
        snapshot = {s: list(timeline[s]) + [(state[s][1], float("inf"), state[s][0])] for s in SIMS}
    ok = []
    for s, periods in snapshot.items():
        if all(name == "healthy" for (a, b, name) in periods if a < t1 and b > t0):
            ok.append(s)
    return ok

def chaos_loop():
    """Every 4-8 s re-rolls one simulator's faults. One 'anchor' simulator stays healthy; the anchor
    moves now and then, and the old one stays healthy 15 s more so a breaker of the new anchor that
    is still open has time to close before the old one may fail."""
    anchor, anchor_since, keep = rng.choice(list(SIMS)), time.time(), {}
    while not stop.wait(rng.uniform(4, 8)):
        now = time.time()
        if now - anchor_since > 60 and rng.random() < 0.3:
            new = rng.choice([s for s in SIMS if s != anchor])
            set_state(new, "healthy", {})
            keep[anchor] = now + 15
            anchor, anchor_since = new, now
            log(f"anchor -> {anchor}")
            continue
        candidates = [s for s in SIMS if s != anchor and keep.get(s, 0) < now]
        if not candidates:
            continue
        sim = rng.choice(candidates)
        if rng.random() < 0.35:
            set_state(sim, "healthy", {})
        else:
            name, body = rng.choice(FAULTS)
            set_state(sim, name, body)

def request(i, t_sched):
    kind = i % 10
    path = "/tasks?size=20" if kind < 6 else "/tasks?size=20&status=FAILED,RUNNING" if kind < 8 else "/tasks?size=50"
    headers = {"X-API-Key": KEY}
    if kind in (1, 4, 7):
        headers["Cache-Control"] = "no-cache"
    t0 = time.time()
    status, states = 0, {}
    try:
        with urllib.request.urlopen(urllib.request.Request(GW + path, headers=headers), timeout=20) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    except Exception as e:  # connection failure or client timeout: never acceptable
        body = str(e).encode()
    t1 = time.time()
    try:
        states = {s["source"] if "source" in s else s.get("id"): s.get("state") for s in json.loads(body).get("sources", [])}
    except Exception:
        pass
    rec = {"i": i, "t0": t0, "t1": t1, "lateStartS": round(t0 - t_sched, 3), "ms": round((t1 - t0) * 1000, 1),
           "status": status, "states": states, "path": path, "noCache": "Cache-Control" in headers}
    with lock:
        results.append(rec)

def prometheus():
    req = urllib.request.Request(GW + "/actuator/prometheus", headers={"X-API-Key": KEY})
    return urllib.request.urlopen(req, timeout=10).read().decode()

def breaker_loop():
    pat = re.compile(r'^resilience4j_circuitbreaker_state\{[^}]*name="([^"]+)"[^}]*state="([^"]+)"[^}]*\} 1\.0', re.M)
    pat2 = re.compile(r'^resilience4j_circuitbreaker_state\{[^}]*state="([^"]+)"[^}]*name="([^"]+)"[^}]*\} 1\.0', re.M)
    while not stop.wait(1.0):
        try:
            text = prometheus()
        except Exception as e:
            log(f"prometheus scrape failed: {e}"); continue
        states = {n: s for n, s in pat.findall(text)} or {n: s for s, n in pat2.findall(text)}
        breaker_samples.append((time.time() - T0, states))

def heap_after_gc():
    subprocess.run(["jcmd", PID, "GC.run"], capture_output=True, timeout=60)
    info = subprocess.run(["jcmd", PID, "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    m = re.search(r"heap\s+total \d+K, used (\d+)K", info)
    return int(m.group(1)) if m else None

def heap_loop(marks):
    for mark in marks:
        if stop.wait(max(0, T0 + mark - time.time())):
            return
        kb = heap_after_gc()
        heap_samples.append((mark, kb))
        log(f"t={mark}s heap used after GC: {kb} KB")

# --- run ---------------------------------------------------------------------------------------
for s in SIMS:
    set_state(s, "healthy", {})
heap_start = min(120, max(10, SECONDS // 5))            # "minute 2" (scaled for short dry runs)
marks = sorted({heap_start} | set(range(heap_start + 60, SECONDS, 60)) | {SECONDS - 2})
threads = [threading.Thread(target=chaos_loop, daemon=True), threading.Thread(target=breaker_loop, daemon=True),
           threading.Thread(target=heap_loop, args=(marks,), daemon=True)]
for t in threads:
    t.start()
log(f"chaos for {SECONDS}s at {RATE} req/s, then {RECOVERY_S}s recovery; heap samples at {marks}")
pool = concurrent.futures.ThreadPoolExecutor(max_workers=256)
total = int((SECONDS + RECOVERY_S) * RATE)
chaos_over = False
for i in range(total):
    t_sched = T0 + i / RATE
    if not chaos_over and t_sched - T0 >= SECONDS:
        chaos_over = True
        stop_chaos = True
        threads[0].join(0)  # chaos loop checks `stop`; stop it by clearing faults after marking
        log("chaos over: all faults off, recovery")
        stop.set()  # stops chaos + breaker + heap loops
        for t in threads:
            t.join(timeout=70)
        for s in SIMS:
            set_state(s, "healthy", {})
        stop.clear()
        threads[1] = threading.Thread(target=breaker_loop, daemon=True); threads[1].start()
    delay = t_sched - time.time()
    if delay > 0:
        time.sleep(delay)
    pool.submit(request, i, t_sched)
pool.shutdown(wait=True)
stop.set()
threads[1].join(timeout=5)
end_t = time.time() - T0

# --- assertions --------------------------------------------------------------------------------
failures = []
chaos_end = T0 + SECONDS
fivexx = [r for r in results if r["status"] >= 500 or r["status"] == 0]
fivexx_healthy = [r for r in fivexx if healthy_during(r["t0"], r["t1"])]
late = [r for r in results if r["ms"] > (DEADLINE_S + MARGIN_S) * 1000]
other = [r for r in results if r["status"] not in (200,) and r not in fivexx]
if fivexx_healthy:
    failures.append(f"{len(fivexx_healthy)} 5xx/failed responses while a source was healthy")
if late:
    failures.append(f"{len(late)} responses slower than {DEADLINE_S + MARGIN_S}s")
if other:
    failures.append(f"{len(other)} responses neither 200 nor 5xx: {sorted({r['status'] for r in other})}")
opened, closed_after = set(), set()
for t, st in breaker_samples:
    for name, s in st.items():
        if s in ("open", "OPEN"):
            opened.add(name)
        elif name in opened and s in ("closed", "CLOSED"):
            closed_after.add(name)
final = breaker_samples[-1][1] if breaker_samples else {}
if not opened:
    failures.append("no breaker opened")
if opened - closed_after:
    failures.append(f"breakers opened and never closed again: {sorted(opened - closed_after)}")
not_closed = {n: s for n, s in final.items() if s not in ("closed", "CLOSED")}
if not_closed:
    failures.append(f"breakers not closed after recovery: {not_closed}")
heap_ok = None
valid = [(m, kb) for m, kb in heap_samples if kb is not None]
if len(valid) >= 2:
    first, last = valid[0][1], valid[-1][1]
    allowed = max(first * 1.25, first + 16 * 1024)
    heap_ok = last <= allowed
    if not heap_ok:
        failures.append(f"heap after GC grew from {first} KB (t={valid[0][0]}s) to {last} KB (t={valid[-1][0]}s), allowed {int(allowed)} KB")
else:
    failures.append("not enough heap samples")

lat = sorted(r["ms"] for r in results)
pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else None
state_counts = {}
for r in results:
    for s in r["states"].values():
        state_counts[s] = state_counts.get(s, 0) + 1
status_counts = {}
for r in results:
    status_counts[r["status"]] = status_counts.get(r["status"], 0) + 1
fault_counts = {}
for e in events:
    fault_counts[e["fault"]] = fault_counts.get(e["fault"], 0) + 1
summary = {
    "seconds": SECONDS, "recoverySeconds": RECOVERY_S, "rate": RATE, "requests": len(results),
    "statuses": status_counts, "fivexxTotal": len(fivexx), "fivexxWhileHealthy": len(fivexx_healthy),
    "latencyMs": {"p50": pct(50), "p99": pct(99), "max": lat[-1] if lat else None},
    "overDeadline": len(late), "maxScheduleLagS": max((r["lateStartS"] for r in results), default=None),
    "sourceStates": state_counts, "faultChanges": fault_counts,
    "breakersOpened": sorted(opened), "breakersClosedAgain": sorted(closed_after), "breakersAtEnd": final,
    "heapUsedAfterGcKB": heap_samples, "heapOk": heap_ok, "failures": failures, "ok": not failures,
}
json.dump({"summary": summary, "events": events, "results": results}, open(f"{OUT}/chaos-run.json", "w"))
print(json.dumps(summary, indent=2))
sys.exit(0 if not failures else 1)
