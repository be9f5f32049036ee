#!/usr/bin/env bash
# Side-by-side WebTorrent (WebSocket) benchmark of our tracker and npm's bittorrent-tracker on this
# machine, loopback only.
#
#   bench/ws-vs-bittorrent-tracker.sh [OUT_DIR]  (needs node >= 20; npm-installs the pinned
#                                                  bittorrent-tracker into bench/bittorrent-tracker)
#
# Same method as bench/udp-vs-opentracker.sh: the trackers take turns (ours, bittorrent-tracker,
# ours, ...), REPS times, a fresh tracker per run, one under load at a time. A run is one load-test
# process: unmeasured traffic on its own connections first (JIT warm-up of both sides; the
# WebSocket load tester's warmup_seconds), then DURATION s measured on new connections; tracker CPU
# and box CPU are read from the moment the load tester prints "measuring for" (bench_measured_run
# in lib.sh). Rows go to OUT_DIR/results.tsv, medians and ratios to OUT_DIR/tables.md, the chart to
# OUT_DIR/throughput.svg.
#
# Workload: PEERS WebSocket connections (one peer each), 10,000 torrents Zipf s=1, 25% seeders,
# OFFERS offers per announce, which the tracker relays to other peers of the swarm; every peer
# answers every offer it receives, which the tracker relays back. Replies = every message the
# tracker sent (announce and scrape responses, relayed offers and answers). Our tracker: 1 socket
# worker, max_messages_per_second = 0 (its default of 50 per connection would throttle the load
# tester's peers, which bittorrent-tracker does not). bittorrent-tracker: WebSocket only, stats off
# (bench/bittorrent-tracker/server.mjs); Node runs JavaScript on one thread.
#
# Scenarios (SCENARIOS, all by default):
#   ws-1w           closed loop, one announce or scrape in flight per connection, 90% announce /
#                   10% scrape of 1-10 hashes, WARMUP s of warm-up; tracker on CPU 0, load tester
#                   (1 worker) on CPU 1.
#   fixed-1k        open loop at ANNOUNCE_RATE announces/s (announces only), after FIXED_WARMUP s
#                   of warm-up at that rate (steady state): tracker CPU per message. Tracker on
#                   CPU 0, load tester on CPU 1 (split).
#   fixed-1k-same   the same with the tracker and the load tester both on CPU 0: wake-ups cost
#                   3-4x less on one CPU than across two, so both placements are reported.
#   wss-fixed-1k    ours only, fixed-1k over plain ws and over TLS (wss, an ECDSA P-256
#                   certificate made per run) alternating: the column ratio is wss / ws.
#   warmup          ours only, fixed-1k on a fresh tracker with no warm-up for WARMUP_RUN s: the
#                   tracker's CPU per message over seconds 3-13 after the load starts against the
#                   last 10 s (the JIT's share of the first seconds), to OUT_DIR/warmup.tsv and
#                   tables.md.
#
# Environment: REPS (5), DURATION (10), WARMUP (10), FIXED_WARMUP (30), ANNOUNCE_RATE (1000),
# WARMUP_RUN (40), PORT (34300), PEERS (500), OFFERS (5), SCENARIOS ("ws-1w fixed-1k
# fixed-1k-same wss-fixed-1k warmup"), AQUATIC_JAVA_OPTS (extra JVM options for our tracker).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

PORT=${PORT:-34300}
PEERS=${PEERS:-500}
OFFERS=${OFFERS:-5}
FIXED_WARMUP=${FIXED_WARMUP:-30}
ANNOUNCE_RATE=${ANNOUNCE_RATE:-1000}
WARMUP_RUN=${WARMUP_RUN:-40}
SCENARIOS=${SCENARIOS:-"ws-1w fixed-1k fixed-1k-same wss-fixed-1k warmup"}
bench_out_dir ws-vs-bittorrent-tracker "${1:-}"

bench_require_bittorrent_tracker
bench_build

# load_config FILE RATE(0 = closed loop) WARMUP_S DURATION_S TLS(true|false) [PROGRESS_S]
load_config() {
    local weights='weight_announce = 90\nweight_scrape = 10'
    [ "$2" -gt 0 ] && weights='weight_announce = 1\nweight_scrape = 0'
    printf 'server_address = "127.0.0.1:%s"\ntls = %s\nworkers = 1\nwarmup_seconds = %s\n[load]\nduration = %s\nrate = %s\nprogress_interval = %s\n[workload]\nnumber_of_torrents = 10000\nnumber_of_peers = %s\npeer_seeder_probability = 0.25\n[requests]\n%b\noffers_per_announce = %s\nscrape_max_torrents = 10\n' \
        "$PORT" "$5" "$3" "$4" "$2" "${6:-60}" "$PEERS" "$weights" "$OFFERS" >"$1"
}
load_config "$OUT/closed.toml" 0 "$WARMUP" "$DURATION" false
load_config "$OUT/fixed.toml" "$ANNOUNCE_RATE" "$FIXED_WARMUP" "$DURATION" false
load_config "$OUT/fixed-tls.toml" "$ANNOUNCE_RATE" "$FIXED_WARMUP" "$DURATION" true
load_config "$OUT/cold.toml" "$ANNOUNCE_RATE" 0 "$WARMUP_RUN" false 1
# [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits;
# [overload] off: closed-loop runs saturate the tracker on purpose (shedding would change the work).
printf 'socket_workers = 1\nlog_level = "info"\n[network]\nuse_ipv4 = true\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[limits]\nmax_messages_per_second = 0\n[rate_limit]\nenabled = false\n[overload]\nenabled = false\n' \
    "$PORT" >"$OUT/ours.toml"
