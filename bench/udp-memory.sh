#!/usr/bin/env bash
# Resident memory of our UDP tracker and Debian's opentracker holding the same peer population,
# loopback only.
#
#   bench/udp-memory.sh [OUT_DIR]
#
# Each tracker in turn, fresh: the load tester sends announces only (stopped_probability 0, so no
# peer leaves) for TORRENTS torrents (Zipf s=1) and PEERS peers at a fixed RATE for LOAD_SECONDS, the same
# seed and therefore the same request sequence for both. Each announce picks a peer at random, so
# RATE*LOAD_SECONDS = 5 x PEERS requests reach 1 - e^-5 = 99.3% of the peers. Every load-tester peer
# sends from 127.0.0.1, and both trackers key a peer by address and port within a torrent, so the
# few peers of a torrent that drew the same port are one peer to both trackers alike. Check the
# "announces answered" column: a tracker that could not keep up with RATE answered fewer and holds
# a smaller population.
# Then it reads VmRSS; for ours (and all) also after `jcmd PID GC.run`, plus `jcmd PID GC.heap_info` and,
# with NMT=1 (adds -XX:NativeMemoryTracking=summary), the JVM's native memory by category at the
# population (OUT_DIR/ours.nmt.txt) and after the GC (ours.nmt-after-gc.txt). Writes
# OUT_DIR/memory.md, ending with the memory target's check.
#
# EXPIRY=1 (ours only; needs curl) measures whether resident memory follows the population down
# instead: ours runs with max_peer_age = LOAD_SECONDS + 5, torrent_cleaning_interval = 15,
# peer_announce_interval = 15 (it must not exceed max_peer_age) and its metrics endpoint on
# 127.0.0.1:PORT+1, so every peer is still there when the load ends and all have expired about
# LOAD_SECONDS + 20 s later; peers and VmRSS are then sampled every 15 s for LOAD_SECONDS + 80 s,
# into OUT_DIR/ours.expiry.tsv (no GC.run: the JVM has to give memory back by itself).
#
# TRACKERS may also name `all`: `aquatic all` with every protocol on (the load on UDP, HTTP and
# WebTorrent listening idle on PORT+2 and PORT+3, stats page on PORT+4, persistence off), measured
# as ours is.
#
# Environment: TORRENTS (100000), PEERS (1000000), RATE (100000), LOAD_SECONDS (PEERS*5/RATE), PORT (34100),
# TRACKERS ("ours opentracker"; any of ours, all, opentracker), NMT (0), EXPIRY (0), AQUATIC_JAVA_OPTS (extra JVM options for
# our tracker, after the launcher's own; e.g. -Xmx512m).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

TORRENTS=${TORRENTS:-100000}
PEERS=${PEERS:-1000000}
RATE=${RATE:-100000}
LOAD_SECONDS=${LOAD_SECONDS:-$(( PEERS * 5 / RATE ))}
PORT=${PORT:-34100}
TRACKERS=${TRACKERS:-ours opentracker}
NMT=${NMT:-0}
EXPIRY=${EXPIRY:-0}
METRICS_PORT=$(( PORT + 1 ))
[ "$NMT" = 1 ] && AQUATIC_JAVA_OPTS="${AQUATIC_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
bench_out_dir udp-memory "${1:-}"
JCMD=$java_home/bin/jcmd

bench_require_opentracker
bench_build

printf 'server_address = "127.0.0.1:%s"\nworkers = 1\n[load]\nduration = %s\nrate = %s\nprogress_interval = 10\n[workload]\nnumber_of_torrents = %s\nnumber_of_peers = %s\nstopped_probability = 0.0\n[requests]\nweight_connect = 0\nweight_announce = 1\nweight_scrape = 0\nannounce_peers_wanted = 30\n' \
    "$PORT" "$LOAD_SECONDS" "$RATE" "$TORRENTS" "$PEERS" >"$OUT/load.toml"
"$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/load.toml" --info-hashes >"$OUT/whitelist.txt"
printf 'listen.tcp_udp 127.0.0.1:%s\naccess.whitelist %s/whitelist.txt\n' "$PORT" "$OUT" >"$OUT/opentracker.conf"
# [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits;
# [overload] off: closed-loop runs saturate the tracker on purpose (shedding would change the work).
printf 'socket_workers = 1\n[network]\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[rate_limit]\nenabled = false\n[overload]\nenabled = false\n' "$PORT" >"$OUT/ours.toml"
bench_all_config "$OUT/all.toml" "$PORT" $(( PORT + 2 )) $(( PORT + 3 )) $(( PORT + 4 ))
if [ "$EXPIRY" = 1 ]; then
    printf '[protocol]\npeer_announce_interval = 15\n[cleaning]\nmax_peer_age = %s\ntorrent_cleaning_interval = 15\n[metrics]\nrun_prometheus_endpoint = true\nprometheus_endpoint_address = "127.0.0.1:%s"\n' \
        "$(( LOAD_SECONDS + 5 ))" "$METRICS_PORT" >>"$OUT/ours.toml"
