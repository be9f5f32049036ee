#!/usr/bin/env bash
# End-to-end check that a BitTorrent tracker really brokers a transfer between two
# real aria2c instances (a seeder and a leecher) that can only meet through it.
#
# Usage: e2e-aria2-transfer.sh TRACKER_URL WORKDIR [expect-fail]
#
#   TRACKER_URL  udp://127.0.0.1:PORT/announce, http://127.0.0.1:PORT/announce or
#                https://127.0.0.1:PORT/announce (see E2E_CA_CERT)
#   WORKDIR      scratch directory (created if missing; the script only touches its own
#                entries in it: payload.torrent, seed/, leech/, seeder/, leecher/)
#   expect-fail  negative check: succeed only if the transfer does NOT complete within a
#                shorter bounded attempt (for a tracker that refuses the torrent)
#
# Prints "INFO_HASH=<40 hex>" once the torrent exists, before any client starts.
#
# Environment (all optional):
#   E2E_BEFORE_CLIENTS  shell command run after the torrent is made and before the clients
#                       start; gets the info hash as $1 (also exported as INFO_HASH); a
#                       non-zero exit aborts the run. E.g. 'echo "$1" >> whitelist.txt'.
#   E2E_TIMEOUT         seconds to wait for the transfer (default 60; 20 with expect-fail)
#   E2E_SIZE_MIB        payload size in MiB (default 8)
#   E2E_PORT_BASE       start of the 4 x 50-port ranges aria2c may listen on (default 26800)
#   E2E_LOG_LEVEL       aria2c --log-level (default info; HTTP tracker replies are logged in
#                       full only at debug)
#   E2E_LEECHER_TRACKER_URL  the leecher announces here instead of TRACKER_URL (aria2c
#                       --bt-exclude-tracker='*' --bt-tracker=...), e.g. the http:// listener of
#                       the same `aquatic all` whose udp:// one the seeder uses
#   E2E_CA_CERT         PEM file of the CA both clients trust for an https:// tracker
#                       (aria2c --ca-certificate); without it they use the system's CAs
#
# Isolation: both clients bind every socket to 127.0.0.1 (--interface), IPv6 is off, PEX
# and LPD are off. DHT is off for http(s) trackers. For a udp tracker it has to be on because
# aria2c sends UDP tracker requests through its DHT socket, but it starts from a fresh empty
# routing table with no entry point, and the torrent is private (BEP 27), so aria2c never
# uses DHT to find peers for it.
# Everything is bounded: the clients run under `timeout` and `--stop`, and are killed on exit.
set -euo pipefail

die() { echo "e2e: FAIL: $*" >&2; exit 1; }

[ $# -ge 2 ] && [ $# -le 3 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
TRACKER_URL=$1
WORKDIR=$2
MODE=${3:-}
case "$MODE" in
    ""|expect-fail) ;;
    *) die "third argument must be 'expect-fail' or absent, got '$MODE'" ;;
esac

for tool in aria2c mktorrent sha256sum timeout; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found (run scripts/install-e2e-deps.sh)"
done

if [ "$MODE" = expect-fail ]; then
    WAIT_SECS=${E2E_TIMEOUT:-20}
else
    WAIT_SECS=${E2E_TIMEOUT:-60}
fi
SIZE_MIB=${E2E_SIZE_MIB:-8}
PORT_BASE=${E2E_PORT_BASE:-26800}
LOG_LEVEL=${E2E_LOG_LEVEL:-info}
CA_CERT=${E2E_CA_CERT:-}
[ -z "$CA_CERT" ] || [ -r "$CA_CERT" ] || die "E2E_CA_CERT=$CA_CERT is not a readable file"
LEECHER_TRACKER_URL=${E2E_LEECHER_TRACKER_URL:-$TRACKER_URL}
dht_for() { # a UDP tracker's requests go through aria2c's DHT socket
    case "$1" in
        udp://*) echo true ;;
        http://*|https://*) echo false ;;
        *) die "tracker URLs must start with udp://, http:// or https://, got '$1'" ;;
    esac
}
SEEDER_DHT=$(dht_for "$TRACKER_URL")
LEECHER_DHT=$(dht_for "$LEECHER_TRACKER_URL")
LEECHER_TRACKER_OPTS=()
if [ "$LEECHER_TRACKER_URL" != "$TRACKER_URL" ]; then
    LEECHER_TRACKER_OPTS=(--bt-exclude-tracker='*' --bt-tracker="$LEECHER_TRACKER_URL")
