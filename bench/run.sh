#!/usr/bin/env bash
# Task Gateway benchmarks (DESIGN §8, issue 10). Loopback only; every step bounded in time.
# Builds the jar, starts two simulator processes and the gateway, runs scenarios 1-4 (wrk, fanout.py, walk.py),
# prints a summary and writes it to bench/out/summary.txt. See bench/README.md.
#
# Env: SKIP_BUILD=1 reuse target/*.jar; JAVA=/path/to/java; SCENARIOS ("1 2 3") which to run;
# JVM_OPTS the flags of BOTH the gateway and the bare app of scenario 2 (default: the Dockerfile's
# memory flags, with -XX:MaxRAM standing in for a 512 MB container limit; docs/operations.md);
# GATEWAY_JVM_OPTS="..." extra gateway-only flags (e.g. -XX:NativeMemoryTracking=summary,
# -XX:StartFlightRecording=...); NMT=1 dumps jcmd VM.native_memory summary after scenario 3;
# DURATION2 (15) wrk seconds; FANOUT_WARMUP (6), FANOUT_REQUESTS (18), FANOUT_GAP (2.5 s) pace scenario 1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT

GW_PORT=${GW_PORT:-18080}; NGINX_PORT=${NGINX_PORT:-18981}
GW="http://127.0.0.1:$GW_PORT"; KEY="X-API-Key: bench-key-not-a-secret"
SOURCES="tikmatrix-pc1,llcall,nxlink-hk,nxlink-us,newapi"     # the five demo sources (not newapi-big)
# Scenario 1 re-reads every source per request (no-cache), paced inside every provider's budget.
D2=${DURATION2:-15}
SCENARIOS=" ${SCENARIOS:-1 2 3} "; want() { [[ "$SCENARIOS" == *" $1 "* ]]; }
# Same flags for the gateway and the bare app: the Dockerfile's ENTRYPOINT flags plus MaxRAM as the
# container's memory limit (a JVM in a container reads the limit from the cgroup instead).
JVM_OPTS=${JVM_OPTS:-"-XX:MaxRAM=512m -XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"}
SUMMARY="$OUT/summary.txt"; : >"$SUMMARY"
say() { echo "$*" | tee -a "$SUMMARY"; }

need_packages wrk:wrk nginx:nginx-light curl:curl
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
build_jar

say "== Task Gateway bench $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
say "jdk: $("$JAVA" -version 2>&1 | head -2 | tr '\n' ' ')"
say "wrk: $(wrk -v 2>&1 | head -1); nginx: $("$NGINX" -v 2>&1)"
say "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
say "JVM flags of the gateway and the bare app: $JVM_OPTS ${GATEWAY_JVM_OPTS:+(gateway also: $GATEWAY_JVM_OPTS)}"

# --- processes ---------------------------------------------------------------------------------
start_simulators sim-100ms --taskgateway.demo.latency=100ms
want 3 && start_simulators sim-100k --taskgateway.demo.tasks-per-provider=100000 \
  --taskgateway.demo.ports.longlonglong=19901 --taskgateway.demo.ports.nxlink=19902 \
  --taskgateway.demo.ports.new-api=19903 --taskgateway.demo.ports.tikmatrix=19904
wait_http http://127.0.0.1:18904/__sim/faults 120
want 3 && wait_http http://127.0.0.1:19903/__sim/faults 180
log "simulators up"

T0=$(now_ms)
# shellcheck disable=SC2086
"$JAVA" $JVM_OPTS ${GATEWAY_JVM_OPTS:-} -jar "$GATEWAY_JAR" --server.port="$GW_PORT" --spring.profiles.active=bench \
  --spring.config.additional-location="file:$ROOT/bench/application-bench.yml" >"$OUT/gateway.log" 2>&1 &
GW_PID=$!; PIDS+=("$GW_PID")
wait_http "$GW/actuator/health/readiness" 120
STARTUP_MS=$(( $(now_ms) - T0 ))
say "gateway jar: $GATEWAY_JAR"
say "gateway pid $GW_PID; JVM flags: $(jcmd "$GW_PID" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E -- '^-XX:(MaxHeapSize=|\+Use[A-Za-z]*GC$)' | tr '\n' ' ')"
say "[4] start-up to ready (JVM launch -> /actuator/health/readiness 200): ${STARTUP_MS} ms; RSS at ready $(( $(rss_kb "$GW_PID") / 1024 )) MB"