mkdir -p "$OUT/tls"
cp "$OUT/ours.toml" "$OUT/ours-tls.toml"
printf '[network.tls]\nenable_tls = true\ntls_certificate_path = "%s/tls/ecdsa.crt"\ntls_private_key_path = "%s/tls/ecdsa.key"\n' \
    "$OUT" "$OUT" >>"$OUT/ours-tls.toml"
printf '%s\n' "$BENCH_TSV_HEADER" >"$OUT/results.tsv"

# start TRACKER(ours|ours-tls|bittorrent-tracker) CPU LOG: prints the PID.
start() {
    case $1 in
        ours) bench_start_ours ws "$OUT/ours.toml" "$2" "$3" ;;
        ours-tls) bench_tls_certificate "$OUT/tls" ecdsa && bench_start_ours ws "$OUT/ours-tls.toml" "$2" "$3" ;;
        bittorrent-tracker) bench_start_bittorrent_tracker "$PORT" "$2" "$3" ;;
    esac
}

# run_one SCENARIO TRACKER COLUMN CONF TRACKER_CPU LOAD_CPU REP
run_one() {
    local scenario=$1 tracker=$2 column=$3 tag="$1-$3-$7" pid transport=-
    pid=$(start "$tracker" "$5" "$OUT/$tag.tracker.log")
    [ "$tracker" = bittorrent-tracker ] ||
        transport=$(grep -o 'socket workers over [a-z_]*' "$OUT/$tag.tracker.log" | awk '{print $4}')
    bench_measured_run "$OUT/results.tsv" "$scenario" "$column" "$7" "$pid" ws \
        "$4" "$OUT/$tag.load.log" "$6" "$transport" "measuring for"
    bench_stop "$pid"
}

# warmup_run REP: a fresh tracker under the cold load (no warm-up) for WARMUP_RUN s; the tracker's
# CPU seconds sampled every second from when the load tester prints "measuring for" into
# OUT_DIR/warmup-ours-REP.cpu, beside the load tester's per-second progress lines (messages the
# tracker sent per second), which warmup.py turns into CPU per message early and steady.
warmup_run() {
    local rep=$1 tag="warmup-ours-$1" pid lt_pid i t0 now
    pid=$(start ours 0 "$OUT/$tag.tracker.log")
    taskset -c 1 "$JAVA" -jar "$LOAD_JAR" ws -c "$OUT/cold.toml" >"$OUT/$tag.load.log" 2>&1 &
    lt_pid=$!
    for i in $(seq 1 6000); do
        grep -q "measuring for" "$OUT/$tag.load.log" 2>/dev/null && break
        sleep 0.01
    done
    t0=$(date +%s.%N)
    : >"$OUT/$tag.cpu"
    while kill -0 "$lt_pid" 2>/dev/null; do
        now=$(date +%s.%N)
        printf '%s\t%s\n' "$(awk -v a="$t0" -v b="$now" 'BEGIN { printf "%.2f", b - a }')" "$(bench_cpu_seconds "$pid")" >>"$OUT/$tag.cpu"
        sleep 1
    done
    wait "$lt_pid" || true
    bench_stop "$pid"
}

for rep in $(seq 1 "$REPS"); do
    for scenario in $SCENARIOS; do
        case $scenario in
            ws-1w)
                run_one ws-1w ours ours "$OUT/closed.toml" 0 1 "$rep"
                run_one ws-1w bittorrent-tracker bittorrent-tracker "$OUT/closed.toml" 0 1 "$rep" ;;
            fixed-1k)
                run_one fixed-1k ours ours "$OUT/fixed.toml" 0 1 "$rep"
                run_one fixed-1k bittorrent-tracker bittorrent-tracker "$OUT/fixed.toml" 0 1 "$rep" ;;
            fixed-1k-same)
                run_one fixed-1k-same ours ours "$OUT/fixed.toml" 0 0 "$rep"
                run_one fixed-1k-same bittorrent-tracker bittorrent-tracker "$OUT/fixed.toml" 0 0 "$rep" ;;
            wss-fixed-1k)
                run_one wss-fixed-1k ours ws "$OUT/fixed.toml" 0 1 "$rep"
                run_one wss-fixed-1k ours-tls wss "$OUT/fixed-tls.toml" 0 1 "$rep" ;;
            warmup) warmup_run "$rep" ;;
            *) echo "unknown scenario $scenario" >&2; exit 2 ;;
        esac
    done
done

python3 "$here/summarize.py" "$OUT/results.tsv" | tee "$OUT/tables.md"
case " $SCENARIOS " in
    *" warmup "*) python3 "$here/warmup.py" "$OUT" "$WARMUP_RUN" | tee -a "$OUT/tables.md" ;;
esac
python3 "$here/chart.py" "$OUT/throughput.svg" "WebSocket=$OUT/results.tsv"