fi
# A line each aria2c logs (at info) per tracker answer: a UDP reply, or an HTTP(S) response
# (the tracker is the only HTTP server the clients talk to).
TRACKER_REPLY='UDPT received ANNOUNCE\|UDPT received ERROR\|\] CUID#[0-9]* - Response received:'

mkdir -p "$WORKDIR"
WORKDIR=$(cd "$WORKDIR" && pwd)
rm -rf "$WORKDIR/seed" "$WORKDIR/leech" "$WORKDIR/seeder" "$WORKDIR/leecher" "$WORKDIR/payload.torrent"
mkdir -p "$WORKDIR/seed" "$WORKDIR/leech" "$WORKDIR/seeder" "$WORKDIR/leecher"

SEED_PID=""    # pids of the `timeout` wrappers around the two aria2c processes
LEECH_PID=""
stop_clients() {
    local pid
    for pid in $LEECH_PID $SEED_PID; do
        kill "$pid" 2>/dev/null || true   # timeout passes SIGTERM on to aria2c ...
    done
    for pid in $LEECH_PID $SEED_PID; do
        # ... which normally exits within ~1 s (after a "stopped" announce); `timeout -k 3`
        # SIGKILLs it 3 s after the SIGTERM otherwise, so this loop ends within ~4 s.
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true  # last resort; aria2c --stop still bounds it
        wait "$pid" 2>/dev/null || true
    done
    SEED_PID=""
    LEECH_PID=""
}
trap stop_clients EXIT
trap 'exit 130' INT TERM

show_logs() {
    local who
    for who in seeder leecher; do
        echo "---- tail of $who aria2c log ($WORKDIR/$who/aria2.log) ----" >&2
        tail -n 40 "$WORKDIR/$who/aria2.log" >&2 2>/dev/null || echo "(no log)" >&2
        if [ -s "$WORKDIR/$who/console.txt" ]; then
            echo "---- $who console ----" >&2
            tail -n 20 "$WORKDIR/$who/console.txt" >&2
        fi
    done
}

# 1. payload and private torrent (256 KiB pieces)
PAYLOAD=payload.bin
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$WORKDIR/seed/$PAYLOAD"
mktorrent -p -l 18 -a "$TRACKER_URL" -o "$WORKDIR/payload.torrent" "$WORKDIR/seed/$PAYLOAD" >/dev/null \
    || die "mktorrent failed"