# wrk output -> "p50_ms p99_ms req_per_s"
wrk_numbers() {
  awk 'function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; if (v ~ /m$/) return v*60000; return v }
       $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)} $1=="Requests/sec:" {rps=$2}
       END {printf "%.1f %.1f %.1f\n", p50, p99, rps}' "$1"
}

# Scenario 2 runs first: scenario 1 asks every provider once per request (no-cache) and spends
# Longlonglong's budget (300 per 60 s) within seconds; a source answering STALE makes every list
# answer incomplete, and incomplete answers are never kept rendered, so scenario 2 after it would
# measure re-rendering, not the cached list.
# --- 2: cached /tasks?size=20 vs nginx, the bare MVC app and liveness ------------------------------
# Four ways, one run, same bytes: nginx serving them as a file, a bare Spring Boot MVC app (bench/
# bare-app, same Boot and Tomcat, same JVM flags) returning them, the gateway's liveness probe and
# the gateway's cached list. The ratios against the bare app are the targets (issue 16).
RSS2="$OUT/rss-s2.txt"; : >"$RSS2"
if want 2; then
BARE_PORT=${BARE_PORT:-18982}; STACK_PORT=${STACK_PORT:-18983}
URL2="$GW/tasks?size=20&source=$SOURCES"
mkdir -p "$OUT/www" "$OUT/nginx"
curl -sf -H "$KEY" "$URL2" -o "$OUT/www/tasks.json"
cat >"$OUT/nginx/nginx.conf" <<NGX
worker_processes auto;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  client_body_temp_path $OUT/nginx/tmp; proxy_temp_path $OUT/nginx/tmp; fastcgi_temp_path $OUT/nginx/tmp;
  uwsgi_temp_path $OUT/nginx/tmp; scgi_temp_path $OUT/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $OUT/www;
    location = /tasks { default_type application/json; try_files /tasks.json =404; }
  }
}
NGX
mkdir -p "$OUT/nginx/tmp"
"$NGINX" -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" -g 'daemon off;' >"$OUT/nginx/stdout.log" 2>&1 &
PIDS+=($!)
# shellcheck disable=SC2086
"$JAVA" $JVM_OPTS -jar "$BARE_JAR" --server.port="$BARE_PORT" --bench.body="$OUT/www/tasks.json" >"$OUT/bare-app.log" 2>&1 &
BARE_PID=$!; PIDS+=("$BARE_PID")
# shellcheck disable=SC2086
"$JAVA" $JVM_OPTS -jar "$STACK_JAR" --server.port="$STACK_PORT" --bench.body="$OUT/www/tasks.json" >"$OUT/stack-app.log" 2>&1 &
STACK_PID=$!; PIDS+=("$STACK_PID")
wait_http "http://127.0.0.1:$NGINX_PORT/tasks" 20
wait_http "http://127.0.0.1:$BARE_PORT/tasks" 120
wait_http "http://127.0.0.1:$STACK_PORT/tasks" 120
cmp -s "$OUT/www/tasks.json" <(curl -sf "http://127.0.0.1:$BARE_PORT/tasks") || { log "bare app body differs"; exit 1; }
cmp -s "$OUT/www/tasks.json" <(curl -sf "http://127.0.0.1:$STACK_PORT/tasks") || { log "stack app body differs"; exit 1; }
say "[2] body: $(wc -c <"$OUT/www/tasks.json") bytes; nginx :$NGINX_PORT serves it as a file, bare app :$BARE_PORT (pid $BARE_PID) from memory"
say "[2] command: wrk -t2 -c32 -d${D2}s --latency <url>, after a 5 s warm-up of each JVM   (list: -H '$KEY' '$URL2')"
RSSB="$OUT/rss-s2-bare.txt"; : >"$RSSB"; RSSS="$OUT/rss-s2-stack.txt"; : >"$RSSS"
heap_before_gw=$(live_heap_mb "$GW_PID"); heap_before_bare=$(live_heap_mb "$BARE_PID")
wrk -t2 -c32 -d5s "http://127.0.0.1:$BARE_PORT/tasks" >"$OUT/s2-bare-warmup.txt"
wrk -t2 -c32 -d5s "http://127.0.0.1:$STACK_PORT/actuator/health/liveness" >"$OUT/s2-stack-liveness-warmup.txt"
wrk -t2 -c32 -d5s "http://127.0.0.1:$STACK_PORT/tasks" >"$OUT/s2-stack-warmup.txt"
wrk -t2 -c32 -d5s "$GW/actuator/health/liveness" >"$OUT/s2-liveness-warmup.txt"
wrk -t2 -c32 -d5s -H "$KEY" "$URL2" >"$OUT/s2-warmup.txt"
LOAD2="$(cut -d' ' -f1-3 /proc/loadavg)"
say "    load average before: $LOAD2"
wrk -t2 -c32 -d"${D2}s" --latency "http://127.0.0.1:$NGINX_PORT/tasks" >"$OUT/s2-nginx.txt"
SAMPLER=$(sample_rss "$BARE_PID" "$RSSB")
wrk -t2 -c32 -d"${D2}s" --latency "http://127.0.0.1:$BARE_PORT/tasks" >"$OUT/s2-bare.txt"
kill "$SAMPLER" 2>/dev/null || true
# The stack app under the gateway's two loads (its liveness probe, then the list's bytes): what the
# decided stack (DESIGN §2) costs on its own, beside which the gateway's own cost can be seen.
SAMPLER=$(sample_rss "$STACK_PID" "$RSSS")
wrk -t2 -c32 -d"${D2}s" --latency "http://127.0.0.1:$STACK_PORT/actuator/health/liveness" >"$OUT/s2-stack-liveness.txt"
wrk -t2 -c32 -d"${D2}s" --latency "http://127.0.0.1:$STACK_PORT/tasks" >"$OUT/s2-stack.txt"
kill "$SAMPLER" 2>/dev/null || true
SAMPLER=$(sample_rss "$GW_PID" "$RSS2")
wrk -t2 -c32 -d"${D2}s" --latency "$GW/actuator/health/liveness" >"$OUT/s2-liveness.txt"
wrk -t2 -c32 -d"${D2}s" --latency -H "$KEY" "$URL2" >"$OUT/s2-gateway.txt"
# What the cached list was made of: a source not OK makes every answer incomplete, and an
# incomplete answer is rendered anew for each request (never kept), so say so beside the number.
curl -s -H "$KEY" "$GW/actuator/prometheus" -o "$OUT/s2-prometheus.txt" || true
STATES2=$(curl -s -H "$KEY" "$URL2" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(s["id"]+"="+s["state"]+("("+s["error"]["code"]+")" if s.get("error") else "") for s in d["sources"] if s["state"]!="SKIPPED"))' 2>/dev/null || echo unknown)
kill "$SAMPLER" 2>/dev/null || true
say "    load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r N50 N99 NRPS < <(wrk_numbers "$OUT/s2-nginx.txt")
read -r B50 B99 BRPS < <(wrk_numbers "$OUT/s2-bare.txt")
read -r L50 L99 LRPS < <(wrk_numbers "$OUT/s2-liveness.txt")
read -r G50 G99 GRPS < <(wrk_numbers "$OUT/s2-gateway.txt")
read -r SL50 SL99 SLRPS < <(wrk_numbers "$OUT/s2-stack-liveness.txt")
read -r S50 S99 SRPS < <(wrk_numbers "$OUT/s2-stack.txt")
for f in s2-gateway s2-nginx s2-bare s2-liveness s2-stack s2-stack-liveness; do grep -q "Non-2xx" "$OUT/$f.txt" && say "    WARNING $f: $(grep Non-2xx "$OUT/$f.txt")"; done
vs_bare() { awk -v g="$1" -v n="$BRPS" 'BEGIN{printf "%.3f", g/n}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN{print (r>=t)?"MET":"MISSED"}'; }
say "[2] | what | req/s | p50 ms | p99 ms | vs bare MVC |"
say "[2] | nginx, the body as a file | ${NRPS} | ${N50} | ${N99} | $(vs_bare "$NRPS") |"
say "[2] | bare Spring Boot MVC app, same bytes | ${BRPS} | ${B50} | ${B99} | 1.000 |"
say "[2] | stack app (the bare app on DESIGN §2's stack) /actuator/health/liveness | ${SLRPS} | ${SL50} | ${SL99} | $(vs_bare "$SLRPS") |"
say "[2] | stack app, same bytes | ${SRPS} | ${S50} | ${S99} | $(vs_bare "$SRPS") |"
say "[2] | gateway /actuator/health/liveness | ${LRPS} | ${L50} | ${L99} | $(vs_bare "$LRPS") (target >= 0.7: $(verdict "$(vs_bare "$LRPS")" 0.7)) |"
say "[2] sources of the list right after its run: $STATES2"
say "[2] | gateway cached /tasks?size=20 | ${GRPS} | ${G50} | ${G99} | $(vs_bare "$GRPS") (target >= 0.5: $(verdict "$(vs_bare "$GRPS")" 0.5)) |"
GMAX=$(( $(max_col2 "$RSS2") / 1024 )); BMAX=$(( $(max_col2 "$RSSB") / 1024 ))
say "[4] RSS under the load of 2 (max of 200 ms samples): gateway ${GMAX} MB, bare app ${BMAX} MB = $(awk -v g="$GMAX" -v b="$BMAX" 'BEGIN{printf "%.2f", g/b}') x (target <= 1.5: $(awk -v g="$GMAX" -v b="$BMAX" 'BEGIN{print (g<=1.5*b)?"MET":"MISSED"}'))"
SMAX=$(( $(max_col2 "$RSSS") / 1024 ))
say "[4] RSS of the stack app under the same two loads: ${SMAX} MB = $(awk -v s="$SMAX" -v b="$BMAX" 'BEGIN{printf "%.2f", s/b}') x the bare app; the gateway = $(awk -v g="$GMAX" -v s="$SMAX" 'BEGIN{printf "%.2f", g/s}') x the stack app (what the decided stack costs on its own, doing nothing)"
say "[4] classes loaded: gateway $(loaded_classes "$GW_PID"), stack app $(loaded_classes "$STACK_PID"), bare app $(loaded_classes "$BARE_PID")"
say "[4] threads under the load of 2 (max): gateway $(max_col3 "$RSS2"), stack app $(max_col3 "$RSSS"), bare app $(max_col3 "$RSSB")"
say "[4] live heap after a full GC, before -> after the load of 2: gateway ${heap_before_gw} -> $(live_heap_mb "$GW_PID") MB, bare app ${heap_before_bare} -> $(live_heap_mb "$BARE_PID") MB"
fi

