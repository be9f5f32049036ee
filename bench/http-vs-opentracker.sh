#!/usr/bin/env bash
# Side-by-side HTTP benchmark of our tracker and Debian's opentracker on this machine, loopback only.
#
#   bench/http-vs-opentracker.sh [OUT_DIR]       (root: may apt-get install opentracker)
#
# Same method as bench/udp-vs-opentracker.sh: per scenario the two trackers take turns (ours,
# opentracker, ours, ...), REPS times each, a fresh tracker per run and only one under load at a
# time; WARMUP s of unmeasured load (JIT warm-up, swarm fill), then a DURATION s measured run with
# the same config and seed. Rows go to OUT_DIR/results.tsv (bench_measured_run in lib.sh), medians
# and ours/opentracker ratios to OUT_DIR/tables.md, the chart to OUT_DIR/throughput.svg.
#
# Workload (both scenarios): 10,000 torrents Zipf s=1, 100,000 peers, 80% announce (numwant 50,
# compact) / 20% scrape of 1-10 hashes, CONNECTIONS connections with one request in flight each,
# closed loop. Our tracker: 1 socket worker, IPv4, max_peers 50; opentracker: its default build
# (TCP served by its main thread) with the load tester's hashes whitelisted. Tracker pinned to
# CPU 0, load tester (1 worker) to CPU 1.
#   keepalive-1w   the load tester keeps connections open (HTTP/1.1 keep-alive). opentracker closes
#                  every connection after its reply, so against it every request still pays a TCP
#                  connect; that is how opentracker serves keep-alive clients.
#   close-1w       a new connection per request (Connection: close) against both.
# opentracker orders the keys of a multi-hash scrape reply by hash table slot, not sorted as
# bencode requires; the load tester counts those replies as malformed. Throughput is therefore
# reported as replies/s = valid + malformed (the tracker did the work), with malformed shown.
#
# Environment: REPS (5), DURATION (10), WARMUP (10), PORT (34200), CONNECTIONS (64),
# SCENARIOS ("keepalive-1w close-1w"), AQUATIC_JAVA_OPTS (extra JVM options for our tracker).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

PORT=${PORT:-34200}
CONNECTIONS=${CONNECTIONS:-64}
SCENARIOS=${SCENARIOS:-"keepalive-1w close-1w"}
bench_out_dir http-vs-opentracker "${1:-}"

bench_require_opentracker
bench_build

# [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits.
printf 'socket_workers = 1\nlog_level = "info"\n[network]\nuse_ipv4 = true\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[protocol]\nmax_peers = 50\n[rate_limit]\nenabled = false\n' \
    "$PORT" >"$OUT/ours.toml"
printf 'listen.tcp_udp 127.0.0.1:%s\naccess.whitelist %s/whitelist.txt\n' "$PORT" "$OUT" >"$OUT/opentracker.conf"
bench_http_load_config "$OUT/hashes.toml" "$PORT" true "$CONNECTIONS" 1
"$JAVA" -jar "$LOAD_JAR" http -c "$OUT/hashes.toml" --info-hashes >"$OUT/whitelist.txt"
printf '%s\n' "$BENCH_TSV_HEADER" >"$OUT/results.tsv"

# run_one SCENARIO TRACKER(ours|opentracker) REP KEEP_ALIVE
run_one() {
    local scenario=$1 tracker=$2 rep=$3 keep_alive=$4 tag="$1-$2-$3" pid transport=-
    bench_http_load_config "$OUT/$tag.warmup.toml" "$PORT" "$keep_alive" "$CONNECTIONS" "$WARMUP"
    bench_http_load_config "$OUT/$tag.load.toml" "$PORT" "$keep_alive" "$CONNECTIONS" "$DURATION"
    if [ "$tracker" = ours ]; then
        pid=$(bench_start_ours http "$OUT/ours.toml" 0 "$OUT/$tag.tracker.log")
        transport=$(grep -o 'socket workers over [a-z_]*' "$OUT/$tag.tracker.log" | awk '{print $4}')
    else
        pid=$(bench_start_opentracker "$OUT/opentracker.conf" 0 "$OUT/$tag.tracker.log")
    fi
    taskset -c 1 "$JAVA" -jar "$LOAD_JAR" http -c "$OUT/$tag.warmup.toml" >"$OUT/$tag.warmup.log" 2>&1
    bench_measured_run "$OUT/results.tsv" "$scenario" "$tracker" "$rep" "$pid" http \
        "$OUT/$tag.load.toml" "$OUT/$tag.load.log" 1 "$transport"
    bench_stop "$pid"
}

for scenario in $SCENARIOS; do
    case $scenario in
        keepalive-1w) keep_alive=true ;;
        close-1w) keep_alive=false ;;
        *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
    for rep in $(seq 1 "$REPS"); do
        run_one "$scenario" ours "$rep" "$keep_alive"
        run_one "$scenario" opentracker "$rep" "$keep_alive"
    done
done

python3 "$here/summarize.py" "$OUT/results.tsv" | tee "$OUT/tables.md"
python3 "$here/chart.py" "$OUT/throughput.svg" "HTTP=$OUT/results.tsv"
