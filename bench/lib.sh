# Shared helpers of the bench/*.sh scripts: JDK and jars, tracker start/stop, /proc readings and
# the measured load-test run. Sourced, not run. Traffic is loopback only; every tracker started
# here is killed on exit.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../scripts/find-jdk.sh
. "$bench_root/scripts/find-jdk.sh"
# shellcheck source=../scripts/jvm-options.sh
. "$bench_root/scripts/jvm-options.sh"
# shellcheck source=../scripts/direct-memory.sh
. "$bench_root/scripts/direct-memory.sh"
java_home=$(aquatic_find_jdk bench) || exit 1
JAVA=$java_home/bin/java
AQUATIC_JAR=$bench_root/aquatic-cli/target/aquatic.jar
LOAD_JAR=$bench_root/aquatic-load-tester/target/aquatic-load-test.jar
CLK_TCK=$(getconf CLK_TCK)
# Repetitions and seconds of the side-by-side scripts (each script's header says how it uses them).
REPS=${REPS:-5}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
# Trackers are started inside $(...) subshells, so their PIDs go to a file, not a variable.
BENCH_PIDS_FILE=$(mktemp "${TMPDIR:-/tmp}/aquatic-bench-pids.XXXXXX")

# BENCH_SKIP_BUILD=1 uses the jars as they are (repeated runs of an unchanged checkout).
bench_build() {
    [ "${BENCH_SKIP_BUILD:-0}" = 1 ] && [ -f "$AQUATIC_JAR" ] && [ -f "$LOAD_JAR" ] && return 0
    echo "bench: building the tracker and load-tester jars" >&2
    (cd "$bench_root" && JAVA_HOME=$java_home ./mvnw -B -q -ntp package -DskipTests \
        -pl aquatic-cli,aquatic-load-tester -am) >&2
}

bench_require_opentracker() {
    if ! command -v opentracker >/dev/null; then
        echo "bench: installing Debian's opentracker" >&2
        apt-get install -y opentracker >&2
    fi
}

# Debian's nginx (TLS in front of opentracker) and openssl (throw-away certificates). Debian's
# nginx package starts a system nginx on port 80 when installed; a policy-rc.d that refuses service
# starts (exit 101) is put in place for the install if the host has none, and removed again.
bench_require_nginx() {
    local missing=() policy=/usr/sbin/policy-rc.d own_policy=0
    command -v nginx >/dev/null || missing+=(nginx)
    command -v openssl >/dev/null || missing+=(openssl)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# bench/lib.sh: no service starts while nginx is installed\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        own_policy=1
    fi
    echo "bench: installing Debian's ${missing[*]}" >&2
    local status=0
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2 || status=$?
    [ "$own_policy" = 1 ] && rm -f "$policy"
    return "$status"
}

# bench_tls_certificate DIR NAME (ecdsa|rsa): a throw-away self-signed certificate for 127.0.0.1
# and localhost (ECDSA P-256 or RSA-2048, 2 days) in DIR/NAME.crt with its key in DIR/NAME.key
# (PKCS#8 PEM, read by both our tracker and nginx).
bench_tls_certificate() {
    local key
    case $2 in
        ecdsa) key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1) ;;
        rsa) key=(-newkey rsa:2048) ;;
        *) echo "bench: unknown key type $2" >&2; return 2 ;;
    esac
    openssl req -x509 "${key[@]}" -nodes -days 2 -subj /CN=localhost \
        -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$1/$2.key" -out "$1/$2.crt" 2>/dev/null
}

# bench_start_nginx CONF CPUS LOG: nginx in the foreground (the config says "daemon off") with the
# prefix and error log in CONF's directory; prints the master's PID. bench_children lists the
# workers.
bench_start_nginx() {
    local dir
    dir=$(dirname "$1")
    bench_spawn nginx "$2" "$3" "" nginx -p "$dir" -e "$dir/error.log" -c "$1"
}