if want 1; then
# --- 1: fan-out latency -------------------------------------------------------------------------
# Paced, not wrk: every uncached request re-reads every source (Longlonglong: 10 calls of its 300 per
# 60 s), so a loop as fast as it can go spends the budget in seconds and then times STALE answers from
# the cache. FANOUT_GAP (2.5 s) keeps every budget; only requests every source answered OK count.
F_WARM=${FANOUT_WARMUP:-6}; F_N=${FANOUT_REQUESTS:-18}; F_GAP=${FANOUT_GAP:-2.5}
# JIT warm-up of the read path (OkHttp, Jackson, the engine, two of the mappers) on the sources whose
# budgets are wide (TikMatrix 1,200 and NXLink 600 calls per 60 s; 10 s at -c1 spends ~350 and ~70),
# so that the few paced requests do not time a cold JIT (a longer warm-up through every mapper moved
# the median no further: bench/RESULTS.md).
wrk -t1 -c1 -d10s -H 'Cache-Control: no-cache' -H "$KEY" "$GW/tasks?source=tikmatrix-pc1,nxlink-hk,nxlink-us" >"$OUT/s1-warmup.txt"
say "[1] command: bench/fanout.py $GW <key> $SOURCES $F_WARM $F_N $F_GAP   ($F_WARM warm-up + $F_N requests, one every $F_GAP s, 'Cache-Control: no-cache', every simulator at 100 ms; after 10 s of wrk -c1 no-cache on tikmatrix-pc1,nxlink-hk,nxlink-us)"
say "    load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 600 python3 "$ROOT/bench/fanout.py" "$GW" bench-key-not-a-secret "$SOURCES" "$F_WARM" "$F_N" "$F_GAP" >"$OUT/s1.json"

