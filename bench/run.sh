#!/usr/bin/env bash
# Task Gateway benchmarks (DESIGN §8, issue 10). Loopback only; every step bounded in time.
# Builds the jar, starts two simulator processes and the gateway, runs scenarios 1-4 with wrk,
# prints a summary and writes it to bench/out/summary.txt. See bench/README.md.
#
# Env: SKIP_BUILD=1 reuse target/*.jar; JAVA=/path/to/java; GATEWAY_JVM_OPTS="..." extra gateway
# JVM flags (e.g. -XX:NativeMemoryTracking=summary, -XX:StartFlightRecording=...); NMT=1 dumps
# jcmd VM.native_memory summary after scenario 3; DURATION1 (20), DURATION2 (15) wrk seconds.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT

GW_PORT=${GW_PORT:-18080}; NGINX_PORT=${NGINX_PORT:-18981}
GW="http://127.0.0.1:$GW_PORT"; KEY="X-API-Key: bench-key-not-a-secret"
SOURCES="tikmatrix-pc1,llcall,nxlink-hk,nxlink-us,newapi"     # the five demo sources (not newapi-big)
# Scenario 1 asks new-api once per request (no-cache): warm-up and run stay under the provider's
# 180 requests per 180 s at ~9 requests a second, which the gateway's shipped budget enforces.
D1=${DURATION1:-12}; D2=${DURATION2:-15}
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

# --- processes ---------------------------------------------------------------------------------
start_simulators sim-100ms --taskgateway.demo.latency=100ms
start_simulators sim-100k --taskgateway.demo.tasks-per-provider=100000 \
  --taskgateway.demo.ports.longlonglong=19901 --taskgateway.demo.ports.nxlink=19902 \
  --taskgateway.demo.ports.new-api=19903 --taskgateway.demo.ports.tikmatrix=19904
wait_http http://127.0.0.1:18904/__sim/faults 120
wait_http http://127.0.0.1:19903/__sim/faults 180
log "simulators up"

T0=$(now_ms)
# shellcheck disable=SC2086
"$JAVA" ${GATEWAY_JVM_OPTS:-} -jar "$JAR" --server.port="$GW_PORT" --spring.profiles.active=bench \
  --spring.config.additional-location="file:$ROOT/bench/application-bench.yml" >"$OUT/gateway.log" 2>&1 &
GW_PID=$!; PIDS+=("$GW_PID")
wait_http "$GW/actuator/health/readiness" 120
STARTUP_MS=$(( $(now_ms) - T0 ))
say "gateway pid $GW_PID; JVM flags: $(jcmd "$GW_PID" VM.flags 2>/dev/null | grep -o -- '-XX:MaxHeapSize=[0-9]*\|-XX:+Use[A-Za-z]*GC' | tr '\n' ' ')"
say "[4] start-up to ready (JVM launch -> /actuator/health/readiness 200): ${STARTUP_MS} ms; RSS at ready $(( $(rss_kb "$GW_PID") / 1024 )) MB"

# wrk output -> "p50_ms p99_ms req_per_s"
wrk_numbers() {
  awk 'function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; if (v ~ /m$/) return v*60000; return v }
       $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)} $1=="Requests/sec:" {rps=$2}
       END {printf "%.1f %.1f %.1f\n", p50, p99, rps}' "$1"
}

# --- 1: fan-out latency -------------------------------------------------------------------------
URL1="$GW/tasks?source=$SOURCES"
log "scenario 1: warm-up 5s"
wrk -t1 -c1 -d5s -H 'Cache-Control: no-cache' -H "$KEY" "$URL1" >"$OUT/s1-warmup.txt"
say "[1] command: wrk -t1 -c1 -d${D1}s --latency -H 'Cache-Control: no-cache' -H '$KEY' '$URL1'   (every simulator at 100 ms)"
say "    load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t1 -c1 -d"${D1}s" --latency -H 'Cache-Control: no-cache' -H "$KEY" "$URL1" >"$OUT/s1.txt"
read -r P50 P99 RPS1 < <(wrk_numbers "$OUT/s1.txt")
grep -q "Non-2xx" "$OUT/s1.txt" && say "    WARNING: $(grep Non-2xx "$OUT/s1.txt")"
say "[1] uncached /tasks: median ${P50} ms ($(awk -v a="$P50" 'BEGIN{printf "%.2f", a/100}')x floor), p99 ${P99} ms ($(awk -v a="$P99" 'BEGIN{printf "%.2f", a/100}')x), ${RPS1} req/s; target median <= 115 ms: $(awk -v a="$P50" 'BEGIN{print (a<=115)?"MET":"MISSED"}')"