# PIDs of the children of PID (e.g. nginx's workers), space-separated.
bench_children() {
    cat /proc/"$1"/task/*/children 2>/dev/null | tr -s ' \n' ' '
}

# npm's bittorrent-tracker at the version pinned in bench/bittorrent-tracker/package-lock.json.
bench_require_bittorrent_tracker() {
    command -v node >/dev/null || { echo "bench: node (>= 20) is needed for bittorrent-tracker" >&2; return 1; }
    if [ ! -d "$bench_root/bench/bittorrent-tracker/node_modules/bittorrent-tracker" ]; then
        echo "bench: installing npm's bittorrent-tracker" >&2
        (cd "$bench_root/bench/bittorrent-tracker" && npm ci --ignore-scripts --no-audit --no-fund) >&2
    fi
}

bench_cleanup() {
    local pid
    while read -r pid; do
        kill -TERM "$pid" 2>/dev/null || true
    done <"$BENCH_PIDS_FILE"
    sleep 0.5
    while read -r pid; do
        kill -KILL "$pid" 2>/dev/null || true
    done <"$BENCH_PIDS_FILE"
    rm -f "$BENCH_PIDS_FILE"
}

# bench_spawn NAME CPUS LOG READY COMMAND...: starts COMMAND in the background pinned to CPUS
# ("" = unpinned) with its output in LOG, and prints its PID once LOG contains the text READY
# (20 s at most), or, with READY empty (a tracker that prints nothing when ready), after half a
# second. Fails with the log if the process dies first or the time runs out.
bench_spawn() {
    local name=$1 cpus=$2 log=$3 ready=$4 pin=() pid i
    shift 4
    [ -n "$cpus" ] && pin=(taskset -c "$cpus")
    "${pin[@]}" "$@" >"$log" 2>&1 &
    pid=$!
    echo "$pid" >>"$BENCH_PIDS_FILE"
    if [ -z "$ready" ]; then
        sleep 0.5
        kill -0 "$pid" 2>/dev/null && { echo "$pid"; return 0; }
    else
        for i in $(seq 1 200); do
            grep -q "$ready" "$log" 2>/dev/null && { echo "$pid"; return 0; }
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    echo "bench: $name did not start (log $log):" >&2
    cat "$log" >&2
    return 1
}

# bench_side_load: sets the array BENCH_SIDE to the command prefix a side load (an abuser or a
# flood beside a measured population, bench/abuse-*.sh) runs under, from SIDE_SCHED: "idle" (the
# default: SCHED_IDLE, `chrt --idle 0`, so the side load gets only the CPU the population's load
# tester leaves and never delays its wake-ups, as an abuser on another machine would not),
# "nice" (`nice -n 10`: still takes a tenth of a contended CPU and can delay the population's
# load tester by milliseconds), or "none".
bench_side_load() {
    case ${SIDE_SCHED:-idle} in
        idle) BENCH_SIDE=(chrt --idle 0) ;;
        nice) BENCH_SIDE=(nice -n 10) ;;
        none) BENCH_SIDE=() ;;
        *) echo "bench: SIDE_SCHED must be idle, nice or none, not $SIDE_SCHED" >&2; return 2 ;;
    esac
}

# bench_start_ours PROTOCOL(udp|http|ws) CONF CPUS LOG: our tracker with the ./aquatic launcher's
# JVM options (scripts/jvm-options.sh and direct-memory.sh, then AQUATIC_JAVA_OPTS); prints its PID
# once it listens.
bench_start_ours() {
    # shellcheck disable=SC2046,SC2086
    bench_spawn "our tracker" "$3" "$4" "tracker listening" "$JAVA" $AQUATIC_JVM_OPTIONS \
        $(aquatic_direct_memory_option) ${AQUATIC_JAVA_OPTS:-} -jar "$AQUATIC_JAR" "$1" -c "$2"
}

# bench_start_bittorrent_tracker PORT CPUS LOG: npm's bittorrent-tracker, WebSocket only, on
# 127.0.0.1:PORT; prints its PID.
bench_start_bittorrent_tracker() {
    bench_spawn bittorrent-tracker "$2" "$3" listening node "$bench_root/bench/bittorrent-tracker/server.mjs" "$1"
}

# bench_start_opentracker CONF CPUS LOG: prints its PID.
bench_start_opentracker() {
    bench_spawn opentracker "$2" "$3" "" opentracker -f "$1"
}

# bench_start_all CONF CPUS LOG: `aquatic all -c CONF` like bench_start_ours; prints its PID once
# every enabled protocol listens.
bench_start_all() {
    # shellcheck disable=SC2046,SC2086
    bench_spawn "aquatic all" "$2" "$3" "aquatic all:" "$JAVA" $AQUATIC_JVM_OPTIONS \
        $(aquatic_direct_memory_option) ${AQUATIC_JAVA_OPTS:-} -jar "$AQUATIC_JAR" all -c "$1"
}

# bench_all_config FILE UDP_PORT HTTP_PORT WS_PORT STATS_PORT: `aquatic all` with every protocol on
# 127.0.0.1 (1 socket worker each, IPv4 only), its stats page on STATS_PORT, both persistence
# files off, and [rate_limit] and [overload] off like the other bench trackers (one load-tester
# source; closed-loop runs saturate the tracker on purpose). Further tables may be appended to FILE.
bench_all_config() {
    printf 'log_level = "info"\n[stats]\naddress = "127.0.0.1:%s"\n[persistence]\npath = ""\n[rate_limit]\nenabled = false\n[overload]\nenabled = false\n' \
        "$5" >"$1"
    local protocol port
    for protocol in udp http ws; do
        case $protocol in udp) port=$2 ;; http) port=$3 ;; ws) port=$4 ;; esac
        printf '[%s]\nsocket_workers = 1\n[%s.network]\nuse_ipv6 = false\naddress_ipv4 = "127.0.0.1:%s"\n' \
            "$protocol" "$protocol" "$port" >>"$1"
    done
    # WebTorrent swarms have their own snapshot file (default ./aquatic-webtorrent.snapshot).
    printf '[ws.persistence]\npath = ""\n' >>"$1"
}

# bench_udp_load_config FILE PORT MIX(ref|bencher) THREADS RATE(0 = closed loop) DURATION: the UDP
# load tester's config for 10,000 torrents (Zipf s=1) and 100,000 peers. ref: 80% announce / 20%
# scrape of 1-10 hashes, num_want 50; bencher: aquatic's bencher mix, announce:scrape 100:1,
# num_want 30. No extra connects (only the connection-id renewals).
bench_udp_load_config() {
    local weights
    case $3 in
        ref) weights='weight_announce = 80\nweight_scrape = 20\nannounce_peers_wanted = 50' ;;
        bencher) weights='weight_announce = 100\nweight_scrape = 1\nannounce_peers_wanted = 30' ;;
    esac
    printf 'server_address = "127.0.0.1:%s"\nworkers = %s\n[load]\nduration = %s\nrate = %s\nprogress_interval = 60\n[workload]\nnumber_of_torrents = 10000\nnumber_of_peers = 100000\n[requests]\nweight_connect = 0\n%b\nscrape_max_torrents = 10\n' \
        "$2" "$4" "$6" "$5" "$weights" >"$1"
}

# bench_http_load_config FILE PORT KEEP_ALIVE(true|false) CONNECTIONS DURATION [TLS RESUME]: the
# HTTP load tester's config, 1 worker, closed loop: 10,000 torrents (Zipf s=1), 100,000 peers, 80%
# announce (numwant 50, compact) / 20% scrape of 1-10 hashes, one request in flight per connection;
# TLS (true|false, default false) connects with HTTPS, RESUME (true|false) resumes TLS sessions.
bench_http_load_config() {
    printf 'server_address = "127.0.0.1:%s"\nworkers = 1\n[load]\nduration = %s\nprogress_interval = 60\n[workload]\nnumber_of_torrents = 10000\nnumber_of_peers = 100000\n[requests]\nweight_announce = 80\nweight_scrape = 20\nannounce_peers_wanted = 50\nscrape_max_torrents = 10\n[network]\nconnections = %s\nkeep_alive = %s\ntls = %s\ntls_resume_sessions = %s\n' \
        "$2" "$5" "$4" "$3" "${6:-false}" "${7:-false}" >"$1"
}

# bench_out_dir NAME [OUT_DIR]: sets OUT to the run's output directory (OUT_DIR, else
# bench/out/NAME-<time>) and creates it; trackers started from here on are killed when the
# script exits.
bench_out_dir() {
    OUT=${2:-$bench_root/bench/out/$1-$(date +%Y%m%d-%H%M%S)}
    mkdir -p "$OUT"
    trap bench_cleanup EXIT INT TERM
}

bench_stop() {
    kill -TERM "$1" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null || true
}

# CPU seconds (utime + stime, all threads) of PID, or the sum over several PIDs, as a decimal.
bench_cpu_seconds() {
    local pid
    for pid in "$@"; do cat "/proc/$pid/stat"; done |
        awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); t += $12 + $13 } END { printf "%.2f\n", t / tck }'
}

# Busy and total jiffies of the whole box (all CPUs).
bench_box_jiffies() {
    awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; total = busy + $5 + $6; print busy, total }' /proc/stat
}

# VmRSS of PID, or the sum over several PIDs, in KiB.
bench_rss_kib() {
    local pid
    for pid in "$@"; do cat "/proc/$pid/status"; done | awk '/^VmRSS:/ { k += $2 } END { print k }'
}

# Value of KEY in a load tester SUMMARY line.
bench_summary_value() {
    tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'
}

# The columns of results.tsv, one row per measured run (bench_measured_run).
BENCH_TSV_HEADER=$'scenario\ttracker\trep\treplies_per_s\tresponses_per_s\tmalformed\terrors\tlost\tp99_us\ttracker_cpu_s\tcpu_us_per_reply\treplies_per_cpu_s\trss_kib\tother_cpu_s\ttransport'

# bench_measured_run TSV SCENARIO TRACKER REP PID PROTOCOL LOAD_CONF LOG LT_CPUS TRANSPORT [MARKER]
#
# Runs the load tester (PROTOCOL, LOAD_CONF, pinned to LT_CPUS, "" = unpinned; PROTOCOL wrk: the
# command in LOAD_CONF, bench_load_command) against the tracker
# PID (or several space-separated PIDs whose CPU and RSS are summed, e.g. nginx's master and
# workers plus opentracker) and appends one row to TSV: replies/s (valid responses + malformed replies: a reply the
# tracker produced but the load tester rejected, e.g. opentracker's unsorted scrape keys, still
# cost the tracker its work), the SUMMARY counts, the tracker's CPU seconds (utime + stime of
# /proc/PID/stat, all threads) over the measured run, CPU µs per reply, replies per tracker
# CPU-second, VmRSS afterwards, and the CPU the rest of the box used meanwhile. Without MARKER the
# whole load-test process is measured; with MARKER (a line the load tester prints when its own
# warm-up is over and measuring starts) the readings start when that line appears.
bench_measured_run() {
    local tsv=$1 scenario=$2 tracker=$3 rep=$4 pid=$5 protocol=$6 conf=$7 log=$8 lcpus=$9
    local transport=${10} marker=${11:-} lt_pin=() lt_pid cpu0 box0 cpu1 box1 i
    [ -n "$lcpus" ] && lt_pin=(taskset -c "$lcpus")
    bench_load_command "$protocol" "$conf"
    if [ -z "$marker" ]; then
        # shellcheck disable=SC2086 # PID may be a list
        cpu0=$(bench_cpu_seconds $pid)
        box0=$(bench_box_jiffies)
        "${lt_pin[@]}" "${BENCH_LOAD_COMMAND[@]}" >"$log" 2>&1
    else
        "${lt_pin[@]}" "${BENCH_LOAD_COMMAND[@]}" >"$log" 2>&1 &
        lt_pid=$!
        for i in $(seq 1 6000); do
            grep -q "$marker" "$log" 2>/dev/null && break
            kill -0 "$lt_pid" 2>/dev/null || break
            sleep 0.01
        done
        # shellcheck disable=SC2086
        cpu0=$(bench_cpu_seconds $pid)
        box0=$(bench_box_jiffies)
        wait "$lt_pid"
    fi
    # shellcheck disable=SC2086
    cpu1=$(bench_cpu_seconds $pid)
    box1=$(bench_box_jiffies)
    local rss summary
    # shellcheck disable=SC2086
    rss=$(bench_rss_kib $pid)
    summary=$(grep '^SUMMARY' "$log") || { echo "bench: no SUMMARY in $log" >&2; tail -20 "$log" >&2; return 1; }
    awk -v s="$scenario" -v t="$tracker" -v r="$rep" -v tr="$transport" -v rss="$rss" \
        -v c0="$cpu0" -v c1="$cpu1" -v b0="$box0" -v b1="$box1" -v tck="$CLK_TCK" \
        -v secs="$(bench_summary_value "$summary" duration_s)" \
        -v resp="$(bench_summary_value "$summary" responses)" \
        -v mal="$(bench_summary_value "$summary" malformed)" \
        -v err="$(bench_summary_value "$summary" errors)" \
        -v lost="$(bench_summary_value "$summary" lost)" \
        -v p99="$(bench_summary_value "$summary" p99_us)" 'BEGIN {
            cpu = c1 - c0; split(b0, x, " "); split(b1, y, " ");
            other = (y[1] - x[1]) / tck - cpu; replies = resp + mal;
            printf "%s\t%s\t%s\t%.0f\t%.0f\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.0f\t%s\t%.2f\t%s\n",
                s, t, r, replies / secs, resp / secs, mal, err, lost, p99, cpu,
                cpu * 1e6 / (replies > 0 ? replies : 1), replies / (cpu > 0 ? cpu : 0.01), rss, other, tr }' \
        | tee -a "$tsv"
}

# --- wrk as the HTTP load generator (bench/http-vs-opentracker.sh GENERATOR=wrk) ---

# bench_load_command PROTOCOL CONF: sets the array BENCH_LOAD_COMMAND to the load generator
# bench_measured_run runs: our Java load tester for PROTOCOL udp|http|ws with config CONF, or, for
# PROTOCOL wrk, the command in the file CONF, one word a line (e.g. env LD_PRELOAD=... wrk ...;
# written by bench_wrk_command). The generator must print a SUMMARY line with the load tester's
# keys (bench/wrk/announce.lua does).
bench_load_command() {
    if [ "$1" = wrk ]; then
        mapfile -t BENCH_LOAD_COMMAND <"$2"
    else
        BENCH_LOAD_COMMAND=("$JAVA" -jar "$LOAD_JAR" "$1" -c "$2")
    fi
}

# bench_require_wrk [SHIM_SO]: Debian's wrk, installed when missing; with SHIM_SO, also builds
# bench/wrk/no-resume.c into that file (an LD_PRELOAD shim: a full TLS handshake on every new
# connection), installing gcc when missing.
bench_require_wrk() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    [ -n "${1:-}" ] && ! command -v gcc >/dev/null && missing+=(gcc libc6-dev)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "bench: installing Debian's ${missing[*]}" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
    fi
    [ -z "${1:-}" ] || gcc -shared -fPIC -O2 -Wall -o "$1" "$bench_root/bench/wrk/no-resume.c" -ldl
}

# bench_wrk_command FILE URL DURATION CONNECTIONS HASHES KEEP_ALIVE(true|false) [SHIM_SO]: writes
# the wrk command for bench_load_command (one word a line) to FILE: WRK_THREADS threads (1),
# CONNECTIONS connections, DURATION s, latency distribution on, bench/wrk/announce.lua with the
# info hashes in HASHES (the load tester's --info-hashes), Connection: close unless KEEP_ALIVE;
# SHIM_SO (bench_require_wrk) preloaded when given.
bench_wrk_command() {
    local threads=${WRK_THREADS:-1} mode=keep-alive
    [ "$6" = true ] || mode=close
    {
        [ -z "${7:-}" ] || printf 'env\nLD_PRELOAD=%s\n' "$7"
        printf '%s\n' wrk "-t$threads" "-c$4" "-d$3" --latency --timeout 5s \
            -s "$bench_root/bench/wrk/announce.lua" "$2" -- "$5" "$mode" "$threads"
    } >"$1"
}

# bench_tls_handshakes ADDRESS: our tracker's aquatic_tls_handshakes_total from its Prometheus
# endpoint at http://ADDRESS/metrics, summed over protocols, as "FULL RESUMED".
bench_tls_handshakes() {
    python3 - "$1" <<'PY'
import sys, urllib.request
counts = {"full": 0.0, "resumed": 0.0}
with urllib.request.urlopen(f"http://{sys.argv[1]}/metrics", timeout=5) as reply:
    for line in reply.read().decode().splitlines():
        if line.startswith("aquatic_tls_handshakes_total{"):
            labels, value = line.rsplit(" ", 1)
            for kind in counts:
                if f'kind="{kind}"' in labels:
                    counts[kind] += float(value)
print(f"{counts['full']:.0f} {counts['resumed']:.0f}")
PY
}
