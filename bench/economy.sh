#!/usr/bin/env bash
# Read economy (DESIGN §8, issue 13): upstream calls per source for a cold walk of every task and
# for a dashboard minute after it (4 filtered walks, 60 searches, 30 details, stats), with the
# gateway's shipped defaults and the new-api simulator enforcing the real 180 requests / 180 s.
# Loopback only; every step bounded. Writes bench/out/economy-<label>.json and prints a summary.
#
# Env: SKIP_BUILD=1 reuse target/*.jar; BEFORE_JAR=/path/to/an-older-gateway.jar also runs that
# jar (same simulators, restarted) for a before/after in one run; JAVA=/path/to/java.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT

GW_PORT=${GW_PORT:-18080}; GW="http://127.0.0.1:$GW_PORT"; KEY="bench-key-not-a-secret"
SOURCES="tikmatrix-pc1,llcall,nxlink-hk,nxlink-us,newapi"
build_jar

run_once() {   # run_once <label> <gateway jar>
  local label="$1" jar="$2" sim_pid gw_pid
  start_simulators "sim-economy-$label"
  sim_pid=${PIDS[-1]}
  wait_http http://127.0.0.1:18903/__sim/faults 120
  "$JAVA" -jar "$jar" --server.port="$GW_PORT" --spring.profiles.active=bench \
    --spring.config.additional-location="file:$ROOT/bench/application-bench.yml" >"$OUT/gateway-economy-$label.log" 2>&1 &
  gw_pid=$!; PIDS+=("$gw_pid")
  wait_http "$GW/actuator/health/readiness" 120
  log "economy run '$label': $jar"
  timeout 300 python3 "$ROOT/bench/economy.py" "$GW" "$KEY" "$SOURCES" "$label" | tee "$OUT/economy-$label.json"
  kill "$gw_pid" "$sim_pid"; wait "$gw_pid" "$sim_pid" 2>/dev/null || true
}

if [ -n "${BEFORE_JAR:-}" ]; then
  run_once before "$BEFORE_JAR"
fi
run_once after "$JAR"
