#!/usr/bin/env bash
# Task Gateway chaos run (issue 10): CHAOS_SECONDS (default 600) at CHAOS_RATE req/s (default 20)
# while every simulator gets random faults (errors, delays past the 2 s source timeout, resets, bad
# bodies, down/up flapping), one of them always healthy. Asserts: zero 5xx while a source was
# healthy, every response within the 8 s deadline + 0.5 s, breakers opened and closed again, no
# heap growth after GC between minute 2 and the end. Prints a summary; exits 1 on a failed
# assertion. Loopback only: simulators on 28901-28904, gateway on 28080. See bench/README.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
SECS=${CHAOS_SECONDS:-600}; RATE=${CHAOS_RATE:-20}; GW_PORT=${CHAOS_GW_PORT:-28080}
GW="http://127.0.0.1:$GW_PORT"

need_packages curl:curl
build_jar
log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
start_simulators chaos-sim --taskgateway.demo.ports.longlonglong=28901 --taskgateway.demo.ports.nxlink=28902 \
  --taskgateway.demo.ports.new-api=28903 --taskgateway.demo.ports.tikmatrix=28904
wait_http http://127.0.0.1:28904/__sim/faults 120
wait_http http://127.0.0.1:28903/__sim/faults 120
# shellcheck disable=SC2086
"$JAVA" ${GATEWAY_JVM_OPTS:-} -jar "$JAR" --server.port="$GW_PORT" --spring.profiles.active=chaos \
  --spring.config.additional-location="file:$ROOT/bench/application-chaos.yml" >"$OUT/chaos-gateway.log" 2>&1 &
GW_PID=$!; PIDS+=("$GW_PID")
wait_http "$GW/actuator/health/readiness" 120
curl -sf -H 'X-API-Key: bench-key-not-a-secret' "$GW/tasks?size=20" >/dev/null   # warm the cache once
log "gateway pid $GW_PID up; chaos for ${SECS}s at ${RATE} req/s"
set +e
timeout $((SECS + 300)) python3 "$ROOT/bench/chaos.py" "$GW" bench-key-not-a-secret "$GW_PID" "$SECS" "$RATE" "$OUT" | tee "$OUT/chaos-summary.json"
RC=${PIPESTATUS[0]}
set -e
log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$RC" -eq 0 ] && log "chaos: all assertions passed" || log "chaos: FAILED (exit $RC); details in $OUT/chaos-run.json"
exit "$RC"
