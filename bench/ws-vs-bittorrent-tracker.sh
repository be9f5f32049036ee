#!/usr/bin/env bash
# Side-by-side WebTorrent (WebSocket) benchmark of our tracker and npm's bittorrent-tracker on this
# machine, loopback only.
#
#   bench/ws-vs-bittorrent-tracker.sh [OUT_DIR]  (needs node >= 20; npm-installs the pinned
#                                                  bittorrent-tracker into bench/bittorrent-tracker)
#
# Same method as bench/udp-vs-opentracker.sh: the two trackers take turns (ours,
# bittorrent-tracker, ours, ...), REPS times, a fresh tracker per run, one under load at a time.
# A run is one load-test process: WARMUP s of unmeasured traffic on its own connections (JIT
# warm-up of both sides; the WebSocket load tester's warmup_duration), then DURATION s measured on
# new connections; tracker CPU and box CPU are read from the moment the load tester prints
# "measuring for" (bench_measured_run in lib.sh). Rows go to OUT_DIR/results.tsv, medians and
# ours/bittorrent-tracker ratios to OUT_DIR/tables.md, the chart to OUT_DIR/throughput.svg.
#
# Workload (scenario ws-1w): PEERS WebSocket connections (one peer each), 10,000 torrents Zipf s=1,
# 25% seeders, 90% announce / 10% scrape of 1-10 hashes, OFFERS offers per announce, which the
# tracker relays to other peers of the swarm; every peer answers every offer it receives, which
# the tracker relays back. Closed loop: one announce or scrape in flight per connection. Replies =
# every message the tracker sent (announce and scrape responses, relayed offers and answers).
# Our tracker: 1 socket worker, max_messages_per_second = 0 (its default of 50 per connection would
# throttle the load tester's peers, which bittorrent-tracker does not). bittorrent-tracker:
# WebSocket only, stats off (bench/bittorrent-tracker/server.mjs); Node runs JavaScript on one
# thread. Tracker pinned to CPU 0, load tester (1 worker) to CPU 1.
#
# Environment: REPS (5), DURATION (10), WARMUP (10), PORT (34300), PEERS (500), OFFERS (5),
# AQUATIC_JAVA_OPTS (extra JVM options for our tracker).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

PORT=${PORT:-34300}
PEERS=${PEERS:-500}
OFFERS=${OFFERS:-5}
bench_out_dir ws-vs-bittorrent-tracker "${1:-}"

bench_require_bittorrent_tracker
bench_build

printf 'server_address = "127.0.0.1:%s"\nworkers = 1\nwarmup_duration = %s\n[load]\nduration = %s\nprogress_interval = 60\n[workload]\nnumber_of_torrents = 10000\nnumber_of_peers = %s\npeer_seeder_probability = 0.25\n[requests]\nweight_announce = 90\nweight_scrape = 10\noffers_per_announce = %s\nscrape_max_torrents = 10\n' \
    "$PORT" "$WARMUP" "$DURATION" "$PEERS" "$OFFERS" >"$OUT/load.toml"
# [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits;
# [overload] off: closed-loop runs saturate the tracker on purpose (shedding would change the work).
printf 'socket_workers = 1\nlog_level = "info"\n[network]\nuse_ipv4 = true\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[limits]\nmax_messages_per_second = 0\n[rate_limit]\nenabled = false\n[overload]\nenabled = false\n' \
    "$PORT" >"$OUT/ours.toml"
printf '%s\n' "$BENCH_TSV_HEADER" >"$OUT/results.tsv"

# run_one TRACKER(ours|bittorrent-tracker) REP
run_one() {
    local tracker=$1 rep=$2 tag="ws-1w-$1-$2" pid transport=-
    if [ "$tracker" = ours ]; then
        pid=$(bench_start_ours ws "$OUT/ours.toml" 0 "$OUT/$tag.tracker.log")
        transport=$(grep -o 'socket workers over [a-z_]*' "$OUT/$tag.tracker.log" | awk '{print $4}')
    else
        pid=$(bench_start_bittorrent_tracker "$PORT" 0 "$OUT/$tag.tracker.log")
    fi
    bench_measured_run "$OUT/results.tsv" ws-1w "$tracker" "$rep" "$pid" ws \
        "$OUT/load.toml" "$OUT/$tag.load.log" 1 "$transport" "measuring for"
    bench_stop "$pid"
}

for rep in $(seq 1 "$REPS"); do
    run_one ours "$rep"
    run_one bittorrent-tracker "$rep"
done

python3 "$here/summarize.py" "$OUT/results.tsv" | tee "$OUT/tables.md"
python3 "$here/chart.py" "$OUT/throughput.svg" "WebSocket=$OUT/results.tsv"