# Reference, not a target: one upstream page straight from a simulator (TikMatrix, 100 tasks), the
# floor as this machine delivers it (100 ms + the simulator's own work + loopback).
wrk -t1 -c1 -d10s --latency "http://127.0.0.1:18904/api/v1/task?page=1&page_size=100" >"$OUT/s1-direct.txt"
read -r D50 D99 _ < <(wrk_numbers "$OUT/s1-direct.txt")
say "[1] reference: one simulator page direct (wrk -t1 -c1 -d10s on :18904/api/v1/task?page=1&page_size=100): median ${D50} ms, p99 ${D99} ms; gateway median - direct median = $(awk -v a="$P50" -v b="$D50" 'BEGIN{printf "%.1f", a-b}') ms"

# --- 2: cached /tasks?size=20 vs nginx ------------------------------------------------------------
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
wait_http "http://127.0.0.1:$NGINX_PORT/tasks" 20
say "[2] body: $(wc -c <"$OUT/www/tasks.json") bytes; nginx $NGINX_PORT serves it as a static file"
RSS2="$OUT/rss-s2.txt"; : >"$RSS2"; SAMPLER=$(sample_rss "$GW_PID" "$RSS2")
wrk -t2 -c32 -d5s -H "$KEY" "$URL2" >"$OUT/s2-warmup.txt"
say "[2] command: wrk -t2 -c32 -d${D2}s --latency -H '$KEY' <url>   (gateway: '$URL2'; nginx: http://127.0.0.1:$NGINX_PORT/tasks)"
say "    load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c32 -d"${D2}s" --latency -H "$KEY" "$URL2" >"$OUT/s2-gateway.txt"
wrk -t2 -c32 -d"${D2}s" --latency -H "$KEY" "http://127.0.0.1:$NGINX_PORT/tasks" >"$OUT/s2-nginx.txt"
# Reference, not a target: the same wrk against the gateway's cheapest endpoint (liveness probe, no
# sources, no key) - the most any response-level cache inside this Spring MVC stack could reach.
wrk -t2 -c32 -d"${D2}s" --latency "$GW/actuator/health/liveness" >"$OUT/s2-liveness.txt"
kill "$SAMPLER" 2>/dev/null || true
read -r L50 L99 LRPS < <(wrk_numbers "$OUT/s2-liveness.txt")
read -r G50 G99 GRPS < <(wrk_numbers "$OUT/s2-gateway.txt")
read -r N50 N99 NRPS < <(wrk_numbers "$OUT/s2-nginx.txt")
for f in s2-gateway s2-nginx; do grep -q "Non-2xx" "$OUT/$f.txt" && say "    WARNING $f: $(grep Non-2xx "$OUT/$f.txt")"; done
RATIO=$(awk -v g="$GRPS" -v n="$NRPS" 'BEGIN{printf "%.3f", g/n}')
say "[2] gateway ${GRPS} req/s (p50 ${G50} ms, p99 ${G99} ms); nginx ${NRPS} req/s (p50 ${N50} ms, p99 ${N99} ms); ratio ${RATIO}; target >= 0.5: $(awk -v r="$RATIO" 'BEGIN{print (r>=0.5)?"MET":"MISSED"}')"
say "[2] reference: gateway /actuator/health/liveness ${LRPS} req/s (p50 ${L50} ms) = $(awk -v g="$LRPS" -v n="$NRPS" 'BEGIN{printf "%.3f", g/n}') x nginx"
say "[4] gateway RSS during 2: max $(( $(max_col2 "$RSS2") / 1024 )) MB over $(wc -l <"$RSS2") samples"

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
if [ "${NMT:-0}" = 1 ]; then jcmd "$GW_PID" VM.native_memory summary >"$OUT/nmt.txt" 2>&1 || true; log "NMT in $OUT/nmt.txt"; fi
jcmd "$GW_PID" GC.heap_info >"$OUT/heap-info.txt" 2>&1 || true
say "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
log "done; summary in $SUMMARY"
