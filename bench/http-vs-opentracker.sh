#!/usr/bin/env bash
# Side-by-side HTTP benchmark of our tracker and Debian's opentracker on this machine, loopback only.
#
#   bench/http-vs-opentracker.sh [OUT_DIR]       (root: may apt-get install opentracker, nginx)
#
# Same method as bench/udp-vs-opentracker.sh: per scenario the two trackers take turns (ours,
# opentracker, ours, ...), REPS times each, a fresh tracker per run and only one under load at a
# time; WARMUP s of unmeasured load (JIT warm-up, swarm fill), then a DURATION s measured run with
# the same config and seed. Rows go to OUT_DIR/results.tsv (bench_measured_run in lib.sh), medians
# and ours/opentracker ratios to OUT_DIR/tables.md, the chart to OUT_DIR/throughput.svg.
#
# Workload (every scenario): 10,000 torrents Zipf s=1, 100,000 peers, 80% announce (numwant 50,
# compact) / 20% scrape of 1-10 hashes, CONNECTIONS connections with one request in flight each,
# closed loop. Our tracker: 1 socket worker, IPv4, max_peers 50; opentracker: its default build
# (TCP served by its main thread) with the load tester's hashes whitelisted. Tracker pinned to
# CPU 0, load tester (1 worker) to CPU 1.
#   keepalive-1w   the load tester keeps connections open (HTTP/1.1 keep-alive). opentracker closes
#                  every connection after its reply, so against it every request still pays a TCP
#                  connect; that is how opentracker serves keep-alive clients.
#   close-1w       a new connection per request (Connection: close) against both.
# TLS scenarios: ours with TLS on (BoringSSL, its default session resumption) against nginx
# terminating TLS in front of opentracker, which is how opentracker operators serve HTTPS (Debian's
# nginx on OpenSSL, 1 worker, session cache and tickets on, proxy_pass to opentracker over plain
# HTTP on loopback; opentracker on PORT+1). nginx and opentracker are both pinned to CPU 0 and the
# pair's CPU is the sum of nginx's master and workers and opentracker. Throw-away self-signed
# certificates for 127.0.0.1 (bench_tls_certificate), made per run.
#   tls-ecdsa-1w            a new connection per request, full TLS handshake each, ECDSA P-256
#   tls-rsa-1w              the same with an RSA-2048 certificate
#   tls-resume-ecdsa-1w     ECDSA, a new connection per request that resumes an earlier session
#                           (the load tester's tls_resume_sessions; TLS 1.3 tickets)
#   tls-keepalive-ecdsa-1w  ECDSA with keep-alive (nginx keeps client connections open)
# opentracker orders the keys of a multi-hash scrape reply by hash table slot, not sorted as
# bencode requires; the load tester counts those replies as malformed. Throughput is therefore
# reported as replies/s = valid + malformed (the tracker did the work), with malformed shown.
#
# Load generator (GENERATOR): java (the default) is our load tester (1 worker). wrk is Debian's
# wrk 4.1.0 (installed when missing; WRK_THREADS threads, 1) with bench/wrk/announce.lua, the same
# mix over the same info hashes (its header says how it differs: other random draws, every hash
# byte percent-encoded, replies not bencode-checked, so malformed is always 0). wrk is the cheaper
# client for new connections and TLS handshakes, where the Java load tester's JDK TLS client is
# the limit (docs/benchmarks.md, "TLS and new connections"); it is not the default because it
# checks less of each reply. wrk resumes TLS 1.3 sessions by itself on a new connection (it keeps
# the session across SSL_clear), which tls-resume-ecdsa-1w wants; for the full-handshake scenarios
# it runs with bench/wrk/no-resume.c preloaded (built with gcc, installed when missing), which
# drops the session before each reconnect. With wrk, replies/s is wrk's completed requests minus
# error replies (status >= 400 or a failure reason), lost its connect and write errors and
# timeouts (its read errors apart, in the run's log: announce.lua says why), p99 its latency
# distribution's 99th percentile; tracker CPU, RSS and the rest of the box are read from /proc as
# with the Java load tester. Warm-up uses the same generator.
# Every TLS run of ours has its Prometheus endpoint on 127.0.0.1:METRICS_PORT, and
# OUT_DIR/tls-handshakes.tsv gets aquatic_tls_handshakes_total{kind} over the measured run (full,
# resumed, resumed share; "-" for nginx, which does not count them), appended to tables.md.
#
# Environment: REPS (5), DURATION (10), WARMUP (10), PORT (34200), BACKEND_PORT (opentracker behind
# nginx; PORT + 1), METRICS_PORT (ours, TLS runs; PORT + 2), GENERATOR (java|wrk), WRK_THREADS (1),
# CONNECTIONS (64), SCENARIOS
# ("keepalive-1w close-1w tls-ecdsa-1w tls-rsa-1w tls-resume-ecdsa-1w"), AQUATIC_JAVA_OPTS (extra
# JVM options for our tracker). SMOKE=1 proves the script end to end in a few minutes (REPS=1
# DURATION=2 WARMUP=1, every scenario unless SCENARIOS is set); its numbers mean nothing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
. "$here/lib.sh"

