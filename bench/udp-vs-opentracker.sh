#!/usr/bin/env bash
# Side-by-side UDP benchmark of our tracker and Debian's opentracker on this machine, loopback only.
#
#   bench/udp-vs-opentracker.sh [OUT_DIR]        (root: may apt-get install opentracker)
#
# For every scenario the two trackers take turns (ours, opentracker, ours, ...), REPS times each,
# a fresh tracker per run and only one tracker under load at a time. A run: start the tracker,
# WARMUP s of closed-loop load (JIT warm-up, swarm fill; not measured; closed loop even for a
# fixed-rate scenario, because at a moderate rate C2 is still compiling long after a few seconds
# and its CPU would be counted as the tracker's), then a DURATION s measured load-test run with the
# same config and seed. Per run it records responses/s, lost and p99 from the load tester's
# SUMMARY line, the tracker's CPU seconds (utime+stime of /proc/PID/stat over the measured run),
# CPU us per response, responses per tracker CPU-second, VmRSS after the run, and the CPU the rest
# of the box used meanwhile (load tester, kernel and anything else), then prints medians and
# ours/opentracker ratios and writes OUT_DIR/results.tsv and OUT_DIR/tables.md.
#
# Scenarios (10,000 torrents Zipf s=1, 100,000 peers, same seed for both trackers):
#   ref-1w      80% announce / 20% scrape (1-10 hashes), num_want 50; 1 socket worker vs
#               opentracker's default (UDP in its main thread); tracker pinned to CPU 0, load tester
#               (1 thread) to CPU 1. Our max_response_peers is 50 so both return up to 50 peers.
#   bencher-1w  aquatic's bencher mix: announce:scrape 100:1, num_want 30, no extra connects
#               (weight_connect 0: only the id renewals), max_response_peers 30; pinned as above.
#   ref-2w      as ref-1w with 2 socket workers vs listen.udp.workers 2, load tester with 2 threads,
#               nothing pinned (all share both CPUs).
#   fixed-20k   ref mix at a fixed 20,000 requests/s (open loop), pinned as ref-1w: CPU per request.
#   transports  ours only, ref-1w with network.transport io_uring, epoll, nio (alternating).
#
# Environment: REPS (5), DURATION (10), WARMUP (10), PORT (34000), SCENARIOS (all of the above,
# space-separated), TRANSPORT_REPS (3), AQUATIC_JAVA_OPTS (extra JVM options for our tracker).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

PORT=${PORT:-34000}
TRANSPORT_REPS=${TRANSPORT_REPS:-3}
SCENARIOS=${SCENARIOS:-"ref-1w bencher-1w ref-2w fixed-20k transports"}
bench_out_dir udp-vs-opentracker "${1:-}"

bench_require_opentracker
bench_build

# ours_config FILE WORKERS MAX_PEERS TRANSPORT
ours_config() {
    # [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits.
    printf 'socket_workers = %s\nlog_level = "info"\n[network]\nuse_ipv4 = true\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\ntransport = "%s"\n[protocol]\nmax_response_peers = %s\n[rate_limit]\nenabled = false\n' \
        "$2" "$PORT" "$4" "$3" >"$1"
}

# opentracker_config FILE WORKERS (0 = default: UDP served by the main thread)
opentracker_config() {
    {
        printf 'listen.tcp_udp 127.0.0.1:%s\naccess.whitelist %s/whitelist.txt\n' "$PORT" "$OUT"
        if [ "$2" -gt 0 ]; then
            printf 'listen.udp.workers %s\n' "$2"
        fi
    } >"$1"
}

"$JAVA" -jar "$LOAD_JAR" udp --info-hashes >"$OUT/whitelist.txt"
printf '%s\n' "$BENCH_TSV_HEADER" >"$OUT/results.tsv"

# run_one SCENARIO TRACKER(ours|opentracker) REP MIX WORKERS LT_THREADS RATE TRACKER_CPUS LT_CPUS TRANSPORT
run_one() {
    local scenario=$1 tracker=$2 rep=$3 mix=$4 workers=$5 threads=$6 rate=$7 tcpus=$8 lcpus=$9 transport=${10}
    local tag="$scenario-$tracker-$transport-$rep" pid max_peers used_transport=- lt_pin=()
    [ "$mix" = ref ] && max_peers=50 || max_peers=30
    [ -n "$lcpus" ] && lt_pin=(taskset -c "$lcpus")
    bench_udp_load_config "$OUT/$tag.warmup.toml" "$PORT" "$mix" "$threads" 0 "$WARMUP"
    bench_udp_load_config "$OUT/$tag.load.toml" "$PORT" "$mix" "$threads" "$rate" "$DURATION"
    if [ "$tracker" = ours ]; then
        ours_config "$OUT/$tag.tracker.toml" "$workers" "$max_peers" "$transport"
        pid=$(bench_start_ours udp "$OUT/$tag.tracker.toml" "$tcpus" "$OUT/$tag.tracker.log")
        used_transport=$(grep -o 'socket workers over [a-z_]*' "$OUT/$tag.tracker.log" | awk '{print $4}')
    else
        opentracker_config "$OUT/$tag.tracker.conf" "$([ "$workers" -gt 1 ] && echo "$workers" || echo 0)"
        pid=$(bench_start_opentracker "$OUT/$tag.tracker.conf" "$tcpus" "$OUT/$tag.tracker.log")
    fi
    "${lt_pin[@]}" "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/$tag.warmup.toml" >"$OUT/$tag.warmup.log" 2>&1
    bench_measured_run "$OUT/results.tsv" "$scenario" "$tracker" "$rep" "$pid" udp \
        "$OUT/$tag.load.toml" "$OUT/$tag.load.log" "$lcpus" "$used_transport"
    bench_stop "$pid"
}

for scenario in $SCENARIOS; do
    case $scenario in
        ref-1w) args=(ref 1 1 0 0 1) ;;
        bencher-1w) args=(bencher 1 1 0 0 1) ;;
        ref-2w) args=(ref 2 2 0 "" "") ;;
        fixed-20k) args=(ref 1 1 20000 0 1) ;;
        transports) args=() ;;
        *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
    if [ "$scenario" = transports ]; then
        for rep in $(seq 1 "$TRANSPORT_REPS"); do
            for transport in io_uring epoll nio; do
                run_one transports ours "$rep" ref 1 1 0 0 1 "$transport"
            done
        done
        continue
    fi
    reps=$REPS
    if [ "$scenario" = fixed-20k ] || [ "$scenario" = ref-2w ]; then
        reps=$(( REPS < 3 ? REPS : 3 ))
    fi
    for rep in $(seq 1 "$reps"); do
        run_one "$scenario" ours "$rep" "${args[@]}" auto
        run_one "$scenario" opentracker "$rep" "${args[@]}" auto
    done
done

python3 "$here/summarize.py" "$OUT/results.tsv" | tee "$OUT/tables.md"
python3 "$here/chart.py" "$OUT/throughput.svg" "UDP=$OUT/results.tsv"