fi

# Peers our tracker holds now, from its metrics endpoint (EXPIRY=1 only).
ours_peers() {
    curl -s --max-time 5 "http://127.0.0.1:$METRICS_PORT/metrics" \
        | awk '/^aquatic_peers\{/ { s += $NF } END { printf "%d\n", s }'
}

{
    echo "| tracker | announces answered | lost | RSS idle (MiB) | RSS with population (MiB) | notes |"
    echo "|---|---|---|---|---|---|"
} >"$OUT/memory.md"

for tracker in $TRACKERS; do
    if [ $tracker = ours ]; then
        pid=$(bench_start_ours udp "$OUT/ours.toml" "" "$OUT/ours.log")
    elif [ $tracker = all ]; then
        pid=$(bench_start_all "$OUT/all.toml" "" "$OUT/all.log")
    else
        pid=$(bench_start_opentracker "$OUT/opentracker.conf" "" "$OUT/opentracker.log")
    fi
    idle=$(bench_rss_kib "$pid")
    "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/load.toml" >"$OUT/$tracker.load.log" 2>&1
    summary=$(grep '^SUMMARY' "$OUT/$tracker.load.log")
    rss=$(bench_rss_kib "$pid")
    notes=""
    if [ $tracker = ours ] && [ "$EXPIRY" = 1 ]; then
        printf 'seconds_after_load\tpeers\trss_mib\n0\t%s\t%s\n' "$(ours_peers)" "$(( rss / 1024 ))" \
            >"$OUT/ours.expiry.tsv"
        for t in $(seq 15 15 $(( LOAD_SECONDS + 80 ))); do
            sleep 15
            printf '%s\t%s\t%s\n' "$t" "$(ours_peers)" "$(( $(bench_rss_kib "$pid") / 1024 ))" >>"$OUT/ours.expiry.tsv"
        done
        notes="RSS after every peer expired $(( $(bench_rss_kib "$pid") / 1024 )) MiB (ours.expiry.tsv)"
    elif [ $tracker != opentracker ]; then
        if [ "$NMT" = 1 ]; then
            "$JCMD" "$pid" VM.native_memory summary >"$OUT/$tracker.nmt.txt" 2>&1
            "$JCMD" "$pid" GC.heap_info >"$OUT/$tracker.heap_info-before-gc.txt"
        fi
        "$JCMD" "$pid" GC.run >/dev/null
        sleep 1
        "$JCMD" "$pid" GC.heap_info >"$OUT/$tracker.heap_info.txt"
        after_gc=$(bench_rss_kib "$pid")
        # The heap lines are those with a total ("garbage-first heap total reserved ..., used NK",
        # serial's "DefNew total ..., used NK" and "Tenured ..."; summed); Metaspace has none.
        used=$(grep 'total' "$OUT/$tracker.heap_info.txt" | grep -oE 'used [0-9]+K' \
            | awk -F'used ' '{ s += $2 } END { print s + 0 }' || true)
        if [ "$NMT" = 1 ]; then
            "$JCMD" "$pid" VM.native_memory summary >"$OUT/$tracker.nmt-after-gc.txt" 2>&1
            notes="JVM native memory (NMT) in $tracker.nmt.txt, $tracker.nmt-after-gc.txt; "
        fi
        notes="${notes}RSS after GC.run $(( after_gc / 1024 )) MiB; live heap after GC.run $(( used / 1024 )) MiB"
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$tracker" \
        "$(bench_summary_value "$summary" announce)" "$(bench_summary_value "$summary" lost)" \
        "$(( idle / 1024 ))" "$(( rss / 1024 ))" "$notes" >>"$OUT/memory.md"
    bench_stop "$pid"
    eval "rss_$tracker=$rss"
done
if [ -n "${rss_ours:-}" ] && [ -n "${rss_opentracker:-}" ]; then
    verdict=$([ "$rss_ours" -le "$rss_opentracker" ] && echo met || echo MISSED)
    printf '\n- target: resident memory at most opentracker'"'"'s for the same population: %s vs %s MiB (%s.%02dx), %s\n' \
        "$(( rss_ours / 1024 ))" "$(( rss_opentracker / 1024 ))" "$(( rss_ours / rss_opentracker ))" \
        "$(( rss_ours * 100 / rss_opentracker % 100 ))" "$verdict" >>"$OUT/memory.md"
fi
cat "$OUT/memory.md"