# The slowest upstream page, as this machine delivers it on its own (100 ms + the simulator's work +
# loopback): one page of each provider the client can ask without a signature, at the gateway's page
# size, straight from its simulator, one at a time (NXLink's signed POST is left out; each NXLink
# source is one page, answered in the same 100 ms).
LL_USER=5832d184-dd53-42a0-8ace-0bf8d660f4cc
wrk -t1 -c1 -d5s --latency "http://127.0.0.1:18904/api/v1/task?page=1&page_size=100" >"$OUT/s1-direct-tikmatrix.txt"
wrk -t1 -c1 -d5s --latency -H 'Authorization: Bearer demo-llcall-token' -H 'Accept: application/json' \
  "http://127.0.0.1:18901/agent-api/new/user/$LL_USER/subset_task?page=1&per_page=100" >"$OUT/s1-direct-longlonglong.txt"
wrk -t1 -c1 -d5s --latency -H 'Authorization: Bearer demo-newapi-user-token' -H 'New-Api-User: 1' \
  "http://127.0.0.1:18903/api/task/self?p=1&page_size=100" >"$OUT/s1-direct-newapi.txt"
D50=0
for p in tikmatrix longlonglong newapi; do
  read -r d50 d99 _ < <(wrk_numbers "$OUT/s1-direct-$p.txt")
  grep -q "Non-2xx" "$OUT/s1-direct-$p.txt" && say "    WARNING direct $p: $(grep Non-2xx "$OUT/s1-direct-$p.txt")"
  say "[1] reference: one $p page straight from its simulator (wrk -t1 -c1 -d5s): median ${d50} ms, p99 ${d99} ms"
  D50=$(awk -v a="$D50" -v b="$d50" 'BEGIN{print (b>a)?b:a}')