PORT=${PORT:-34200}
BACKEND_PORT=${BACKEND_PORT:-$((PORT + 1))}
METRICS_PORT=${METRICS_PORT:-$((PORT + 2))}
GENERATOR=${GENERATOR:-java}
case $GENERATOR in java|wrk) ;; *) echo "GENERATOR must be java or wrk, not $GENERATOR" >&2; exit 2 ;; esac
CONNECTIONS=${CONNECTIONS:-64}
if [ "${SMOKE:-0}" = 1 ]; then
    REPS=1 DURATION=2 WARMUP=1
    SCENARIOS=${SCENARIOS:-"keepalive-1w close-1w tls-ecdsa-1w tls-rsa-1w tls-resume-ecdsa-1w tls-keepalive-ecdsa-1w"}
fi
SCENARIOS=${SCENARIOS:-"keepalive-1w close-1w tls-ecdsa-1w tls-rsa-1w tls-resume-ecdsa-1w"}
bench_out_dir http-vs-opentracker "${1:-}"

bench_require_opentracker
case " $SCENARIOS " in *" tls-"*) bench_require_nginx ;; esac
# The shim that keeps wrk from resuming TLS sessions, for the full-handshake scenarios.
no_resume=""
if [ "$GENERATOR" = wrk ]; then
    case " $SCENARIOS " in *" tls-ecdsa-1w "*|*" tls-rsa-1w "*) no_resume=$OUT/no-resume.so ;; esac
    bench_require_wrk "$no_resume"
fi
bench_build

# ours_config FILE [KEY]: our tracker; with KEY (ecdsa|rsa), TLS with that certificate and the
# Prometheus endpoint on 127.0.0.1:METRICS_PORT (its TLS handshake counts).
# [rate_limit] off: the load tester sends from 127.0.0.1 only, one source to the limits;
# [overload] off: closed-loop runs saturate the tracker on purpose (shedding would change the work).
ours_config() {
    printf 'socket_workers = 1\nlog_level = "info"\n[network]\nuse_ipv4 = true\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n[protocol]\nmax_peers = 50\n[rate_limit]\nenabled = false\n[overload]\nenabled = false\n' \
        "$PORT" >"$1"
    if [ -n "${2:-}" ]; then
        printf '[network.tls]\nenable_tls = true\ntls_certificate_path = "%s/tls/%s.crt"\ntls_private_key_path = "%s/tls/%s.key"\n[metrics]\nrun_prometheus_endpoint = true\nprometheus_endpoint_address = "127.0.0.1:%s"\n' \
            "$OUT" "$2" "$OUT" "$2" "$METRICS_PORT" >>"$1"
    fi
}

