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
# few peers of a torrent that drew the same port are one peer to both trackers alike.
# Then it reads VmRSS; for ours also after `jcmd PID GC.run`, plus `jcmd PID GC.heap_info` and,
# when AQUATIC_JAVA_OPTS turns on -XX:NativeMemoryTracking=summary, the JVM's native memory by
# category (OUT_DIR/ours.nmt.txt). Writes OUT_DIR/memory.md, ending with the memory target's check.
#
# Environment: TORRENTS (100000), PEERS (1000000), RATE (100000), LOAD_SECONDS (PEERS*5/RATE), PORT (34100),
# AQUATIC_JAVA_OPTS (extra JVM options for our tracker, e.g. -Xmx512m).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

TORRENTS=${TORRENTS:-100000}
PEERS=${PEERS:-1000000}
RATE=${RATE:-100000}
LOAD_SECONDS=${LOAD_SECONDS:-$(( PEERS * 5 / RATE ))}
PORT=${PORT:-34100}
bench_out_dir udp-memory "${1:-}"
JCMD=$java_home/bin/jcmd

bench_require_opentracker
bench_build

printf 'server_address = "127.0.0.1:%s"\nworkers = 1\n[load]\nduration = %s\nrate = %s\nprogress_interval = 10\n[workload]\nnumber_of_torrents = %s\nnumber_of_peers = %s\nstopped_probability = 0.0\n[requests]\nweight_connect = 0\nweight_announce = 1\nweight_scrape = 0\nannounce_peers_wanted = 30\n' \
    "$PORT" "$LOAD_SECONDS" "$RATE" "$TORRENTS" "$PEERS" >"$OUT/load.toml"
"$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/load.toml" --info-hashes >"$OUT/whitelist.txt"
printf 'listen.tcp_udp 127.0.0.1:%s\naccess.whitelist %s/whitelist.txt\n' "$PORT" "$OUT" >"$OUT/opentracker.conf"
# [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits.
printf 'socket_workers = 1\n[network]\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[rate_limit]\nenabled = false\n' "$PORT" >"$OUT/ours.toml"

{
    echo "| tracker | announces answered | lost | RSS idle (MiB) | RSS with population (MiB) | notes |"
    echo "|---|---|---|---|---|---|"
} >"$OUT/memory.md"

for tracker in ours opentracker; do
    if [ $tracker = ours ]; then
        pid=$(bench_start_ours udp "$OUT/ours.toml" "" "$OUT/ours.log")
    else
        pid=$(bench_start_opentracker "$OUT/opentracker.conf" "" "$OUT/opentracker.log")
    fi
    idle=$(bench_rss_kib "$pid")
    "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/load.toml" >"$OUT/$tracker.load.log" 2>&1
    summary=$(grep '^SUMMARY' "$OUT/$tracker.load.log")
    rss=$(bench_rss_kib "$pid")
    notes=""
    if [ $tracker = ours ]; then
        "$JCMD" "$pid" GC.run >/dev/null
        sleep 1
        "$JCMD" "$pid" GC.heap_info >"$OUT/ours.heap_info.txt"
        after_gc=$(bench_rss_kib "$pid")
        # The heap lines are those with a total ("garbage-first heap total reserved ..., used NK",
        # serial's "DefNew total ..., used NK" and "Tenured ..."; summed); Metaspace has none.
        used=$(grep 'total' "$OUT/ours.heap_info.txt" | grep -oE 'used [0-9]+K' \
            | awk -F'used ' '{ s += $2 } END { print s + 0 }' || true)
        if "$JCMD" "$pid" VM.native_memory summary >"$OUT/ours.nmt.txt" 2>&1 \
            && grep -q 'Total:' "$OUT/ours.nmt.txt"; then
            notes="JVM native memory (NMT) in ours.nmt.txt; "
        fi
        notes="${notes}RSS after GC.run $(( after_gc / 1024 )) MiB; live heap after GC.run $(( used / 1024 )) MiB"
    fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$tracker" \
        "$(bench_summary_value "$summary" announce)" "$(bench_summary_value "$summary" lost)" \
        "$(( idle / 1024 ))" "$(( rss / 1024 ))" "$notes" >>"$OUT/memory.md"
    bench_stop "$pid"
    eval "rss_$tracker=$rss"
done
# shellcheck disable=SC2154
verdict=$([ "$rss_ours" -le "$rss_opentracker" ] && echo met || echo MISSED)
printf '\n- target: resident memory at most opentracker'"'"'s for the same population: %s vs %s MiB, %s\n' \
    "$(( rss_ours / 1024 ))" "$(( rss_opentracker / 1024 ))" "$verdict" >>"$OUT/memory.md"
cat "$OUT/memory.md"