done
# Floors on the same pages the request read (NXLink's signed POSTs left out), fired all at once:
# straight at the simulators with no parsing (what the simulators' own work on the shared cores adds
# for any client), and by a JVM on the decided stack that parses each page and writes its items
# back to bytes and does nothing else (bench/stack-app FanOutFloor: what any adapter pays first).
# New-api's page ('!') is asked in timed rounds only: the simulator enforces 180 calls per 180 s per
# client address, and the gateway's requests and the wrk reference above spend ~75 of them.
PAGES1="$OUT/s1-pages.tsv"; : >"$PAGES1"
for p in 1 2 3 4 5; do printf 'http://127.0.0.1:18904/api/v1/task?page=%s&page_size=100\n' "$p" >>"$PAGES1"; done
for p in 1 2 3 4 5 6 7 8 9 10; do
  printf 'http://127.0.0.1:18901/agent-api/new/user/%s/subset_task?page=%s&per_page=100\tAuthorization: Bearer demo-llcall-token\tAccept: application/json\n' "$LL_USER" "$p" >>"$PAGES1"
done
printf '!http://127.0.0.1:18903/api/task/self?p=1&page_size=100\tAuthorization: Bearer demo-newapi-user-token\tNew-Api-User: 1\n' >>"$PAGES1"
timeout 300 python3 "$ROOT/bench/floor.py" "$PAGES1" 3 12 1.5 >"$OUT/s1-floor-simulators.json"
# The JVM floor twice: parsing into trees and writing items back (what the adapters do first), and
# only walking the tokens (the least any JSON reader can do).
for mode in tree tokens; do
  # shellcheck disable=SC2086
  timeout 300 "$JAVA" $JVM_OPTS -cp "$STACK_JAR" -Dloader.main=dev.taskgateway.bench.FanOutFloor \
    org.springframework.boot.loader.launch.PropertiesLauncher "$PAGES1" 30 12 1.5 "$mode" >"$OUT/s1-floor-jvm-$mode.json"
done
python3 - "$OUT/s1.json" "$D50" "$OUT/s1-floor-simulators.json" "$OUT/s1-floor-jvm-tree.json" "$OUT/s1-floor-jvm-tokens.json" <<'PY' | tee -a "$SUMMARY"
import json, sys
d, page = json.load(open(sys.argv[1])), float(sys.argv[2])
sims, jvm, tokens = json.load(open(sys.argv[3])), json.load(open(sys.argv[4])), json.load(open(sys.argv[5]))
print(f"[1] uncached /tasks: {d['allOk']} of {d['requests']} requests with every source OK"
      + (f"; not OK: {d['notOk']}" if d["notOk"] else ""))
print(f"[1] per-source latency, medians (ms): {d['sourceMedianMs']}; upstream calls per request: {d['upstreamCallsPerRequest']}")
if d["medianMs"] is None:
    print("[1] no request had every source OK: no median (target: MISSED)")
