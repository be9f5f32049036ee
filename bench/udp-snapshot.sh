#!/usr/bin/env bash
# Warm-restart snapshots of our UDP tracker at production scale, loopback only: snapshot size,
# time to write it, time to load it at start-up, and UDP latency and throughput at a fixed rate
# while snapshots are written compared with a run without them.
#
#   bench/udp-snapshot.sh [OUT_DIR]
#
# 1. Our tracker (pinned to CPU 0, snapshot_interval 86400 so none is written yet) is given a
#    population: the load tester (CPU 1) sends announces only, no peer leaves, for TORRENTS
#    torrents (Zipf s=1) and PEERS peers at POPULATE_RATE; POPULATE_PASSES x PEERS announces reach
#    1 - e^-passes of the peers.
# 2. SIGTERM: the tracker writes its snapshot on the way out (size from the file, time to exit).
# 3. REPS times, alternating: a restart without snapshots and one with snapshot_interval =
#    SNAPSHOT_INTERVAL, each loading that snapshot (load time from its log line), warmed up by one
#    fixed-rate run (RATE requests per second, 90% announce / 10% scrape, SECONDS each) and then
#    measured by another (responses, lost, p99 from the load tester); the latest write's time from
#    aquatic_snapshot_duration_seconds after each run with snapshots.
# Writes OUT_DIR/snapshot.md.
#
# With REUSE_SNAPSHOT=1 and OUT_DIR/swarms.snapshot present (from an earlier run into the same
# OUT_DIR), steps 1-2 are skipped: the population is loaded from it instead, so the measured
# restarts can be repeated on a quiet machine without populating again (SIGTERM time not measured);
# set MAX_PEER_AGE above the time since that snapshot was written, or its peers expire at load.
#
# Environment: TORRENTS (1000000), PEERS (10000000), POPULATE_RATE (150000), POPULATE_PASSES (3),
# RATE (20000), SECONDS (30), REPS (5), REUSE_SNAPSHOT (0), MAX_PEER_AGE (1200, the default), SNAPSHOT_INTERVAL (5), PORT (34200), METRICS_PORT (34201),
# AQUATIC_JAVA_OPTS (extra JVM options for our tracker).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

TORRENTS=${TORRENTS:-1000000}
PEERS=${PEERS:-10000000}
POPULATE_RATE=${POPULATE_RATE:-150000}
POPULATE_PASSES=${POPULATE_PASSES:-3}
RATE=${RATE:-20000}
SECONDS_PER_RUN=${SECONDS:-30}
SNAPSHOT_INTERVAL=${SNAPSHOT_INTERVAL:-5}
PORT=${PORT:-34200}
METRICS_PORT=${METRICS_PORT:-34201}
bench_out_dir udp-snapshot "${1:-}"
bench_build

load_config() { # RATE SECONDS WEIGHT_SCRAPE (announce weight 9)
    printf 'server_address = "127.0.0.1:%s"\nworkers = 1\n[load]\nduration = %s\nrate = %s\nprogress_interval = 10\n[workload]\nnumber_of_torrents = %s\nnumber_of_peers = %s\nstopped_probability = 0.0\n[requests]\nweight_connect = 0\nweight_announce = 9\nweight_scrape = %s\nannounce_peers_wanted = 30\n' \
        "$PORT" "$2" "$1" "$TORRENTS" "$PEERS" "$3"
}
load_config "$POPULATE_RATE" $(( PEERS * POPULATE_PASSES / POPULATE_RATE )) 0 >"$OUT/populate.toml"
load_config "$RATE" "$SECONDS_PER_RUN" 1 >"$OUT/fixed.toml"
tracker_config() { # SNAPSHOT_INTERVAL
    # [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits.
    printf 'socket_workers = 1\n[network]\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[cleaning]\nmax_peer_age = %s\n[metrics]\nrun_prometheus_endpoint = true\nprometheus_endpoint_address = "127.0.0.1:%s"\n[persistence]\npath = "%s/swarms.snapshot"\nsnapshot_interval = %s\n[rate_limit]\nenabled = false\n' \
        "$PORT" "${MAX_PEER_AGE:-1200}" "$METRICS_PORT" "$OUT" "$1"
}
tracker_config 86400 >"$OUT/no-snapshots.toml"
tracker_config "$SNAPSHOT_INTERVAL" >"$OUT/snapshots.toml"

metric() { # NAME: the sum of its samples on the metrics endpoint
    curl -fsS "http://127.0.0.1:$METRICS_PORT/metrics" | awk -v n="$1" '$1 == n || index($1, n "{") == 1 { s += $2 } END { print s + 0 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stop_waiting() { # PID: SIGTERM, and up to 120 s for the last snapshot of millions of peers
    kill -TERM "$1"
    for _ in $(seq 1 1200); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.1
    done
    bench_stop "$1"
}