EXPECTED_SHA=$(sha256sum "$WORKDIR/seed/$PAYLOAD" | cut -d' ' -f1)
INFO_HASH=$(aria2c -S "$WORKDIR/payload.torrent" | sed -n 's/^Info Hash: *\([0-9a-fA-F]\{40\}\).*/\1/p' | tr 'A-F' 'a-f')
[ ${#INFO_HASH} -eq 40 ] || die "could not read the info hash of $WORKDIR/payload.torrent"
echo "INFO_HASH=$INFO_HASH"
export INFO_HASH

# 2. hook (e.g. whitelist or deny the hash in the tracker under test)
if [ -n "${E2E_BEFORE_CLIENTS:-}" ]; then
    timeout 60 bash -c "$E2E_BEFORE_CLIENTS" e2e-before-clients "$INFO_HASH" \
        || die "E2E_BEFORE_CLIENTS failed (exit $?)"
fi

# 3. clients. Each picks its own free TCP (peer) and UDP (DHT, hence UDP tracker) port
#    from a range of its own, so the two never collide and busy ports are skipped.
common_opts() { # $1 = role dir, $2 = first port of its 100-port block, $3 = DHT on
    local dir=$1 p=$2 dht=$3
    printf '%s\n' \
        --no-conf=true \
        --interface=127.0.0.1 \
        --disable-ipv6=true \
        --listen-port="$p-$((p + 49))" \
        --enable-dht="$dht" \
        --enable-dht6=false \
        --dht-listen-port="$((p + 50))-$((p + 99))" \
        --dht-file-path="$dir/dht.dat" \
        --dht-file-path6="$dir/dht6.dat" \
        --enable-peer-exchange=false \
        --bt-enable-lpd=false \
        --bt-tracker-interval=5 \
        --bt-tracker-connect-timeout=5 \
        --bt-tracker-timeout=5 \
        --file-allocation=none \
        --auto-file-renaming=false \
        --allow-overwrite=true \
        --summary-interval=0 \
        --enable-color=false \
        --console-log-level=warn \
        --log="$dir/aria2.log" \
        --log-level="$LOG_LEVEL" \
        ${CA_CERT:+--ca-certificate="$CA_CERT"}
}
CLIENT_SECS=$((WAIT_SECS + 20))   # hard upper bound for each aria2c process

mapfile -t SEED_OPTS < <(common_opts "$WORKDIR/seeder" "$PORT_BASE" "$SEEDER_DHT")
timeout -k 3 "$CLIENT_SECS" aria2c "${SEED_OPTS[@]}" \
    --stop="$CLIENT_SECS" \
    --dir="$WORKDIR/seed" \
    --check-integrity=true \
    --seed-ratio=0.0 \
    "$WORKDIR/payload.torrent" > "$WORKDIR/seeder/console.txt" 2>&1 &
SEED_PID=$!

# Let the seeder verify its copy and send its first announce, so that the leecher's
# first announce already returns it (otherwise the peers meet one interval later).
# (aria2c announces about 1 s after it has verified the file.) Bounded: at most ~8 s.
for _ in $(seq 1 80); do
    grep -q "$TRACKER_REPLY" "$WORKDIR/seeder/aria2.log" 2>/dev/null && break
    kill -0 "$SEED_PID" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$SEED_PID" 2>/dev/null || { show_logs; die "seeder aria2c exited early"; }

START=$(date +%s.%N)
mapfile -t LEECH_OPTS < <(common_opts "$WORKDIR/leecher" "$((PORT_BASE + 100))" "$LEECHER_DHT")
timeout -k 3 "$WAIT_SECS" aria2c "${LEECH_OPTS[@]}" "${LEECHER_TRACKER_OPTS[@]}" \
    --stop="$CLIENT_SECS" \
    --dir="$WORKDIR/leech" \
    --seed-time=0 \
    "$WORKDIR/payload.torrent" > "$WORKDIR/leecher/console.txt" 2>&1 &
LEECH_PID=$!

# 4. wait (bounded by the leecher's timeout) and check
set +e
wait "$LEECH_PID"
LEECH_RC=$?
set -e
LEECH_PID=""
ELAPSED=$(awk -v s="$START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
SEEDER_ALIVE=no
kill -0 "$SEED_PID" 2>/dev/null && SEEDER_ALIVE=yes

GOT_SHA=none
[ -f "$WORKDIR/leech/$PAYLOAD" ] && GOT_SHA=$(sha256sum "$WORKDIR/leech/$PAYLOAD" | cut -d' ' -f1)
COMPLETE=no
[ "$LEECH_RC" -eq 0 ] && [ "$GOT_SHA" = "$EXPECTED_SHA" ] && COMPLETE=yes

if [ "$MODE" = expect-fail ]; then
    if [ "$COMPLETE" = yes ]; then
        show_logs
        die "transfer completed in ${ELAPSED}s although it was expected to fail (info hash $INFO_HASH)"
    fi
    # Make sure the negative result means "the peers never met", not "a client broke".
    if [ "$LEECH_RC" -ne 124 ] || [ "$SEEDER_ALIVE" != yes ]; then
        show_logs
        die "expected the leecher to still be waiting after ${WAIT_SECS}s, but leecher exit=$LEECH_RC, seeder alive=$SEEDER_ALIVE"
    fi
    REPLIES=$(grep -c "$TRACKER_REPLY" "$WORKDIR/leecher/aria2.log" || true)
    echo "e2e: tracker replies (or refusals) seen by the leecher: $REPLIES"
    echo "e2e: OK (expect-fail): no transfer within ${WAIT_SECS}s, as expected (info hash $INFO_HASH)"
    exit 0
fi

if [ "$COMPLETE" != yes ]; then
    show_logs
    if [ "$LEECH_RC" -eq 124 ]; then
        die "transfer did not complete within ${WAIT_SECS}s (info hash $INFO_HASH, tracker $TRACKER_URL)"
    fi
    die "leecher aria2c exit=$LEECH_RC, sha256 expected $EXPECTED_SHA got $GOT_SHA (info hash $INFO_HASH)"
fi
VIA=$TRACKER_URL
[ "$LEECHER_TRACKER_URL" = "$TRACKER_URL" ] || VIA="$TRACKER_URL (seeder) and $LEECHER_TRACKER_URL (leecher)"
echo "e2e: OK: ${SIZE_MIB} MiB transferred via $VIA in ${ELAPSED}s, sha256 $EXPECTED_SHA (info hash $INFO_HASH)"
