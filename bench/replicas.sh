#!/usr/bin/env bash
# The cached read path with taskgateway.state.store=memory against redis (issue 17): one gateway,
# the same simulators, the same held read; wrk on GET /tasks answered from it. With redis the
# request path makes one Redis call (the shared per-key rate limit, switched on here with a limit
# wrk cannot reach); everything else on a cached read stays local. Writes bench/out/replicas.txt.
#
# Env: SKIP_BUILD=1 reuse target/*.jar; JAVA=/path/to/java; DURATION (10) wrk seconds per run;
# CONNECTIONS (16); ports GW_PORT (28080), REDIS_PORT (26379), SIM_PORT (28904, TikMatrix; the
# other simulators take 28901-28903), away from run.sh's so both can run on one machine.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT

GW_PORT=${GW_PORT:-28080}; REDIS_PORT=${REDIS_PORT:-26379}; SIM_PORT=${SIM_PORT:-28904}
DURATION=${DURATION:-10}; CONNECTIONS=${CONNECTIONS:-16}
GW="http://127.0.0.1:$GW_PORT"; KEY="X-API-Key: bench-key-not-a-secret"
URL="$GW/tasks?source=tikmatrix-pc1&size=20"
RESULT="$OUT/replicas.txt"; : >"$RESULT"
say() { echo "$*" | tee -a "$RESULT"; }

need_packages wrk:wrk redis-server:redis-server curl:curl
build_jar

say "== cached read path, memory vs redis, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
say "redis: $(redis-server --version | cut -d' ' -f3); wrk -t2 -c$CONNECTIONS -d${DURATION}s $URL"

start_simulators sim-replicas --taskgateway.demo.ports.longlonglong=$((SIM_PORT - 3)) \
  --taskgateway.demo.ports.nxlink=$((SIM_PORT - 2)) --taskgateway.demo.ports.new-api=$((SIM_PORT - 1)) \
  --taskgateway.demo.ports.tikmatrix="$SIM_PORT"
wait_http "http://127.0.0.1:$SIM_PORT/__sim/faults" 120
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$OUT/redis.log" 2>&1 &
PIDS+=($!)

run() {   # run <store>: start a gateway with that store, warm the held read, wrk, stop it
  local store="$1"
  # shellcheck disable=SC2086
  "$JAVA" ${GATEWAY_JVM_OPTS:-} -jar "$JAR" --server.port="$GW_PORT" --spring.profiles.active=bench \
    --spring.config.additional-location="file:$ROOT/bench/application-bench.yml" \
    --taskgateway.state.store="$store" --spring.data.redis.port="$REDIS_PORT" \
    --taskgateway.security.rate-limit.enabled=true \
    --taskgateway.security.rate-limit.limit-for-period=100000000 \
    --taskgateway.security.rate-limit.limit-refresh-period=1s \
    --taskgateway.sources.tikmatrix-pc1.base-url="http://127.0.0.1:$SIM_PORT" \
    --taskgateway.sources.tikmatrix-pc1.cache.fresh-ttl=10m \
    >"$OUT/gateway-$store.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_http "$GW/actuator/health/readiness" 120
  curl -s -o /dev/null -H "$KEY" "$URL"
  wrk -t2 -c"$CONNECTIONS" -d5s -H "$KEY" "$URL" >/dev/null            # JIT warm-up
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$KEY" "$URL" >"$OUT/wrk-$store.txt"
  local non2xx; non2xx=$(awk '/Non-2xx/ {print $NF}' "$OUT/wrk-$store.txt"); non2xx=${non2xx:-0}
  local numbers; numbers=$(awk 'function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)} $1=="Requests/sec:" {rps=$2}
       END {printf "%.1f %.2f %.2f\n", rps, p50, p99}' "$OUT/wrk-$store.txt")
  say "$store: req/s p50_ms p99_ms = $numbers (non-2xx: $non2xx)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$numbers" | cut -d' ' -f1
}

commands() { redis-cli -p "$REDIS_PORT" info stats | awk -F: '/^total_commands_processed/ {print $2+0}'; }
MEMORY_RPS=$(run memory | tail -1)
BEFORE=$(commands)
REDIS_RPS=$(run redis | tail -1)
say "redis commands during the redis run (start-up, warm-up and wrk): $(( $(commands) - BEFORE ))"
say "ratio redis/memory (req/s): $(awk -v r="$REDIS_RPS" -v m="$MEMORY_RPS" 'BEGIN {printf "%.2f", r/m}')"