# nginx_config KEY: nginx terminating TLS with certificate KEY on PORT, in front of opentracker on
# BACKEND_PORT, in OUT/nginx-KEY/ (prefix, temp files, error log).
nginx_config() {
    local dir=$OUT/nginx-$1
    mkdir -p "$dir/tmp"
    cat >"$dir/nginx.conf" <<NGINX
daemon off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$PORT ssl;
        ssl_certificate $OUT/tls/$1.crt;
        ssl_certificate_key $OUT/tls/$1.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:SSL:10m;
        ssl_session_timeout 2h;
        ssl_session_tickets on;
        location / { proxy_pass http://127.0.0.1:$BACKEND_PORT; }
    }
}
NGINX
}

ours_config "$OUT/ours.toml"
case " $SCENARIOS " in *" tls-"*)
    mkdir -p "$OUT/tls"
    for key in ecdsa rsa; do
        bench_tls_certificate "$OUT/tls" "$key"
        ours_config "$OUT/ours-$key.toml" "$key"
        nginx_config "$key"
    done ;;
esac
printf 'listen.tcp_udp 127.0.0.1:%s\naccess.whitelist %s/whitelist.txt\n' "$PORT" "$OUT" >"$OUT/opentracker.conf"
printf 'listen.tcp 127.0.0.1:%s\naccess.whitelist %s/whitelist.txt\n' "$BACKEND_PORT" "$OUT" >"$OUT/opentracker-backend.conf"
bench_http_load_config "$OUT/hashes.toml" "$PORT" true "$CONNECTIONS" 1
"$JAVA" -jar "$LOAD_JAR" http -c "$OUT/hashes.toml" --info-hashes >"$OUT/whitelist.txt"
printf '%s\n' "$BENCH_TSV_HEADER" >"$OUT/results.tsv"
printf 'scenario\ttracker\trep\tgenerator\tfull\tresumed\tresumed_share\n' >"$OUT/tls-handshakes.tsv"

# load_configs TAG KEEP_ALIVE TLS RESUME: the warm-up and measured generator configs of one run,
# OUT/TAG.warmup.* and OUT/TAG.load.*; sets LOAD_PROTOCOL (http: the Java load tester's TOML, wrk:
# a wrk command for bench_load_command) and LOAD_EXT.
load_configs() {
    local tag=$1 keep_alive=$2 tls=$3 resume=$4 phase seconds shim="" scheme=http
    for phase in warmup load; do
        seconds=$DURATION
        [ "$phase" = warmup ] && seconds=$WARMUP
        if [ "$GENERATOR" = java ]; then
            LOAD_PROTOCOL=http LOAD_EXT=toml
            bench_http_load_config "$OUT/$tag.$phase.toml" "$PORT" "$keep_alive" "$CONNECTIONS" "$seconds" "$tls" "$resume"
        else
            LOAD_PROTOCOL=wrk LOAD_EXT=cmd
            [ "$tls" = true ] && scheme=https
            [ "$tls" = true ] && [ "$resume" = false ] && shim=$no_resume
            bench_wrk_command "$OUT/$tag.$phase.cmd" "$scheme://127.0.0.1:$PORT/" "$seconds" "$CONNECTIONS" \
                "$OUT/whitelist.txt" "$keep_alive" "$shim"
        fi
    done
}

