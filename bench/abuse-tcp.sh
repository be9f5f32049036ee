#!/usr/bin/env bash
# Abuse and overload proof for the TCP trackers (issue 13), HTTP then WebSocket, loopback only.
#
#   bench/abuse-tcp.sh [OUT_DIR]
#
# Unlike the other bench scripts the tracker runs with its DEFAULT [rate_limit] and [overload]
# tables (both on): the point is that the defaults leave a well-behaved population alone while an
# abuser is limited, and that overload is shed. The tracker is `aquatic all` with only the protocol
# under test enabled (1 socket worker, IPv4), its stats page and Prometheus endpoint on loopback,
# pinned to CPU 0; every load-test process is pinned to CPU 1. A fresh tracker per run.
#
# Per protocol, REPEATS times each, every run DURATION s:
#   base      the well-behaved population at a fixed rate: HTTP RATE req/s over CONNECTIONS
#             keep-alive connections bound to SOURCES addresses of 127.1.0.0/16 (one address per
#             connection); WebSocket WS_RATE req/s from WS_PEERS peers, one connection and one
#             address each. Each source stays far below the per-source defaults (HTTP 2,000
#             requests/s, WebSocket 2,000 messages/s and 200 connections/s per source).
#   abuser    base plus one source (127.255.0.1) flat out: a second load-test process, closed loop,
#             ABUSER_CONNECTIONS connections (HTTP keep-alive) or peers (WebSocket), all from that
#             one address. It is limited: HTTP one 429 with retry in per notice_interval, then
#             closed connections; WebSocket one error message and close 1013, then closes and
#             refused upgrades. It reconnects, at a bounded rate.
#   flood     abuser plus a connection flood: a third process opening connections at FLOOD_RATE/s,
#             each from the next of FLOOD_ADDRESSES addresses of 127.128.0.0/9, each carrying one
#             scrape of one torrent and then dropped (HTTP: a connection per request; WebSocket:
#             requests_per_connection = 1). Scrapes, not announces, so the flood leaves no peers
#             behind: what memory it costs is the tracker's per-source tables and connections. A
#             DURATION of at least FLOOD_ADDRESSES / FLOOD_RATE s (20 s by default) uses every
#             address. The tracker's RSS is read before (after the warm-up), in the middle and after.
#   overload  HTTP only: closed loop beyond saturation, OVERLOAD_PROCESSES load testers (on
#             OVERLOAD_CPUS) of OVERLOAD_CONNECTIONS keep-alive connections each, one address per
#             connection (so no source limit is hit), 90% announces of numwant 100 into swarms of
#             1,000 peers and 10% scrapes, with shedding on. The population columns are the first
#             process's (while shedding, its scrapes get failures with retry in, so its success
#             rate falls below 100%: that is the shedding, not a loss). While
#             loaded the script polls /stats.json (shedding_workers) and the aquatic_overload_*
#             metrics every second; after the load stops it polls until no worker sheds (at most
#             RECOVERY_TIMEOUT s) and reports how long recovery took.
#
# Output: one line per run on stdout and in OUT_DIR/results.tsv (header ABUSE_TSV_HEADER below):
# the well-behaved population's sent, success % (announce + scrape responses / sent), p50 and p99
# (us); the abuser's sent, successful responses, error replies (429s and failures for HTTP, error
# messages for WebSocket), 429s (HTTP), lost, connections closed by the tracker and refused
# (failed) connects; the flood's connections opened; the tracker's aquatic_source_limits_hit_total
# by limit and aquatic_source_bans_total; its RSS (KiB) before, during and after; and for overload
# the most workers seen shedding, shed replies, and the recovery time. Load-tester and tracker logs
# stay in OUT_DIR.
#
# Every run but overload first warms the fresh tracker up with WARMUP s of the population's load
# (a separate load-test process, not measured): without it, the JIT compiling the tracker and the
# first connections' set-up land in the measured seconds (a base-run HTTP p99 of 1.2 s beside a
# p50 of 125 us). The abuser and the flood run under SIDE_SCHED (bench_side_load in lib.sh:
# SCHED_IDLE by default), as in bench/abuse-udp.sh: on a 2-CPU box they share CPU 1 with the
# population's load tester, and an open-loop generator that falls behind its schedule reports that
# lag as latency (latency is measured from each request's scheduled send time); as idle-class
# tasks they take only what CPU 1 leaves, so the population's latency is the tracker's and not the
# generators' fight for a CPU.
#
# Environment: DURATION (10), WARMUP (10), REPEATS (1), PROTOCOLS ("http ws"), SCENARIOS
# ("base abuser flood overload"), RATE (20000), CONNECTIONS (256), SOURCES (256), WS_RATE (5000),
# WS_PEERS (1000), ABUSER_CONNECTIONS (64), FLOOD_RATE (5000), FLOOD_ADDRESSES (100000),
# OVERLOAD_CONNECTIONS (4000), OVERLOAD_PROCESSES (2), OVERLOAD_CPUS (1), RECOVERY_TIMEOUT (60), HTTP_PORT (24100), WS_PORT (24200),
# STATS_PORT (24300), METRICS_PORT (24400), SIDE_SCHED (idle), AQUATIC_JAVA_OPTS, BENCH_SKIP_BUILD, TRACKER_TOML
# (extra TOML appended to the tracker's config, printf %b escapes; empty for the measurement, which
# is about the defaults).
# A smoke run on a slow or shared machine, where no generator reaches the default bursts in a few
# seconds (its numbers mean nothing):
#   DURATION=5 RATE=2000 WS_RATE=500 WS_PEERS=200 FLOOD_RATE=1000 OVERLOAD_CONNECTIONS=1000 \
#   TRACKER_TOML='[rate_limit.http_requests]\nrate = 100\nburst = 500\n[rate_limit.ws_messages]\nrate = 100\nburst = 500' \
#   bench/abuse-tcp.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

