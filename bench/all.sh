#!/usr/bin/env bash
# Every side-by-side benchmark in one run, then one chart of all protocols: UDP and HTTP against
# Debian's opentracker, WebSocket against npm's bittorrent-tracker, and resident memory with the
# same UDP population. Loopback only; about 50 minutes with the defaults (the HTTP script now
# includes its TLS scenarios against nginx + opentracker).
#
#   bench/all.sh [OUT_DIR]       (root: may apt-get install opentracker; needs node >= 20)
#
# Writes OUT_DIR/{udp,http,ws,memory}/ (each script's results.tsv, tables.md, logs) and
# OUT_DIR/throughput.svg, the chart of all three protocols that docs/benchmarks.md shows. The
# scripts' environment variables (REPS, DURATION, WARMUP, ...) apply to all of them; UDP runs
# UDP_SCENARIOS ("ref-1w bencher-1w ref-2w fixed-20k").
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${1:-$here/out/all-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

SCENARIOS=${UDP_SCENARIOS:-"ref-1w bencher-1w ref-2w fixed-20k"} "$here/udp-vs-opentracker.sh" "$OUT/udp"
SCENARIOS= "$here/http-vs-opentracker.sh" "$OUT/http"
"$here/ws-vs-bittorrent-tracker.sh" "$OUT/ws"
"$here/udp-memory.sh" "$OUT/memory"
python3 "$here/chart.py" "$OUT/throughput.svg" \
    "UDP=$OUT/udp/results.tsv" "HTTP=$OUT/http/results.tsv" "WebSocket=$OUT/ws/results.tsv"
echo "bench: chart in $OUT/throughput.svg"
