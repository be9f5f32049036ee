#!/usr/bin/env bash
# Abuse and overload runs of our UDP tracker with its DEFAULT [rate_limit] and [overload] on (the
# other bench trackers turn both off), loopback only.
#
#   bench/abuse-udp.sh [OUT_DIR]
#
# Every run starts a fresh tracker (1 socket worker, IPv4, metrics endpoint and stats page on
# loopback) pinned to CPU 0; the load testers run on CPU 1. Each run first warms the tracker up with
# WARMUP s of the well-behaved population at RATE (not measured), waits until the tracker does not
# shed load (a cold tracker may, during the warm-up; RECOVERY s at most), then measures DURATION s:
#   population  the well-behaved population alone: RATE requests/s (open loop, latency from the
#               scheduled send time), 80% announce / 20% scrape of 1-10 hashes, 10,000 torrents
#               (Zipf s=1), 100,000 peers, from SOURCES sockets each bound to its own address of
#               127.1.0.0/16, so each source sends RATE/SOURCES requests/s (default 78/s, far below
#               the default 2,000/s per source).
#   abuser      the same plus one abusive source: one socket on 127.9.9.9, closed loop, 4,096
#               requests in flight, 200 ms timeout (a dropped request frees its slot after that), so
#               it sends as fast as the box lets it whether or not it is answered.
#   flood       the same plus a spoofed connect flood: connects from FLOOD_SOURCES distinct
#               addresses of 127.2.0.0/15, each from a fresh socket that never reads the reply, at
#               FLOOD_RATE/s (0: as fast as the box allows).
#   overload    closed loop beyond saturation: OVERLOAD_THREADS load-tester threads x SOURCES/2
#               sockets x 64 in flight, from the population's addresses, for DURATION s; during the
#               load and for up to RECOVERY s after it, /stats.json's shedding_workers and the
#               aquatic_overload_* metrics (shedding, requests shed, the latest probe window's lag
#               and full reads: which signal fired) are polled every second
#               (OUT_DIR/overload-REP.tsv).
# The abuser and the flood run on CPU 1 beside the population's load tester under SIDE_SCHED
# (bench_side_load in lib.sh: SCHED_IDLE by default, or nice 10), so the population keeps its
# schedule; they start a second before it and end a second after it.
#
# Per run it prints and writes to OUT_DIR/results.tsv: the population's requests, valid responses
# (success = responses without error replies / requests), error replies, lost, p50 and p99 latency;
# the abuser's and the flood's requests, responses, error replies and lost; the tracker's
# aquatic_source_limits_hit_total by limit, aquatic_source_bans_total and
# aquatic_overload_shed_total by action (over the measured run: the difference between the tracker's
# metrics after the warm-up and after the run, so the side loads' last second counts); its VmRSS
# before the measured load, the highest of one-second samples during it, and after it. Then
# OUT_DIR/tables.md: one row per run, and the p99 of each run relative to the population-alone
# median.
#
# Environment: RATE (20000), SOURCES (256), DURATION (30), WARMUP (10), REPEATS (3),
# FLOOD_SOURCES (100000), FLOOD_RATE (0), OVERLOAD_THREADS (2), RECOVERY (60), PORT (31000; the
# metrics endpoint and the stats page use PORT+1 and PORT+2), SCENARIOS ("population abuser flood
# overload"), SIDE_SCHED (idle), AQUATIC_JAVA_OPTS. Smoke run: DURATION=5 REPEATS=1 RECOVERY=20.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

RATE=${RATE:-20000}
SOURCES=${SOURCES:-256}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-10}
REPEATS=${REPEATS:-3}
FLOOD_SOURCES=${FLOOD_SOURCES:-100000}
FLOOD_RATE=${FLOOD_RATE:-0}
OVERLOAD_THREADS=${OVERLOAD_THREADS:-2}
RECOVERY=${RECOVERY:-60}
PORT=${PORT:-31000}
METRICS_PORT=$(( PORT + 1 ))
STATS_PORT=$(( PORT + 2 ))
SCENARIOS=${SCENARIOS:-"population abuser flood overload"}
TRACKER_CPUS=0
LT_CPUS=1
bench_out_dir abuse-udp "${1:-}"
command -v curl >/dev/null || { echo "bench: curl is needed (metrics, stats page)" >&2; exit 1; }
bench_build
bench_side_load

