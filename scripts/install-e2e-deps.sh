#!/usr/bin/env bash
# Installs what the end-to-end tests with real clients need:
# - the UDP transfer (scripts/e2e-aria2-transfer.sh): aria2c (Debian package "aria2") and mktorrent;
# - the WebTorrent transfer (aquatic-cli's WebtorrentTransferIT, e2e/webtorrent/): Debian's
#   Chromium, certutil (libnss3-tools), Node.js and npm, then the pinned npm packages of
#   e2e/webtorrent (webtorrent, playwright-core, ...) with "npm ci --ignore-scripts" (no package may
#   run an install script: one would try to download a prebuilt binary; no browser is downloaded,
#   the tests drive Debian's Chromium).
# - the client matrix (aquatic-cli's ClientMatrixIT): transmission-daemon and transmission-remote
#   (Debian packages "transmission-daemon", "transmission-cli"), rtorrent and qbittorrent-nox.
# Idempotent: apt is not touched when every program is present, and npm is not run when
# e2e/webtorrent/node_modules was installed from the current package-lock.json.
# Works non-interactively as root (CI); as another user it uses "sudo -n" if available.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
command -v aria2c    >/dev/null 2>&1 || missing+=(aria2)
command -v mktorrent >/dev/null 2>&1 || missing+=(mktorrent)
[ -x /usr/lib/chromium/chromium ]     || missing+=(chromium)
command -v certutil  >/dev/null 2>&1 || missing+=(libnss3-tools)
command -v node      >/dev/null 2>&1 || missing+=(nodejs)
command -v npm       >/dev/null 2>&1 || missing+=(npm)
# -- client matrix (ClientMatrixIT): the clients besides aria2 --
command -v transmission-daemon >/dev/null 2>&1 || missing+=(transmission-daemon)
command -v transmission-remote >/dev/null 2>&1 || missing+=(transmission-cli)
command -v rtorrent            >/dev/null 2>&1 || missing+=(rtorrent)
command -v qbittorrent-nox     >/dev/null 2>&1 || missing+=(qbittorrent-nox)
# -- end of the client matrix's programs --

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-e2e-deps: every program of the end-to-end tests is already present"
else
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    else
        echo "install-e2e-deps: missing ${missing[*]} and not root (no sudo); install them manually" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-e2e-deps: missing ${missing[*]} and apt-get is not available; install them manually" >&2
        exit 1
    fi
    echo "install-e2e-deps: installing ${missing[*]}"
    "${SUDO[@]}" apt-get update </dev/null
    "${SUDO[@]}" apt-get install -y --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "${missing[@]}" </dev/null
    # -- client matrix (ClientMatrixIT): where systemd runs, Debian's transmission-daemon package
    # starts a system-wide daemon (all interfaces, DHT on); the tests start their own daemons, so
    # stop and disable that one. --
    if [[ " ${missing[*]} " == *" transmission-daemon "* ]] && command -v systemctl >/dev/null 2>&1 \
        && systemctl is-active --quiet transmission-daemon 2>/dev/null; then
        "${SUDO[@]}" systemctl disable --now transmission-daemon || true
    fi
    # -- end of the client matrix's service handling --
fi

command -v aria2c >/dev/null && command -v mktorrent >/dev/null && command -v certutil >/dev/null
# -- client matrix (ClientMatrixIT) --
command -v transmission-daemon >/dev/null && command -v transmission-remote >/dev/null \
    && command -v rtorrent >/dev/null && command -v qbittorrent-nox >/dev/null
# -- end of the client matrix's checks --
[ -x /usr/lib/chromium/chromium ]

# playwright-core needs Node.js 20 or later (the machine's own; Debian 12's nodejs package is 18).
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
    echo "install-e2e-deps: Node.js $(node --version) is too old for e2e/webtorrent (needs 20 or later)" >&2
    exit 1
fi

# npm packages of the WebTorrent end-to-end test, exactly as package-lock.json pins them.
webtorrent_dir="$root/e2e/webtorrent"
stamp="$webtorrent_dir/node_modules/.installed-from-lock.sha256"
lock_sum="$(sha256sum "$webtorrent_dir/package-lock.json" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
    echo "install-e2e-deps: e2e/webtorrent npm packages already installed from the current lock file"
else
    echo "install-e2e-deps: npm ci --ignore-scripts in e2e/webtorrent"
    (cd "$webtorrent_dir" && npm ci --ignore-scripts --no-audit --no-fund </dev/null)
    echo "$lock_sum" > "$stamp"
fi

echo "install-e2e-deps: done ($(aria2c --version | head -n1); $(mktorrent -h 2>&1 | head -n1);" \
    "$(/usr/lib/chromium/chromium --version); node $(node --version))"