REPEATS=${REPEATS:-1}
WARMUP=${WARMUP:-10}
PROTOCOLS=${PROTOCOLS:-"http ws"}
SCENARIOS=${SCENARIOS:-"base abuser flood overload"}
RATE=${RATE:-20000}
CONNECTIONS=${CONNECTIONS:-256}
SOURCES=${SOURCES:-256}
WS_RATE=${WS_RATE:-5000}
WS_PEERS=${WS_PEERS:-1000}
ABUSER_CONNECTIONS=${ABUSER_CONNECTIONS:-64}
FLOOD_RATE=${FLOOD_RATE:-5000}
FLOOD_ADDRESSES=${FLOOD_ADDRESSES:-100000}
OVERLOAD_CONNECTIONS=${OVERLOAD_CONNECTIONS:-4000}
OVERLOAD_PROCESSES=${OVERLOAD_PROCESSES:-2}
OVERLOAD_CPUS=${OVERLOAD_CPUS:-1}
RECOVERY_TIMEOUT=${RECOVERY_TIMEOUT:-60}
HTTP_PORT=${HTTP_PORT:-24100}
WS_PORT=${WS_PORT:-24200}
STATS_PORT=${STATS_PORT:-24300}
METRICS_PORT=${METRICS_PORT:-24400}
ABUSER_ADDRESS=127.255.0.1
bench_out_dir abuse-tcp "${1:-}"
bench_build
bench_side_load

ABUSE_TSV_HEADER=$'protocol\tscenario\trep\twb_sent\twb_success_pct\twb_p50_us\twb_p99_us\tab_sent\tab_ok\tab_errors\tab_429\tab_lost\tab_closed_by_tracker\tab_failed_connects\tflood_opened\tlimits_hit\tbans\trss_before_kib\trss_during_kib\trss_after_kib\tmax_shedding_workers\tshed_total\trecovery_s'
printf '%s\n' "$ABUSE_TSV_HEADER" >"$OUT/results.tsv"

# tracker_config FILE PROTOCOL: `aquatic all` with PROTOCOL alone, default [rate_limit] and
# [overload] (not written: the defaults are what is proven), stats page and metrics on loopback.
tracker_config() {
    local p port
    printf 'log_level = "info"\n[stats]\naddress = "127.0.0.1:%s"\n[metrics]\nrun_prometheus_endpoint = true\nprometheus_endpoint_address = "127.0.0.1:%s"\n[persistence]\npath = ""\n' \
        "$STATS_PORT" "$METRICS_PORT" >"$1"
    for p in udp http ws; do
        if [ "$p" = "$2" ]; then
            port=$HTTP_PORT
            [ "$p" = ws ] && port=$WS_PORT
            printf '[%s]\nsocket_workers = 1\n[%s.network]\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n' "$p" "$p" "$port" >>"$1"
        else
            printf '[%s]\nenabled = false\n' "$p" >>"$1"
        fi
    done
    printf '[ws.persistence]\npath = ""\n' >>"$1"
    if [ -n "${TRACKER_TOML:-}" ]; then printf '%b\n' "$TRACKER_TOML" >>"$1"; fi
}