# The tracker: defaults everywhere except one socket worker, IPv4 on loopback, and the metrics
# endpoint and stats page on loopback. [rate_limit] and [overload] keep their defaults (on).
printf 'socket_workers = 1\nlog_level = "info"\n[network]\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[metrics]\nrun_prometheus_endpoint = true\nprometheus_endpoint_address = "127.0.0.1:%s"\n[stats]\nenabled = true\naddress = "127.0.0.1:%s"\n' \
    "$PORT" "$METRICS_PORT" "$STATS_PORT" >"$OUT/tracker.toml"

# population_config FILE THREADS RATE DURATION SOCKETS_PER_THREAD IN_FLIGHT: the well-behaved
# population (bench_udp_load_config's ref mix) from THREADS x SOCKETS_PER_THREAD sockets, each on
# its own address of 127.1.0.0/16.
population_config() {
    bench_udp_load_config "$1" "$PORT" ref "$2" "$3" "$4"
    printf '[network]\nsockets_per_worker = %s\nmax_in_flight_per_socket = %s\nrecv_buffer = 262144\n[sources]\naddress_block = "127.1.0.0/16"\naddresses = %s\n' \
        "$5" "$6" "$(( $2 * $5 ))" >>"$1"
}

# The abuser: one socket on one address, closed loop, many requests in flight, short timeout.
printf 'server_address = "127.0.0.1:%s"\nworkers = 1\n[load]\nduration = %s\nrate = 0\nrequest_timeout_ms = 200\nprogress_interval = 60\n[workload]\nnumber_of_torrents = 10000\nnumber_of_peers = 100000\n[requests]\nweight_connect = 0\nweight_announce = 80\nweight_scrape = 20\nannounce_peers_wanted = 50\nscrape_max_torrents = 10\n[network]\nsockets_per_worker = 1\nmax_in_flight_per_socket = 4096\n[sources]\naddress_block = "127.9.9.9/32"\n' \
    "$PORT" "$(( DURATION + 2 ))" >"$OUT/abuser.toml"
# The spoofed connect flood.
printf 'server_address = "127.0.0.1:%s"\nworkers = 1\nmode = "connect_flood"\n[load]\nduration = %s\nrate = %s\nprogress_interval = 60\n[sources]\naddress_block = "127.2.0.0/15"\naddresses = %s\n' \
    "$PORT" "$(( DURATION + 2 ))" "$FLOOD_RATE" "$FLOOD_SOURCES" >"$OUT/flood.toml"
population_config "$OUT/warmup.toml" 1 "$RATE" "$WARMUP" "$SOURCES" 64
population_config "$OUT/population.toml" 1 "$RATE" "$DURATION" "$SOURCES" 64
population_config "$OUT/overload.toml" "$OVERLOAD_THREADS" 0 "$DURATION" $(( SOURCES / 2 )) 64

# The tracker's metrics page.
metrics() {
    curl -s --max-time 5 "http://127.0.0.1:$METRICS_PORT/metrics"
}

# metric_sum METRICS_TEXT NAME [LABEL=VALUE]: the sum of NAME's samples (with that label value).
metric_sum() {
    awk -v name="$2" -v label="${3:-}" '
        $1 ~ "^" name "(\\{|$)" && (label == "" || index($1, label "\"") > 0) { s += $NF }
        END { printf "%d\n", s }' <<<"$1"
}

# delta NAME [LABEL=VALUE]: NAME's growth over the measured run, from run_one's metrics texts $m0
# (after the warm-up) and $m (after the run).
delta() {
    echo $(( $(metric_sum "$m" "$@") - $(metric_sum "$m0" "$@") ))
}

# A field of /stats.json: its "total" if it is an object, else the value.
stats_field() {
    curl -s --max-time 5 "http://127.0.0.1:$STATS_PORT/stats.json" | python3 -c '
import json, sys
value = json.load(sys.stdin).get(sys.argv[1])
print(value.get("total") if isinstance(value, dict) else value)' "$1"
}

# Waits until no socket worker sheds (RECOVERY s at most): the warm-up of a cold tracker can start
# shedding (its JIT is still compiling while the requests queue up), and shedding ends only after
# [overload] calm_windows calm windows, which must not fall into the measured run.
wait_calm() {
    local i
    for i in $(seq 1 "$RECOVERY"); do
        [ "$(metric_sum "$(metrics)" aquatic_overload_shedding)" = 0 ] && return 0
        [ "$i" = 1 ] && echo "bench: the tracker sheds after the warm-up; waiting for it to end" >&2
        sleep 1
    done
    echo "bench: the tracker still sheds $RECOVERY s after the warm-up; measuring anyway" >&2
}

