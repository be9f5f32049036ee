# Shared helpers of the bench/*.sh scripts: JDK and jars, tracker start/stop, /proc readings.
# Sourced, not run. Traffic is loopback only; every tracker started here is killed on exit.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/find-jdk.sh
. "$bench_root/scripts/find-jdk.sh"
java_home=$(aquatic_find_jdk bench) || exit 1
JAVA=$java_home/bin/java
AQUATIC_JAR=$bench_root/aquatic-cli/target/aquatic.jar
LOAD_JAR=$bench_root/aquatic-load-tester/target/aquatic-load-test.jar
CLK_TCK=$(getconf CLK_TCK)
TRACKER_PIDS=()

bench_build() {
    echo "bench: building the tracker and load-tester jars" >&2
    (cd "$bench_root" && JAVA_HOME=$java_home ./mvnw -B -q -ntp package -DskipTests \
        -pl aquatic-cli,aquatic-load-tester -am) >&2
}

bench_require_opentracker() {
    if ! command -v opentracker >/dev/null; then
        echo "bench: installing Debian's opentracker" >&2
        apt-get install -y opentracker >&2
    fi
}

bench_cleanup() {
    local pid
    for pid in "${TRACKER_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    sleep 0.5
    for pid in "${TRACKER_PIDS[@]}"; do
        kill -KILL "$pid" 2>/dev/null || true
    done
}

# bench_start_ours CONF CPUS LOG: starts our tracker (the ./aquatic launcher's JVM flags) pinned to
# CPUS ("" = unpinned), waits until it listens; prints its PID.
bench_start_ours() {
    local conf=$1 cpus=$2 log=$3 pin=()
    [ -n "$cpus" ] && pin=(taskset -c "$cpus")
    # shellcheck disable=SC2086
    "${pin[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders \
        ${AQUATIC_JAVA_OPTS:-} -jar "$AQUATIC_JAR" udp -c "$conf" >"$log" 2>&1 &
    local pid=$!
    TRACKER_PIDS+=("$pid")
    local i
    for i in $(seq 1 200); do
        grep -q "UDP tracker listening" "$log" 2>/dev/null && { echo "$pid"; return 0; }
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "bench: our tracker did not start (log $log):" >&2
    cat "$log" >&2
    return 1
}

# bench_start_opentracker CONF CPUS LOG: prints its PID.
bench_start_opentracker() {
    local conf=$1 cpus=$2 log=$3 pin=()
    [ -n "$cpus" ] && pin=(taskset -c "$cpus")
    "${pin[@]}" opentracker -f "$conf" >"$log" 2>&1 &
    local pid=$!
    TRACKER_PIDS+=("$pid")
    sleep 0.5
    kill -0 "$pid" 2>/dev/null || { echo "bench: opentracker died (log $log):" >&2; cat "$log" >&2; return 1; }
    echo "$pid"
}

bench_stop() {
    kill -TERM "$1" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null || true
}

# CPU seconds (utime + stime, all threads) of PID, as a decimal.
bench_cpu_seconds() {
    awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / tck }' "/proc/$1/stat"
}

# Busy and total jiffies of the whole box (all CPUs).
bench_box_jiffies() {
    awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; total = busy + $5 + $6; print busy, total }' /proc/stat
}

bench_rss_kib() {
    awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# Value of KEY in a load tester SUMMARY line.
bench_summary_value() {
    tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'
}
