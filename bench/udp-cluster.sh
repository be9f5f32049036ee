#!/usr/bin/env bash
# What clustering costs the node that answers, loopback only: our UDP tracker alone, then as one
# node of a 2- and a 3-node cluster (the other nodes on 127.0.0.1 too), under the same load.
#
#   bench/udp-cluster.sh [OUT_DIR]
#
# Per run: fresh nodes (node A pinned to CPU 0; the other nodes and the load tester to CPU 1, so
# the other nodes' work of applying A's changes is not counted as A's), WARMUP s of closed-loop load
# on A (not measured), then DURATION s at a fixed RATE (announces only, 10,000 torrents, 100,000
# peers): A's CPU per response (utime+stime of /proc, all threads), p99, responses; A's bytes of
# change batches sent per announce; on node B the replication lag (p50/p99 from
# aquatic_cluster_replication_lag_seconds' buckets: an upper bound, bucket resolution) and node B's
# CPU per change it applied (what one member costs every other, the input of the capacity model
# in docs/benchmarks.md; B shares CPU 1 with the load tester and any third node). The modes
# alternate (off, 2, 3, off, ...) REPS times; medians and ratios to "off" go to OUT_DIR/cluster.md.
# Then the state transfer: node A given STATE_PEERS peers, node B joins; B's
# aquatic_cluster_state_transfer_seconds.
#
# Environment: REPS (3), DURATION (20), WARMUP (10), RATE (20000), STATE_PEERS (1000000),
# PORT (34300; node i uses PORT+10*i for UDP, +1 metrics, +2 cluster), AQUATIC_JAVA_OPTS.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

PORT=${PORT:-34300}
RATE=${RATE:-20000}
STATE_PEERS=${STATE_PEERS:-1000000}
REPS=${REPS:-3}
DURATION=${DURATION:-20}
bench_out_dir udp-cluster "${1:-}"
bench_build

load_config() { # FILE RATE SECONDS TORRENTS PEERS
    printf 'server_address = "127.0.0.1:%s"\nworkers = 1\n[load]\nduration = %s\nrate = %s\nprogress_interval = 60\n[workload]\nnumber_of_torrents = %s\nnumber_of_peers = %s\nstopped_probability = 0.0\n[requests]\nweight_connect = 0\nweight_announce = 1\nweight_scrape = 0\nannounce_peers_wanted = 30\n' \
        "$PORT" "$3" "$2" "$4" "$5" >"$1"
}
node_config() { # FILE INDEX NODES (0 = no cluster)
    local base=$(( PORT + 10 * $2 )) members="" i
    for i in $(seq 0 $(( $3 > 0 ? $3 - 1 : 0 ))); do
        members="$members${members:+, }\"127.0.0.1:$(( PORT + 10 * i + 2 ))\""
    done
    # [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits;
# [overload] off: closed-loop runs saturate the tracker on purpose (shedding would change the work).
    printf 'socket_workers = 1\n[network]\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[metrics]\nrun_prometheus_endpoint = true\nprometheus_endpoint_address = "127.0.0.1:%s"\n[cluster]\nenabled = %s\nname = "bench"\nbind_address = "127.0.0.1:%s"\nmembers = [%s]\nsecret = "bench secret, loopback only"\n[rate_limit]\nenabled = false\n[overload]\nenabled = false\n' \
        "$base" $(( base + 1 )) "$([ "$3" -gt 0 ] && echo true || echo false)" $(( base + 2 )) "$members" >"$1"
}
metric() { # INDEX NAME [LABEL_MATCH]: the sum of the samples of NAME (whose labels contain LABEL_MATCH)
    curl -fsS "http://127.0.0.1:$(( PORT + 10 * $1 + 1 ))/metrics" \
        | awk -v n="$2" -v l="${3:-}" '($1 == n || index($1, n "{") == 1) && index($1, l) > 0 { s += $2 } END { print s + 0 }'
}
lag_quantile() { # INDEX Q: upper bound of the bucket holding quantile Q of the lag histogram, ms
    curl -fsS "http://127.0.0.1:$(( PORT + 10 * $1 + 1 ))/metrics" \
        | awk -v q="$2" '/^aquatic_cluster_replication_lag_seconds_bucket/ {
              match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); n++; les[n] = le; c[n] = $NF }
            END { total = c[n]; for (i = 1; i <= n; i++) if (c[i] >= q * total) { print (les[i] == "+Inf" ? "inf" : les[i] * 1000); exit } }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
wait_members() { # INDEX COUNT
    for _ in $(seq 1 300); do
        [ "$(metric "$1" aquatic_cluster_members)" = "$2" ] && return 0
        sleep 0.1
    done
    echo "bench: node $1 never saw $2 members" >&2
    return 1
}

