#!/usr/bin/env bash
# Measures the two ways socket workers can share the swarm state, as servers under the load tester
# on loopback: the sharded-lock store (UdpTracker, main's design) and dedicated swarm workers
# behind MPSC queues (SwarmWorkerUdpTracker). For each repetition it runs every configuration once,
# in an order rotated per repetition, each on a fresh server: a warm-up load run, then a measured
# closed-loop run. It reports saturated responses/s (the load tester's SUMMARY line) and the
# tracker's CPU time per response (utime + stime from /proc/PID/stat over the measured run), then
# the median of each per configuration. The 1-minute load average is logged with each run: other
# processes on the machine show up there and in the spread.
#
# Usage: scripts/compare-swarm-designs.sh [REPETITIONS] [SECONDS] [LOAD_TEST_WORKERS]
# Needs aquatic-benchmarks/target/benchmarks.jar and aquatic-load-test/target/aquatic-load-test.jar
# (./mvnw -B -ntp -pl aquatic-benchmarks,aquatic-load-test -am package -DskipTests).
set -euo pipefail

reps=${1:-5}
seconds=${2:-10}
lt_workers=${3:-1}
warmup_seconds=8 # the first seconds run interpreted/C1 code at a fraction of the steady rate
port=${SWARM_DESIGNS_PORT:-34711}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
server_jar=$root/aquatic-benchmarks/target/benchmarks.jar
load_jar=$root/aquatic-load-test/target/aquatic-load-test.jar
mkdir -p "$root/aquatic-benchmarks/target"
work=$(mktemp -d "$root/aquatic-benchmarks/target/swarm-designs.XXXXXX") # not /tmp: other jobs may clean it
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

load_config() { # file duration
  printf 'server_address = "127.0.0.1:%d"\nworkers = %d\n[load]\nduration = %d\n' \
    "$port" "$lt_workers" "$2" >"$1"
}
load_config "$work/warmup.toml" "$warmup_seconds"
load_config "$work/measure.toml" "$seconds"

cpu_ticks() { # pid: utime + stime in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

configs=("locks 1" "locks 2" "queues 1 1" "queues 2 1")
ticks_per_s=$(getconf CLK_TCK)
results=$work/results.txt
echo "run design socket_workers swarm_workers responses_per_s tracker_cpu_us_per_response loadavg_1m"
for ((rep = 0; rep < reps; rep++)); do
  for ((k = 0; k < ${#configs[@]}; k++)); do
    read -r -a cfg <<<"${configs[$(((k + rep) % ${#configs[@]}))]}"
    max_seconds=$((warmup_seconds + seconds + 30))
    # shellcheck disable=SC2086
    "$java" -cp "$server_jar" org.aquaticjava.benchmarks.udp.UdpServerUnderLoad \
      "${cfg[@]}" "$port" "$max_seconds" >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
      grep -q "listening on" "$work/server.log" && break
      sleep 0.1
    done
    grep -q "listening on" "$work/server.log" || { cat "$work/server.log" >&2; exit 1; }
    "$java" --enable-native-access=ALL-UNNAMED -jar "$load_jar" udp -c "$work/warmup.toml" >/dev/null 2>&1 || true
    before=$(cpu_ticks "$server_pid")
    summary=$("$java" --enable-native-access=ALL-UNNAMED -jar "$load_jar" udp -c "$work/measure.toml" \
      2>"$work/load.err" | grep '^SUMMARY' || true)
    after=$(cpu_ticks "$server_pid" 2>/dev/null || echo 0)
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    if [[ -z "$summary" ]]; then # keep going: one failed run must not lose the others
      echo "$((rep + 1)) ${cfg[*]} FAILED: $(tail -c 300 "$work/load.err" | tr '\n' ' ')"
      continue
    fi
    responses=$(sed -E 's/.* responses=([0-9]+).*/\1/' <<<"$summary")
    per_s=$(sed -E 's/.* responses_per_s=([0-9]+).*/\1/' <<<"$summary")
    us_per_response=$(awk -v t=$((after - before)) -v hz="$ticks_per_s" -v r="$responses" \
      'BEGIN { printf "%.2f", t * 1e6 / hz / r }')
    swarm=${cfg[2]:--}
    line="$((rep + 1)) ${cfg[0]} ${cfg[1]} $swarm $per_s $us_per_response $(cut -d' ' -f1 /proc/loadavg)"
    echo "$line"
    echo "$line" >>"$results"
  done
done

echo
echo "medians over $reps runs of ${seconds} s (load tester: $lt_workers worker(s), closed loop)"
echo "design socket_workers swarm_workers responses_per_s tracker_cpu_us_per_response"
for c in "${configs[@]}"; do
  read -r -a cfg <<<"$c"
  swarm=${cfg[2]:--}
  median() { # column
    awk -v d="${cfg[0]}" -v s="${cfg[1]}" -v w="$swarm" -v col="$1" \
      '$2 == d && $3 == s && $4 == w { print $col }' "$results" | sort -g |
      awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
  }
  echo "${cfg[0]} ${cfg[1]} $swarm $(median 5) $(median 6)"
done