# http_load FILE SEED RATE CONNECTIONS KEEP_ALIVE BLOCK ADDRESSES WEIGHT_ANNOUNCE WEIGHT_SCRAPE SCRAPE_MAX [TORRENTS NUMWANT]:
# the HTTP load tester, 1 worker, DURATION s, TORRENTS (10,000) torrents and 100,000 peers as in
# lib.sh, announces asking for NUMWANT (50) peers.
http_load() {
    printf 'server_address = "127.0.0.1:%s"\nworkers = 1\n[load]\nduration = %s\nrate = %s\nprogress_interval = 60\n[workload]\nseed = %s\nnumber_of_torrents = %s\nnumber_of_peers = 100000\n[requests]\nweight_announce = %s\nweight_scrape = %s\nannounce_peers_wanted = %s\nscrape_max_torrents = %s\n[network]\nconnections = %s\nkeep_alive = %s\n[sources]\naddress_block = "%s"\naddresses = %s\n' \
        "$HTTP_PORT" "$DURATION" "$3" "$2" "${11:-10000}" "$8" "$9" "${12:-50}" "${10}" "$4" "$5" "$6" "$7" >"$1"
}

# ws_load FILE SEED RATE PEERS CONNECTIONS_PER_S REQUESTS_PER_CONNECTION BLOCK ADDRESSES WEIGHT_ANNOUNCE WEIGHT_SCRAPE OFFERS:
# the WebSocket load tester, 1 worker, no warm-up, DURATION s.
ws_load() {
    printf 'server_address = "127.0.0.1:%s"\nworkers = 1\nwarmup_seconds = 0\n[load]\nduration = %s\nrate = %s\nprogress_interval = 60\n[workload]\nseed = %s\nnumber_of_torrents = 10000\nnumber_of_peers = %s\npeer_seeder_probability = 0.25\n[requests]\nweight_announce = %s\nweight_scrape = %s\noffers_per_announce = %s\nscrape_max_torrents = 1\n[network]\nconnections_per_second = %s\nrequests_per_connection = %s\n[sources]\naddress_block = "%s"\naddresses = %s\n' \
        "$WS_PORT" "$DURATION" "$3" "$2" "$4" "$9" "${10}" "${11}" "$5" "$6" "$7" "$8" >"$1"
}

metrics() {
    curl -s --max-time 2 "http://127.0.0.1:$METRICS_PORT/metrics" || true
}

# Sum of metric NAME by its label LABEL, as "value1=n,value2=m" ("-" if none).
metric_by() {
    awk -v name="$2" -v label="$3" '
        index($0, name "{") == 1 || $1 == name {
            key = "all"
            if (match($0, label "=\"[^\"]*\"")) { key = substr($0, RSTART + length(label) + 2, RLENGTH - length(label) - 3) }
            sum[key] += $NF
        }
        END { out = ""; for (k in sum) out = out (out == "" ? "" : ",") k "=" sum[k]; print (out == "" ? "-" : out) }' <<<"$1"
}

# Sum of metric NAME over all its series (0 if none).
metric_sum() {
    awk -v name="$2" 'index($0, name "{") == 1 || $1 == name { s += $NF } END { printf "%.0f\n", s }' <<<"$1"
}

# shedding_workers.total of /stats.json (0 if unreadable).
stats_shedding() {
    curl -s --max-time 2 "http://127.0.0.1:$STATS_PORT/stats.json" |
        python3 -c 'import json, sys
try:
    s = json.load(sys.stdin).get("shedding_workers", {})
    print(s.get("total", sum(v for v in s.values() if isinstance(v, int))) if isinstance(s, dict) else s)
except Exception:
    print(0)'
}