load_config "$OUT/warmup.toml" 0 "$WARMUP" 10000 100000
load_config "$OUT/load.toml" "$RATE" "$DURATION" 10000 100000
printf 'mode\trep\tresponses\tp99_us\tcpu_us_per_response\tbytes_per_announce\tlag_p50_ms\tlag_p99_ms\tb_cpu_us_per_applied\n' >"$OUT/cluster.tsv"
for rep in $(seq 1 "$REPS"); do
    for nodes in 0 2 3; do
        mode=$([ "$nodes" = 0 ] && echo off || echo "$nodes-nodes")
        pids=()
        for i in $(seq 0 $(( nodes > 0 ? nodes - 1 : 0 ))); do
            node_config "$OUT/$mode.$rep.node$i.toml" "$i" "$nodes"
            cpus=$([ "$i" = 0 ] && echo 0 || echo 1)
            pids+=("$(bench_start_ours udp "$OUT/$mode.$rep.node$i.toml" "$cpus" "$OUT/$mode.$rep.node$i.log")")
        done
        [ "$nodes" -gt 0 ] && wait_members 0 "$nodes"
        taskset -c 1 "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/warmup.toml" >"$OUT/$mode.$rep.warmup.log" 2>&1
        bytes0=$(metric 0 aquatic_cluster_bytes_sent_total)
        cpu0=$(bench_cpu_seconds "${pids[0]}")
        if [ "$nodes" -gt 0 ]; then
            b_cpu0=$(bench_cpu_seconds "${pids[1]}"); b_applied0=$(metric 1 aquatic_cluster_changes_total 'event="applied"')
        fi
        taskset -c 1 "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/load.toml" >"$OUT/$mode.$rep.load.log" 2>&1
        cpu1=$(bench_cpu_seconds "${pids[0]}")
        sleep 1 # the last batches reach node B
        b_per_applied=-
        if [ "$nodes" -gt 0 ]; then
            b_per_applied=$(awk -v a="$(bench_cpu_seconds "${pids[1]}")" -v b="$b_cpu0" \
                -v n="$(metric 1 aquatic_cluster_changes_total 'event="applied"')" -v m="$b_applied0" \
                'BEGIN { printf("%.2f", (n - m > 0 ? (a - b) * 1e6 / (n - m) : 0)) }')
        fi
        summary=$(grep '^SUMMARY' "$OUT/$mode.$rep.load.log")
        responses=$(bench_summary_value "$summary" responses)
        announces=$(bench_summary_value "$summary" announce)
        bytes=$(awk -v a="$(metric 0 aquatic_cluster_bytes_sent_total)" -v b="$bytes0" -v n="$announces" 'BEGIN { printf("%.1f", (n > 0 ? (a - b) / n : 0)) }')
        lag50=-; lag99=-
        if [ "$nodes" -gt 0 ]; then lag50=$(lag_quantile 1 0.5); lag99=$(lag_quantile 1 0.99); fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$rep" "$responses" "$(bench_summary_value "$summary" p99_us)" \
            "$(awk -v a="$cpu1" -v b="$cpu0" -v n="$responses" 'BEGIN { printf "%.2f", (a - b) * 1e6 / n }')" \
            "$bytes" "$lag50" "$lag99" "$b_per_applied" | tee -a "$OUT/cluster.tsv"
        for pid in "${pids[@]}"; do bench_stop "$pid"; done
    done
done

# State transfer: node A holds STATE_PEERS peers, node B joins.
node_config "$OUT/state.node0.toml" 0 2
node_config "$OUT/state.node1.toml" 1 2
a=$(bench_start_ours udp "$OUT/state.node0.toml" 0 "$OUT/state.node0.log")
load_config "$OUT/populate.toml" 100000 $(( STATE_PEERS * 3 / 100000 )) $(( STATE_PEERS / 10 )) "$STATE_PEERS"
taskset -c 1 "$JAVA" -jar "$LOAD_JAR" udp -c "$OUT/populate.toml" >"$OUT/populate.log" 2>&1
b=$(bench_start_ours udp "$OUT/state.node1.toml" 1 "$OUT/state.node1.log")
transfer=$(metric 1 aquatic_cluster_state_transfer_seconds)
restored=$(grep -oE "loaded the cluster's state in [0-9]+ ms: [0-9]+ torrent records with [0-9]+ peers" "$OUT/state.node1.log" || true)
bench_stop "$b"; bench_stop "$a"

col() { awk -F'\t' -v m="$1" -v c="$2" '$1 == m { print $c }' "$OUT/cluster.tsv" | median; }
{
    echo "Fixed $RATE announces/s to node A for $DURATION s (10,000 torrents, 100,000 peers), medians of $REPS; node A on CPU 0, the other nodes and the load tester on CPU 1."
    echo
    echo "| mode | responses | p99 µs | node A CPU µs/response | ratio to off | batch bytes sent per announce | lag p50 ms (bucket bound) | lag p99 ms (bucket bound) |"
    echo "|---|---|---|---|---|---|---|---|"
    off=$(col off 5)
    for mode in off 2-nodes 3-nodes; do
        cpu=$(col "$mode" 5)
        echo "| $mode | $(col "$mode" 3) | $(col "$mode" 4) | $cpu | $(awk -v a="$cpu" -v b="$off" 'BEGIN { printf "%.2fx", a / b }') | $(col "$mode" 6) | $(col "$mode" 7) | $(col "$mode" 8) |"
    done
    echo
    echo "State transfer to a joining node: ${transfer} s (aquatic_cluster_state_transfer_seconds); $restored"
} >"$OUT/cluster.md"
cat "$OUT/cluster.md"