# run_one SCENARIO TRACKER(ours|opentracker|nginx+opentracker) REP KEEP_ALIVE [KEY RESUME]
run_one() {
    local scenario=$1 tracker=$2 rep=$3 keep_alive=$4 key=${5:-} resume=${6:-false}
    local tag="$1-${2/+/-}-$3" pid pids backend="" transport=- tls=false
    [ -n "$key" ] && tls=true
    load_configs "$tag" "$keep_alive" "$tls" "$resume"
    case $tracker in
        ours)
            pid=$(bench_start_ours http "$OUT/ours${key:+-$key}.toml" 0 "$OUT/$tag.tracker.log")
            transport=$(grep -o 'socket workers over [a-z_]*' "$OUT/$tag.tracker.log" | awk '{print $4}') ;;
        opentracker)
            pid=$(bench_start_opentracker "$OUT/opentracker.conf" 0 "$OUT/$tag.tracker.log") ;;
        nginx+opentracker)
            backend=$(bench_start_opentracker "$OUT/opentracker-backend.conf" 0 "$OUT/$tag.backend.log")
            pid=$(bench_start_nginx "$OUT/nginx-$key/nginx.conf" 0 "$OUT/$tag.tracker.log") ;;
    esac
    bench_load_command "$LOAD_PROTOCOL" "$OUT/$tag.warmup.$LOAD_EXT"
    taskset -c 1 "${BENCH_LOAD_COMMAND[@]}" >"$OUT/$tag.warmup.log" 2>&1
    # The pair: nginx's master, its workers (listed after the warm-up, so a replaced one is not
    # missed) and opentracker; their CPU and RSS are summed.
    pids=$pid
    [ -n "$backend" ] && pids="$pid $(bench_children "$pid") $backend"
    local before="" after
    [ "$tls" = true ] && [ "$tracker" = ours ] && before=$(bench_tls_handshakes "127.0.0.1:$METRICS_PORT")
    bench_measured_run "$OUT/results.tsv" "$scenario" "$tracker" "$rep" "$pids" "$LOAD_PROTOCOL" \
        "$OUT/$tag.load.$LOAD_EXT" "$OUT/$tag.load.log" 1 "$transport"
    if [ -n "$before" ]; then
        after=$(bench_tls_handshakes "127.0.0.1:$METRICS_PORT")
        awk -v s="$scenario" -v r="$rep" -v g="$GENERATOR" -v b="$before" -v a="$after" 'BEGIN {
            split(b, x, " "); split(a, y, " "); full = y[1] - x[1]; resumed = y[2] - x[2];
            printf "%s\tours\t%s\t%s\t%d\t%d\t%.3f\n", s, r, g, full, resumed,
                resumed / (full + resumed > 0 ? full + resumed : 1) }' >>"$OUT/tls-handshakes.tsv"
    elif [ "$tls" = true ]; then
        printf '%s\t%s\t%s\t%s\t-\t-\t-\n' "$scenario" "$tracker" "$rep" "$GENERATOR" >>"$OUT/tls-handshakes.tsv"
    fi
    bench_stop "$pid"
    if [ -n "$backend" ]; then bench_stop "$backend"; fi
}

for scenario in $SCENARIOS; do
    key="" resume=false peer=opentracker
    case $scenario in
        keepalive-1w) keep_alive=true ;;
        close-1w) keep_alive=false ;;
        tls-ecdsa-1w) keep_alive=false key=ecdsa ;;
        tls-rsa-1w) keep_alive=false key=rsa ;;
        tls-resume-ecdsa-1w) keep_alive=false key=ecdsa resume=true ;;
        tls-keepalive-ecdsa-1w) keep_alive=true key=ecdsa ;;
        *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
    [ -n "$key" ] && peer=nginx+opentracker
    for rep in $(seq 1 "$REPS"); do
        run_one "$scenario" ours "$rep" "$keep_alive" "$key" "$resume"
        run_one "$scenario" "$peer" "$rep" "$keep_alive" "$key" "$resume"
    done
done

{
    printf 'generator: %s\n\n' "$GENERATOR"
    python3 "$here/summarize.py" "$OUT/results.tsv"
    if [ "$(wc -l <"$OUT/tls-handshakes.tsv")" -gt 1 ]; then
        printf '\nTLS handshakes of each measured run (aquatic_tls_handshakes_total; nginx: not counted)\n\n'
        column -t -s $'\t' "$OUT/tls-handshakes.tsv" 2>/dev/null || cat "$OUT/tls-handshakes.tsv"
    fi
} | tee "$OUT/tables.md"
python3 "$here/chart.py" "$OUT/throughput.svg" "HTTP=$OUT/results.tsv"