# load_test PROTOCOL CONF LOG [side]: a load-test process on CPU 1 (overload: OVERLOAD_CPUS) in the
# background, a side load under SIDE_SCHED, its PID appended to the caller's pids array (not in a
# $(...) subshell: the script waits for it).
load_test() {
    local cpus=1 side=()
    [ "$scenario" = overload ] && cpus=$OVERLOAD_CPUS
    [ "${4:-}" = side ] && side=("${BENCH_SIDE[@]}")
    "${side[@]}" taskset -c "$cpus" "$JAVA" -jar "$LOAD_JAR" "$1" -c "$2" >"$3" 2>&1 &
    pids+=("$!")
}

# warm_up PROTOCOL CONF LOG: the population's config for WARMUP s, in the foreground, on CPU 1.
warm_up() {
    [ "$WARMUP" -gt 0 ] || return 0
    sed "s/^duration = .*/duration = $WARMUP/" "$2" >"$2.warmup"
    taskset -c 1 "$JAVA" -jar "$LOAD_JAR" "$1" -c "$2.warmup" >"$3" 2>&1 ||
        echo "bench: the warm-up of $tag failed (see $3)" >&2
}

# Value of KEY in the line of LOG starting with PREFIX (SUMMARY or CONNECTIONS); "-" if absent.
value() {
    local line
    line=$(grep "^$2 " "$1" 2>/dev/null | tail -1) || true
    [ -z "$line" ] && { echo -; return; }
    local v
    v=$(bench_summary_value "$line" "$3")
    echo "${v:--}"
}

success_pct() {
    awk -v a="$(value "$1" SUMMARY announce)" -v s="$(value "$1" SUMMARY scrape)" -v n="$(value "$1" SUMMARY sent)" \
        'BEGIN { if (n + 0 > 0) printf "%.3f\n", 100 * (a + s) / n; else print "-" }'
}

