#!/usr/bin/env bash
# What serving every protocol from one `aquatic all` process costs the UDP and HTTP trackers:
# the same load against `aquatic udp` / `aquatic http` alone ("single") and against `aquatic all`
# with all three protocols on ("all"; the idle ones listening, the stats page on), loopback only.
#
#   bench/all-vs-single.sh [OUT_DIR]
#
# Method as bench/udp-vs-opentracker.sh: per scenario the two take turns (single, all, single,
# ...), REPS times each, a fresh tracker per run; WARMUP s of closed-loop load, then a DURATION s
# measured run; the tracker's CPU from /proc/PID/stat (all threads). Rows go to OUT_DIR/results.tsv,
# medians and all / single ratios to OUT_DIR/tables.md. Both run 1 socket worker per protocol,
# [rate_limit] and [overload] off (one load-tester source; saturated on purpose) and persistence
# off (no snapshot files in the working directory; a snapshot is written every
# snapshot_interval = 300 s, outside these runs anyway).
#   udp-ref-1w        UDP, ref mix (bench_udp_load_config), closed loop; tracker on CPU 0, load
#                     tester on CPU 1.
#   udp-fixed-10k     UDP, ref mix at a fixed 10,000 requests/s, split as above: CPU per request.
#   udp-fixed-10k-same  the same with tracker and load tester both on CPU 0 (wake-ups differ).
#   http-keepalive-1w HTTP, 64 keep-alive connections, closed loop, split.
#   http-close-1w     HTTP, a new connection per request, closed loop, split.
#
# Environment: REPS (3), DURATION (10), WARMUP (10), PORT (24400, below the ephemeral port range,
# which a load tester's source ports come from; all's other protocols take PORT+1 and PORT+2, its
# stats page PORT+3), SCENARIOS (all of the above).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPS=${REPS:-3}
# shellcheck source=lib.sh
. "$here/lib.sh"

PORT=${PORT:-24400}
CONNECTIONS=64
SCENARIOS=${SCENARIOS:-"udp-ref-1w udp-fixed-10k udp-fixed-10k-same http-keepalive-1w http-close-1w"}
bench_out_dir all-vs-single "${1:-}"
bench_build

# single_config FILE PROTOCOL: `aquatic udp|http` on PORT, max 50 peers per reply.
single_config() {
    local max_peers_key
    [ "$2" = udp ] && max_peers_key=max_response_peers || max_peers_key=max_peers
    printf 'socket_workers = 1\nlog_level = "info"\n[network]\nuse_ipv4 = true\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[protocol]\n%s = 50\n[rate_limit]\nenabled = false\n[overload]\nenabled = false\n' \
        "$PORT" "$max_peers_key" >"$1"
}

# all_config FILE PROTOCOL: `aquatic all` with PROTOCOL on PORT as single_config has it and the
# two others on PORT+1 and PORT+2.
all_config() {
    local udp=$PORT http=$(( PORT + 1 ))
    [ "$2" = http ] && { http=$PORT; udp=$(( PORT + 1 )); }
    bench_all_config "$1" "$udp" "$http" $(( PORT + 2 )) $(( PORT + 3 ))
    printf '[udp.protocol]\nmax_response_peers = 50\n[http.protocol]\nmax_peers = 50\n' >>"$1"
}

printf '%s\n' "$BENCH_TSV_HEADER" >"$OUT/results.tsv"

# run_one SCENARIO TRACKER(single|all) REP PROTOCOL RATE KEEP_ALIVE TRACKER_CPUS LT_CPUS
run_one() {
    local scenario=$1 tracker=$2 rep=$3 protocol=$4 rate=$5 keep_alive=$6 tcpus=$7 lcpus=$8
    local tag="$1-$2-$3" pid transport
    if [ "$protocol" = udp ]; then
        bench_udp_load_config "$OUT/$tag.warmup.toml" "$PORT" ref 1 0 "$WARMUP"
        bench_udp_load_config "$OUT/$tag.load.toml" "$PORT" ref 1 "$rate" "$DURATION"
    else
        bench_http_load_config "$OUT/$tag.warmup.toml" "$PORT" "$keep_alive" "$CONNECTIONS" "$WARMUP"
        bench_http_load_config "$OUT/$tag.load.toml" "$PORT" "$keep_alive" "$CONNECTIONS" "$DURATION"
    fi
    if [ "$tracker" = single ]; then
        single_config "$OUT/$tag.tracker.toml" "$protocol"
        pid=$(bench_start_ours "$protocol" "$OUT/$tag.tracker.toml" "$tcpus" "$OUT/$tag.tracker.log")
    else
        all_config "$OUT/$tag.tracker.toml" "$protocol"
        pid=$(bench_start_all "$OUT/$tag.tracker.toml" "$tcpus" "$OUT/$tag.tracker.log")
    fi
    transport=$(grep -o 'socket workers over [a-z_]*' "$OUT/$tag.tracker.log" | head -1 | awk '{print $4}')
    taskset -c "$lcpus" "$JAVA" -jar "$LOAD_JAR" "$protocol" -c "$OUT/$tag.warmup.toml" >"$OUT/$tag.warmup.log" 2>&1
    bench_measured_run "$OUT/results.tsv" "$scenario" "$tracker" "$rep" "$pid" "$protocol" \
        "$OUT/$tag.load.toml" "$OUT/$tag.load.log" "$lcpus" "$transport"
    bench_stop "$pid"
}

for scenario in $SCENARIOS; do
    case $scenario in
        udp-ref-1w) args=(udp 0 - 0 1) ;;
        udp-fixed-10k) args=(udp 10000 - 0 1) ;;
        udp-fixed-10k-same) args=(udp 10000 - 0 0) ;;
        http-keepalive-1w) args=(http 0 true 0 1) ;;
        http-close-1w) args=(http 0 false 0 1) ;;
        *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
    for rep in $(seq 1 "$REPS"); do
        run_one "$scenario" single "$rep" "${args[@]}"
        run_one "$scenario" all "$rep" "${args[@]}"
    done
done

python3 "$here/summarize.py" "$OUT/results.tsv" | tee "$OUT/tables.md"