# Samples PID's VmRSS every second into FILE until killed.
sample_rss() {
    while kill -0 "$1" 2>/dev/null; do
        bench_rss_kib "$1" >>"$2"
        sleep 1
    done
}

# run_lt NAME CONF LOG [side]: the load tester pinned to the load-tester CPU, in the foreground; a
# side load (abuser, flood) under SIDE_SCHED.
run_lt() {
    local side=()
    [ "${4:-}" = side ] && side=("${BENCH_SIDE[@]}")
    "${side[@]}" taskset -c "$LT_CPUS" "$JAVA" -jar "$LOAD_JAR" udp -c "$2" >"$3" 2>&1 \
        || { echo "bench: $1 load tester failed ($3):" >&2; tail -20 "$3" >&2; return 1; }
}

# summary_of LOG KEY: KEY of LOG's SUMMARY line, "-" without a log.
summary_of() {
    [ -f "$1" ] || { echo -; return; }
    bench_summary_value "$(grep '^SUMMARY' "$1")" "$2"
}

RESULTS_HEADER=$'scenario\trep\tpop_sent\tpop_responses\tpop_errors\tpop_lost\tpop_success_pct\tpop_p50_us\tpop_p99_us\tabuser_sent\tabuser_responses\tabuser_errors\tabuser_lost\tflood_sent\thit_udp_connect\thit_udp_announce\thit_udp_scrape\thit_banned\thit_scraped_torrents\tbans\tshed_interval_raised\tshed_scrape_dropped\trss_before_kib\trss_max_kib\trss_after_kib'
printf '%s\n' "$RESULTS_HEADER" >"$OUT/results.tsv"

# run_one SCENARIO REP
run_one() {
    local scenario=$1 rep=$2 tag="$1-$2" pid rss_before rss_after rss_max sampler side=() side_pids=()
    pid=$(bench_start_ours udp "$OUT/tracker.toml" "$TRACKER_CPUS" "$OUT/$tag.tracker.log")
    run_lt warmup "$OUT/warmup.toml" "$OUT/$tag.warmup.log"
    wait_calm
    local m0
    m0=$(metrics)
    rss_before=$(bench_rss_kib "$pid")
    : >"$OUT/$tag.rss.txt"
    sample_rss "$pid" "$OUT/$tag.rss.txt" &
    sampler=$!
    case $scenario in
        abuser) side=(abuser) ;;
        flood) side=(flood) ;;
    esac
    local s
    for s in "${side[@]}"; do
        run_lt "$s" "$OUT/$s.toml" "$OUT/$tag.$s.log" side &
        side_pids+=($!)
    done
    [ ${#side[@]} -gt 0 ] && sleep 1
    if [ "$scenario" = overload ]; then
        run_overload "$tag" "$pid"
    else
        run_lt population "$OUT/population.toml" "$OUT/$tag.population.log"
    fi
    for s in "${side_pids[@]}"; do
        wait "$s"
    done
    sleep 1
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    rss_after=$(bench_rss_kib "$pid")
    rss_max=$(sort -n "$OUT/$tag.rss.txt" | tail -1)
    local m
    m=$(metrics)
    printf '%s\n' "$m" >"$OUT/$tag.metrics.txt"
    local pop="$OUT/$tag.population.log"
    [ "$scenario" = overload ] && pop="$OUT/$tag.overload.log"
    local sent responses errors
    sent=$(summary_of "$pop" sent)
    responses=$(summary_of "$pop" responses)
    errors=$(summary_of "$pop" errors)
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$scenario" "$rep" "$sent" "$responses" "$errors" "$(summary_of "$pop" lost)" \
        "$(awk -v s="$sent" -v r="$responses" -v e="$errors" 'BEGIN { printf "%.3f", (s > 0 ? (r - e) * 100 / s : 0) }')" \
        "$(summary_of "$pop" p50_us)" "$(summary_of "$pop" p99_us)" \
        "$(summary_of "$OUT/$tag.abuser.log" sent)" "$(summary_of "$OUT/$tag.abuser.log" responses)" \
        "$(summary_of "$OUT/$tag.abuser.log" errors)" "$(summary_of "$OUT/$tag.abuser.log" lost)" \
        "$(summary_of "$OUT/$tag.flood.log" sent)" \
        "$(delta aquatic_source_limits_hit_total 'limit="udp_connect')" \
        "$(delta aquatic_source_limits_hit_total 'limit="udp_announce')" \
        "$(delta aquatic_source_limits_hit_total 'limit="udp_scrape')" \
        "$(delta aquatic_source_limits_hit_total 'limit="banned')" \
        "$(delta aquatic_source_limits_hit_total 'limit="scraped_torrents')" \
        "$(delta aquatic_source_bans_total)" \
        "$(delta aquatic_overload_shed_total 'action="interval_raised')" \
        "$(delta aquatic_overload_shed_total 'action="scrape_dropped')" \
        "$rss_before" "$rss_max" "$rss_after" | tee -a "$OUT/results.tsv"
    bench_stop "$pid"
}

# run_overload TAG PID: the closed-loop overload load with the shedding signal polled every second
# during it and for up to RECOVERY s after it (until no worker sheds and every probe is calm).
run_overload() {
    local tag=$1 pid=$2 lt t=0 shedding workers m
    local tsv="$OUT/overload-${tag#overload-}.tsv"
    printf 'second\tphase\tshedding_workers\taquatic_overload_shedding\tshed_total\tlag_ms\tfull_reads_pct\trss_kib\n' >"$tsv"
    run_lt overload "$OUT/overload.toml" "$OUT/$tag.overload.log" &
    lt=$!
    poll() {
        m=$(metrics)
        workers=$(stats_field shedding_workers)
        shedding=$(metric_sum "$m" aquatic_overload_shedding)
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$1" "$workers" "$shedding" \
            "$(metric_sum "$m" aquatic_overload_shed_total)" \
            "$(awk '$1 ~ /^aquatic_overload_event_loop_lag_seconds/ { v = $NF } END { printf "%.0f", v * 1000 }' <<<"$m")" \
            "$(metric_sum "$m" aquatic_overload_full_reads_percent)" \
            "$(bench_rss_kib "$pid")" | tee -a "$tsv"
    }
    while kill -0 "$lt" 2>/dev/null; do
        sleep 1
        t=$(( t + 1 ))
        poll load
    done
    wait "$lt"
    local end=$(( t + RECOVERY ))
    while [ "$t" -lt "$end" ]; do
        sleep 1
        t=$(( t + 1 ))
        poll after
        [ "$workers" = 0 ] && [ "$shedding" = 0 ] && break
    done
    [ "$workers" = 0 ] && [ "$shedding" = 0 ] \
        || echo "bench: the tracker still sheds $RECOVERY s after the overload load ended" >&2
}

for rep in $(seq 1 "$REPEATS"); do
    for scenario in $SCENARIOS; do
        case $scenario in
            population | abuser | flood | overload) run_one "$scenario" "$rep" ;;
            *) echo "unknown scenario $scenario" >&2; exit 2 ;;
        esac
    done