if [ "${REUSE_SNAPSHOT:-0}" = 1 ] && [ -f "$OUT/swarms.snapshot" ]; then
    echo "bench: reusing $OUT/swarms.snapshot" >&2
    stop_ms=-
    rm -f "$OUT/loads.tsv" "$OUT/fixed.tsv" "$OUT/writes.txt"
else
    rm -f "$OUT/swarms.snapshot"
    pid=$(bench_start_ours udp "$OUT/no-snapshots.toml" 0 "$OUT/populate.tracker.log")
    echo "bench: populating $PEERS peers of $TORRENTS torrents" >&2
    taskset -c 1 "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/populate.toml" >"$OUT/populate.log" 2>&1
    grep -a '^SUMMARY' "$OUT/populate.log" >&2
    stop_started=$(date +%s%N)
    stop_waiting "$pid"
    stop_ms=$(( ($(date +%s%N) - stop_started) / 1000000 ))
fi
snapshot_bytes=$(stat -c %s "$OUT/swarms.snapshot")

# Alternating restarts from that snapshot: each loads it, warms up with one fixed-rate run, then
# is measured; "with" writes a snapshot every SNAPSHOT_INTERVAL s meanwhile, "without" none.
for rep in $(seq 1 "$REPS"); do
    for label in without with; do
        conf=$OUT/no-snapshots.toml
        [ $label = with ] && conf=$OUT/snapshots.toml
        pid=$(bench_start_ours udp "$conf" 0 "$OUT/$label.$rep.tracker.log")
        grep -oE 'persistence: loaded .* in [0-9]+ ms: [0-9]+ torrent records with [0-9]+ peers' \
            "$OUT/$label.$rep.tracker.log" | sed -E 's/.* in ([0-9]+) ms: ([0-9]+) torrent records with ([0-9]+) peers/\1\t\2\t\3/' \
            >>"$OUT/loads.tsv"
        taskset -c 1 "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/fixed.toml" >"$OUT/$label.$rep.warmup.log" 2>&1
        taskset -c 1 "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/fixed.toml" >"$OUT/$label.$rep.log" 2>&1
        summary=$(grep -a '^SUMMARY' "$OUT/$label.$rep.log")
        printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$rep" "$(bench_summary_value "$summary" responses)" \
            "$(bench_summary_value "$summary" lost)" "$(bench_summary_value "$summary" p99_us)" >>"$OUT/fixed.tsv"
        if [ $label = with ]; then
            metric aquatic_snapshot_duration_seconds >>"$OUT/writes.txt" # the latest write's time
        fi
        stop_waiting "$pid"
    done
done
write_ms=$(awk '{ printf "%.0f\n", $1 * 1000 }' "$OUT/writes.txt" | median)
load_ms=$(cut -f1 "$OUT/loads.tsv" | median)
restored=$(head -1 "$OUT/loads.tsv" | awk -F'\t' '{ print $3 " peers of " $2 " torrents" }')

row() { # LABEL
    printf '| %s | %s | %s | %s |\n' "$1" \
        "$(awk -v l="$1" '$1 == l { print $3 }' "$OUT/fixed.tsv" | median)" \
        "$(awk -v l="$1" '$1 == l { print $4 }' "$OUT/fixed.tsv" | median)" \
        "$(awk -v l="$1" '$1 == l { print $5 }' "$OUT/fixed.tsv" | median)"
}
{
    echo "Population of $PEERS peers, $TORRENTS torrents: $(grep -a '^SUMMARY' "$OUT/populate.log" 2>/dev/null || echo "reused $OUT/swarms.snapshot")"
    echo
    echo "| | value |"
    echo "|---|---|"
    echo "| snapshot size | $(( snapshot_bytes / 1024 / 1024 )) MiB ($snapshot_bytes bytes) |"
    echo "| SIGTERM to exit, last snapshot included | $stop_ms ms |"
    echo "| restored at start-up | $restored |"
    echo "| time to load at start-up, median of $(( REPS * 2 )) | $load_ms ms |"
    echo "| periodic snapshot write under load, median of $REPS | $write_ms ms |"
    echo
    echo "Fixed rate $RATE req/s (90% announce, 10% scrape), $SECONDS_PER_RUN s per run, medians of $REPS:"
    echo
    echo "| snapshots | responses | lost | p99 µs |"
    echo "|---|---|---|---|"
    row without
    row with
} >"$OUT/snapshot.md"
cat "$OUT/snapshot.md"