# run_one PROTOCOL SCENARIO REP
run_one() {
    local protocol=$1 scenario=$2 rep=$3 tag="$1-$2-$3" pid pids=() rss0 rss_mid rss1 n
    tracker_config "$OUT/$tag.tracker.toml" "$protocol"
    pid=$(bench_start_all "$OUT/$tag.tracker.toml" 0 "$OUT/$tag.tracker.log")
    sleep 1
    local pop="$OUT/$tag.population" ab="$OUT/$tag.abuser" fl="$OUT/$tag.flood"
    if [ "$scenario" = overload ]; then
        # 100 torrents of 1,000 peers each and numwant 100: the tracker picks and writes 100 peers
        # per announce, the load tester only checks a string's length, so the tracker, not the
        # generator, is what saturates. 10% scrapes of one torrent, which shedding refuses.
        http_load "$pop.toml" 1 0 "$OVERLOAD_CONNECTIONS" true 127.1.0.0/16 "$OVERLOAD_CONNECTIONS" 90 10 1 100 100
    elif [ "$protocol" = http ]; then
        http_load "$pop.toml" 1 "$RATE" "$CONNECTIONS" true 127.1.0.0/16 "$SOURCES" 80 20 10
        http_load "$ab.toml" 2 0 "$ABUSER_CONNECTIONS" true "$ABUSER_ADDRESS" 1 80 20 10
        http_load "$fl.toml" 3 "$FLOOD_RATE" 64 false 127.128.0.0/9 "$FLOOD_ADDRESSES" 0 1 1
    else
        ws_load "$pop.toml" 1 "$WS_RATE" "$WS_PEERS" 1000 0 127.1.0.0/16 "$WS_PEERS" 90 10 2
        ws_load "$ab.toml" 2 0 "$ABUSER_CONNECTIONS" 1000 0 "$ABUSER_ADDRESS" 1 90 10 2
        ws_load "$fl.toml" 3 0 256 "$FLOOD_RATE" 1 127.128.0.0/9 "$FLOOD_ADDRESSES" 0 1 0
    fi
    [ "$scenario" = overload ] || warm_up "$protocol" "$pop.toml" "$pop.warmup.log"
    rss0=$(bench_rss_kib "$pid")
    load_test "$protocol" "$pop.toml" "$pop.log"
    if [ "$scenario" = overload ]; then
        for n in $(seq 2 "$OVERLOAD_PROCESSES"); do
            sed "s/^seed = 1$/seed = $((10 + n))/; s|^address_block = .*|address_block = \"127.$((1 + n)).0.0/16\"|" "$pop.toml" >"$pop-$n.toml"
            load_test "$protocol" "$pop-$n.toml" "$pop-$n.log"
        done
    fi
    case $scenario in abuser | flood) load_test "$protocol" "$ab.toml" "$ab.log" side ;; esac
    if [ "$scenario" = flood ]; then load_test "$protocol" "$fl.toml" "$fl.log" side; fi
    local max_shed=0 shed i=0
    while kill -0 "${pids[0]}" 2>/dev/null; do
        sleep 1
        i=$((i + 1))
        [ "$i" -eq $(((DURATION + 1) / 2)) ] && rss_mid=$(bench_rss_kib "$pid")
        if [ "$scenario" = overload ]; then
            shed=$(stats_shedding)
            [ "${shed:-0}" -gt "$max_shed" ] 2>/dev/null && max_shed=$shed
            metrics | grep -E '^aquatic_overload_(shedding|event_loop_lag_seconds)\{' | sed "s/^/[${i}s] /" >>"$OUT/$tag.overload.log" || true
        fi
    done
    local p
    for p in "${pids[@]}"; do wait "$p" || echo "bench: a load tester of $tag failed (see $OUT/$tag.*.log)" >&2; done
    rss_mid=${rss_mid:-$(bench_rss_kib "$pid")}
    local recovery=- shed_total=-
    if [ "$scenario" = overload ]; then
        local t0 t
        t0=$(date +%s.%N)
        recovery=">$RECOVERY_TIMEOUT"
        for i in $(seq 1 "$RECOVERY_TIMEOUT"); do
            if [ "$(stats_shedding)" = 0 ]; then
                t=$(date +%s.%N)
                recovery=$(awk -v a="$t0" -v b="$t" 'BEGIN { printf "%.1f", b - a }')
                break
            fi
            sleep 1
        done
        shed_total=$(metric_by "$(metrics)" aquatic_overload_shed_total action)
    fi
    rss1=$(bench_rss_kib "$pid")
    local m
    m=$(metrics)
    printf '%s\n' "$m" >"$OUT/$tag.metrics.txt"
    local ab_log=$ab.log fl_log=$fl.log
    [ -f "$ab_log" ] && [ "$scenario" != base ] || ab_log=/dev/null
    [ "$scenario" = flood ] || fl_log=/dev/null
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$protocol" "$scenario" "$rep" \
        "$(value "$pop.log" SUMMARY sent)" "$(success_pct "$pop.log")" \
        "$(value "$pop.log" SUMMARY p50_us)" "$(value "$pop.log" SUMMARY p99_us)" \
        "$(value "$ab_log" SUMMARY sent)" \
        "$(awk -v a="$(value "$ab_log" SUMMARY announce)" -v s="$(value "$ab_log" SUMMARY scrape)" 'BEGIN { if (a == "-") print "-"; else print a + s }')" \
        "$(value "$ab_log" SUMMARY errors)" "$(value "$ab_log" CONNECTIONS status_429)" \
        "$(value "$ab_log" SUMMARY lost)" "$(value "$ab_log" CONNECTIONS closed_by_tracker)" \
        "$(value "$ab_log" CONNECTIONS failed)" "$(value "$fl_log" CONNECTIONS opened)" \
        "$(metric_by "$m" aquatic_source_limits_hit_total limit)" "$(metric_sum "$m" aquatic_source_bans_total)" \
        "$rss0" "$rss_mid" "$rss1" "$max_shed" "$shed_total" "$recovery" | tee -a "$OUT/results.tsv"
    bench_stop "$pid"
}

for protocol in $PROTOCOLS; do
    for scenario in $SCENARIOS; do
        [ "$scenario" = overload ] && [ "$protocol" != http ] && continue
        case $scenario in base | abuser | flood | overload) ;; *) echo "unknown scenario $scenario" >&2; exit 2 ;; esac
        for rep in $(seq 1 "$REPEATS"); do
            run_one "$protocol" "$scenario" "$rep"
        done
    done
done
echo "results: $OUT/results.tsv" >&2
