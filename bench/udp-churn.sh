#!/usr/bin/env bash
# Does our UDP tracker's resident memory stay flat under churn? Loopback only.
#
#   bench/udp-churn.sh [OUT_DIR]
#
# One fresh tracker (the launcher's JVM options, 1 socket worker, pinned to CPU 0) and one load
# tester (CPU 1) sending announces for SECONDS s at a fixed RATE to TORRENTS torrents (Zipf s=1) of
# PEERS peers, STOPPED of them `stopped` events: each announce picks a peer at random, a stopped
# peer leaves its swarm and comes back at its next draw, and peers not drawn for max_peer_age
# (MAX_PEER_AGE s, cleaning every CLEANING s) expire, so the population comes and goes around a
# constant size once MAX_PEER_AGE has passed. Every SAMPLE s the tracker's peers (its
# aquatic_peers metric, as of the last cleaning) and VmRSS go to OUT_DIR/churn.tsv; OUT_DIR/churn.md
# compares RSS in the first and the last quarter after MAX_PEER_AGE (flat = the same within noise).
#
# Environment: SECONDS_TOTAL (3600), RATE (10000), TORRENTS (100000), PEERS (1000000),
# STOPPED (0.1), MAX_PEER_AGE (900), CLEANING (60), SAMPLE (30), PORT (25100; metrics PORT+1),
# AQUATIC_JAVA_OPTS.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

SECONDS_TOTAL=${SECONDS_TOTAL:-3600}
RATE=${RATE:-10000}
TORRENTS=${TORRENTS:-100000}
PEERS=${PEERS:-1000000}
STOPPED=${STOPPED:-0.1}
MAX_PEER_AGE=${MAX_PEER_AGE:-900}
CLEANING=${CLEANING:-60}
SAMPLE=${SAMPLE:-30}
PORT=${PORT:-25100}
bench_out_dir udp-churn "${1:-}"
bench_build

# [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits.
# peer_announce_interval must not exceed max_peer_age.
printf 'socket_workers = 1\n[network]\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[protocol]\npeer_announce_interval = %s\n[cleaning]\nmax_peer_age = %s\ntorrent_cleaning_interval = %s\n[metrics]\nrun_prometheus_endpoint = true\nprometheus_endpoint_address = "127.0.0.1:%s"\n[rate_limit]\nenabled = false\n[overload]\nenabled = false\n' \
    "$PORT" "$(( MAX_PEER_AGE < 1800 ? MAX_PEER_AGE : 1800 ))" "$MAX_PEER_AGE" "$CLEANING" "$(( PORT + 1 ))" >"$OUT/ours.toml"
printf 'server_address = "127.0.0.1:%s"\nworkers = 1\n[load]\nduration = %s\nrate = %s\nprogress_interval = 60\n[workload]\nnumber_of_torrents = %s\nnumber_of_peers = %s\nstopped_probability = %s\n[requests]\nweight_connect = 0\nweight_announce = 1\nweight_scrape = 0\nannounce_peers_wanted = 30\n' \
    "$PORT" "$SECONDS_TOTAL" "$RATE" "$TORRENTS" "$PEERS" "$STOPPED" >"$OUT/load.toml"

peers() {
    curl -s --max-time 5 "http://127.0.0.1:$(( PORT + 1 ))/metrics" \
        | awk '/^aquatic_peers\{/ { s += $NF } END { printf "%d\n", s }'
}

pid=$(bench_start_ours udp "$OUT/ours.toml" 0 "$OUT/ours.log")
printf 'seconds\tpeers\trss_mib\n0\t0\t%s\n' "$(( $(bench_rss_kib "$pid") / 1024 ))" >"$OUT/churn.tsv"
taskset -c 1 "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/load.toml" >"$OUT/load.log" 2>&1 &
lt=$!
start=$(date +%s)
while kill -0 "$lt" 2>/dev/null; do
    sleep "$SAMPLE"
    printf '%s\t%s\t%s\n' "$(( $(date +%s) - start ))" "$(peers)" "$(( $(bench_rss_kib "$pid") / 1024 ))" >>"$OUT/churn.tsv"
done
wait "$lt" || echo "bench: the load tester failed (see $OUT/load.log)" >&2
bench_stop "$pid"

awk -F'\t' -v age="$MAX_PEER_AGE" -v total="$SECONDS_TOTAL" -v summary="$(grep '^SUMMARY' "$OUT/load.log" || true)" '
    NR > 1 && $1 >= age { n++; t[n] = $1; p[n] = $2; r[n] = $3 }
    END {
        q = int(n / 4); if (q < 1) q = 1
        for (i = 1; i <= q; i++) { r0 += r[i]; p0 += p[i] }
        for (i = n - q + 1; i <= n; i++) { r1 += r[i]; p1 += p[i]; if (r[i] > max) max = r[i] }
        for (i = 1; i <= n; i++) if (r[i] > max) max = r[i]
        printf "| window | peers (mean) | RSS MiB (mean) |\n|---|---|---|\n"
        printf "| first quarter after max_peer_age (%d-%d s) | %d | %.0f |\n", t[1], t[q], p0 / q, r0 / q
        printf "| last quarter (%d-%d s) | %d | %.0f |\n", t[n - q + 1], t[n], p1 / q, r1 / q
        printf "\nHighest RSS sample after max_peer_age: %d MiB. Load tester: %s\n", max, summary
    }' "$OUT/churn.tsv" | tee "$OUT/churn.md"