done

python3 - "$OUT/results.tsv" <<'EOF' | tee "$OUT/tables.md"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
base = [float(r["pop_p99_us"]) for r in rows if r["scenario"] == "population" and r["pop_p99_us"] not in ("", "-")]
base_p99 = statistics.median(base) if base else None
cols = [("scenario", "run"), ("rep", "rep"), ("pop_success_pct", "population success %"),
        ("pop_p50_us", "p50 µs"), ("pop_p99_us", "p99 µs"), ("p99_ratio", "p99 / alone"),
        ("pop_lost", "lost"), ("abuser", "abuser sent / answered / errors / lost"),
        ("flood_sent", "flood connects sent"), ("hits", "limit hits connect / announce / scrape / banned / scraped"),
        ("bans", "bans"), ("shed", "shed interval / scrape"), ("rss", "RSS MiB before / max / after")]
print("| " + " | ".join(c[1] for c in cols) + " |")
print("|" + "---|" * len(cols))
mib = lambda v: f"{int(v) / 1024:.0f}" if v not in ("", "-") else "-"
for r in rows:
    r["p99_ratio"] = f"{float(r['pop_p99_us']) / base_p99:.2f}x" if base_p99 and r["pop_p99_us"] not in ("", "-") else "-"
    r["abuser"] = " / ".join(r[k] for k in ("abuser_sent", "abuser_responses", "abuser_errors", "abuser_lost"))
    r["hits"] = " / ".join(r[k] for k in ("hit_udp_connect", "hit_udp_announce", "hit_udp_scrape", "hit_banned", "hit_scraped_torrents"))
    r["shed"] = r["shed_interval_raised"] + " / " + r["shed_scrape_dropped"]
    r["rss"] = " / ".join(mib(r[k]) for k in ("rss_before_kib", "rss_max_kib", "rss_after_kib"))
    print("| " + " | ".join(r[c[0]] for c in cols) + " |")
EOF
