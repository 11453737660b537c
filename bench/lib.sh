# Shared helpers of bench/run.sh and bench/chaos.sh (sourced, not run).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/out"
mkdir -p "$OUT"
PIDS=()

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

cleanup() {
  local pid
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
}

need_packages() {   # need_packages <command>:<debian package> ...
  local missing=() spec
  for spec in "$@"; do
    command -v "${spec%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${spec%%:*}" ] || missing+=("${spec#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "installing ${missing[*]} (apt-get)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

build_jar() {
  if [ "${SKIP_BUILD:-0}" != 1 ] || ! ls "$ROOT"/target/task-gateway-*.jar >/dev/null 2>&1; then
    log "building the jar (./mvnw -B -q package -DskipTests)"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
  JAR="$(ls "$ROOT"/target/task-gateway-*.jar | grep -v -- '-plain' | head -1)"
  GATEWAY_JAR="${GATEWAY_JAR:-$JAR}"   # another build of the gateway (e.g. the one before a change)
  if [ "${SKIP_BUILD:-0}" != 1 ] || ! ls "$ROOT"/bench/bare-app/target/bench-bare-app-*.jar >/dev/null 2>&1; then
    log "building the bare app (./mvnw -B -q -f bench/bare-app/pom.xml package)"
    (cd "$ROOT" && ./mvnw -B -q -f bench/bare-app/pom.xml package)
  fi
  BARE_JAR="$(ls "$ROOT"/bench/bare-app/target/bench-bare-app-*.jar | grep -v -- '\.original' | head -1)"
  if [ "${SKIP_BUILD:-0}" != 1 ] || ! ls "$ROOT"/bench/stack-app/target/bench-stack-app-*.jar >/dev/null 2>&1; then
    log "building the stack app (./mvnw -B -q -f bench/stack-app/pom.xml package)"
    (cd "$ROOT" && ./mvnw -B -q -f bench/stack-app/pom.xml package)
  fi
  STACK_JAR="$(ls "$ROOT"/bench/stack-app/target/bench-stack-app-*.jar | grep -v -- '\.original' | head -1)"
  JAVA="${JAVA:-java}"
  log "jar: $JAR; $("$JAVA" -version 2>&1 | head -1)"
}

# wait_http <url> <seconds> [header]: until the URL answers 200, bounded.
wait_http() {
  local url="$1" limit="$2" header="${3:-X-Nothing: 1}" end=$((SECONDS + $2))
  while [ $SECONDS -lt $end ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$url" 2>/dev/null)" = 200 ] && return 0
    sleep 0.1
  done
  log "no 200 from $url within ${limit}s"; return 1
}

# start_simulators <name> <args...>: the simulator profile as its own process.
start_simulators() {
  local name="$1"; shift
  "$JAVA" -jar "$JAR" --spring.profiles.active=simulator "$@" >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
  log "$name pid $!"
}

now_ms() { date +%s%3N; }

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

threads() { awk '/^Threads/ {print $2}' "/proc/$1/status"; }

# sample_rss <pid> <file>: background sampler, one "epoch_ms rss_kb threads" line every 200 ms;
# prints its pid.
sample_rss() {
  ( while kill -0 "$1" 2>/dev/null; do echo "$(now_ms) $(rss_kb "$1") $(threads "$1")" >>"$2"; sleep 0.2; done ) >/dev/null 2>&1 &
  echo $!
}
max_col2() { awk 'BEGIN{m=0} $2>m {m=$2} END{print m}' "$1"; }
max_col3() { awk 'BEGIN{m=0} $3>m {m=$3} END{print m}' "$1"; }

# loaded_classes <pid>: classes the JVM has loaded so far (its own counter).
loaded_classes() { jcmd "$1" PerfCounter.print 2>/dev/null | awk -F= '/^java.cls.loadedClasses=/ {print $2}'; }

# live_heap_mb <pid>: heap in use right after a full GC (jcmd GC.run), in MB: what the process
# keeps alive, whatever the collector's current heap size.
live_heap_mb() {
  jcmd "$1" GC.run >/dev/null 2>&1 || { echo "?"; return; }
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/total/ && !/Metaspace|class space/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?$/, "", v); u += v } }
    END { printf "%d", u / 1024 }'
}