else:
    ratio = d["medianMs"] / page
    print(f"[1] uncached /tasks median {d['medianMs']} ms (p90 {d['p90Ms']} ms) = {ratio:.2f} x the slowest direct page "
          f"({page} ms); target <= 1.1: {'MET' if ratio <= 1.1 else 'MISSED'}")
    print(f"[1] the same requests against their own slowest source (median {d['slowestSourceMedianMs']} ms): "
          f"{d['overOwnSlowestSource']:.2f} x  (what fanning out, merging and rendering add)")
print(f"[1] floor, simulators alone: {sims['pages']} of those pages ({sims['bytesPerRound']} bytes) fired at once, not parsed: "
      f"slowest page median {sims['medianSlowestPageMs']} ms = {sims['medianSlowestPageMs'] / page:.2f} x the page alone")
print(f"[1] floor, a JVM on the decided stack fetching them at once, each parsed into a tree and its items written "
      f"back to bytes (FanOutFloor tree, no mapping): median {jvm['medianMs']} ms = {jvm['medianMs'] / page:.2f} x the page alone")
print(f"[1] floor, the same JVM only walking each page's tokens (FanOutFloor tokens, no tree, nothing kept): "
      f"median {tokens['medianMs']} ms = {tokens['medianMs'] / page:.2f} x the page alone")
PY
fi

if want 3; then
# --- 3: cursor walk over 100,000 new-api tasks ---------------------------------------------------
RSS3="$OUT/rss-s3.txt"; : >"$RSS3"; SAMPLER=$(sample_rss "$GW_PID" "$RSS3")
say "[3] command: bench/walk.py $GW bench-key-not-a-secret newapi-big 10 1010 1,100,1000   (scope all over 100,000 new-api tasks, size 10: 10,100 tasks = 101 calls, inside the provider budget of 180 per 180 s)"
say "    load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 600 python3 "$ROOT/bench/walk.py" "$GW" bench-key-not-a-secret newapi-big 10 1010 1,100,1000 | tee "$OUT/s3.json" >/dev/null
kill "$SAMPLER" 2>/dev/null || true
python3 - "$OUT/s3.json" <<'PY' | tee -a "$SUMMARY"
import json, sys
d = json.load(open(sys.argv[1]))
print(f"[3] walked {d['pagesWalked']} pages / {d['tasksSeen']} tasks in {d['walkSeconds']} s")
for p, r in d["probes"].items():
    med = [v for k, v in r.items() if k.startswith("medianMsOf")][0]
    print(f"[3] page {p:>4}: upstream calls {r['pageUpstreamCalls']}, {r['pageMs']} ms; pages {p}..{int(p)+9}: calls {r['upstreamCallsEach']}, median {med} ms")
# Constant: no deeper page costs more calls than the pages at the top of the walk (page 2 also
# fetches the cached count once, so the first window may hold one extra call).
first = max(d["probes"]["1"]["upstreamCallsEach"])
deeper = max(c for p, r in d["probes"].items() if p != "1" for c in r["upstreamCallsEach"])
print(f"[3] upstream calls per page: max {first} at pages 1-10, max {deeper} deeper; constant: {'MET' if deeper <= first else 'MISSED'}")
PY
say "[4] gateway RSS during 3: max $(( $(max_col2 "$RSS3") / 1024 )) MB over $(wc -l <"$RSS3") samples; VmHWM (peak since start) $(( $(hwm_kb "$GW_PID") / 1024 )) MB"
MAXRSS=$(( $(cat "$RSS2" "$RSS3" | awk 'BEGIN{m=0} $2>m {m=$2} END{print m}') / 1024 ))
say "[4] max RSS during 2 and 3: ${MAXRSS} MB; target <= 300 MB: $( [ "$MAXRSS" -le 300 ] && echo MET || echo MISSED)"
fi
if [ "${NMT:-0}" = 1 ]; then jcmd "$GW_PID" VM.native_memory summary >"$OUT/nmt.txt" 2>&1 || true; log "NMT in $OUT/nmt.txt"; fi
jcmd "$GW_PID" GC.heap_info >"$OUT/heap-info.txt" 2>&1 || true
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
log "done; summary in $SUMMARY"
