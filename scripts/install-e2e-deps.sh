#!/usr/bin/env bash
# Installs what the end-to-end tests with real clients need:
# - the UDP transfer (scripts/e2e-aria2-transfer.sh): aria2c (Debian package "aria2") and mktorrent;
# - the WebTorrent transfer (aquatic-cli's WebtorrentTransferIT, e2e/webtorrent/): Debian's
#   Chromium, certutil (libnss3-tools), Node.js and npm, then the pinned npm packages of
#   e2e/webtorrent (webtorrent, playwright-core, ...) with "npm ci --ignore-scripts" (no package may
#   run an install script: one would try to download a prebuilt binary; no browser is downloaded,
#   the tests drive Debian's Chromium);
# - the reference client (aquatic-cli's ReferenceClientIT, e2e/bittorrent-tracker/): npm's
#   bittorrent-tracker, pinned the same way (its WebRTC native module is never built nor needed);
# - the HTTPS and WSS tests of PKCS#12 identities: openssl, to make the files as operators do;
# - the client matrix (aquatic-cli's ClientMatrixIT): transmission-daemon and transmission-remote
#   (Debian packages "transmission-daemon", "transmission-cli"), rtorrent and qbittorrent-nox.
# Idempotent: apt is not touched when every program is present, and npm is not run in a directory
# whose node_modules was installed from the current package-lock.json.
# Works non-interactively as root (CI); as another user it uses "sudo -n" if available.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/apt-install.sh
. "$root/scripts/apt-install.sh"

missing=()
command -v aria2c    >/dev/null 2>&1 || missing+=(aria2)
command -v mktorrent >/dev/null 2>&1 || missing+=(mktorrent)
[ -x /usr/lib/chromium/chromium ]     || missing+=(chromium)
command -v certutil  >/dev/null 2>&1 || missing+=(libnss3-tools)
command -v node      >/dev/null 2>&1 || missing+=(nodejs)
command -v npm       >/dev/null 2>&1 || missing+=(npm)
command -v openssl   >/dev/null 2>&1 || missing+=(openssl) # the PKCS#12 tests' "openssl pkcs12"
command -v ss        >/dev/null 2>&1 || missing+=(iproute2) # aquatic-ws WriteCoalescingIntegrationTest
# the client matrix (ClientMatrixIT): the clients besides aria2
command -v transmission-daemon >/dev/null 2>&1 || missing+=(transmission-daemon)
command -v transmission-remote >/dev/null 2>&1 || missing+=(transmission-cli)
command -v rtorrent            >/dev/null 2>&1 || missing+=(rtorrent)
command -v qbittorrent-nox     >/dev/null 2>&1 || missing+=(qbittorrent-nox)

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-e2e-deps: every program of the end-to-end tests is already present"
else
    aquatic_apt_install install-e2e-deps "${missing[@]}"
    # Where systemd runs, Debian's transmission-daemon package starts a system-wide daemon (all
    # interfaces, DHT on); the client matrix starts its own daemons, so stop and disable that one
    # (as root, as in CI).
    if [[ " ${missing[*]} " == *" transmission-daemon "* ]] && [ "$(id -u)" -eq 0 ] \
        && command -v systemctl >/dev/null 2>&1 \
        && systemctl is-active --quiet transmission-daemon 2>/dev/null; then
        systemctl disable --now transmission-daemon || true
    fi
fi

command -v aria2c >/dev/null && command -v mktorrent >/dev/null && command -v certutil >/dev/null \
    && command -v openssl >/dev/null
command -v transmission-daemon >/dev/null && command -v transmission-remote >/dev/null \
    && command -v rtorrent >/dev/null && command -v qbittorrent-nox >/dev/null
[ -x /usr/lib/chromium/chromium ]

# playwright-core needs Node.js 20 or later (the machine's own; Debian 12's nodejs package is 18).
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
    echo "install-e2e-deps: Node.js $(node --version) is too old for e2e/webtorrent (needs 20 or later)" >&2
    exit 1
fi

# npm packages of the end-to-end tests (WebTorrent in browsers; the reference bittorrent-tracker
# client), exactly as each package-lock.json pins them.
for npm_dir in "$root/e2e/webtorrent" "$root/e2e/bittorrent-tracker"; do
    stamp="$npm_dir/node_modules/.installed-from-lock.sha256"
    lock_sum="$(sha256sum "$npm_dir/package-lock.json" | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sum" ]; then
        echo "install-e2e-deps: ${npm_dir#"$root"/} npm packages already installed from the current lock file"
    else
        echo "install-e2e-deps: npm ci --ignore-scripts in ${npm_dir#"$root"/}"
        (cd "$npm_dir" && npm ci --ignore-scripts --no-audit --no-fund </dev/null)
        echo "$lock_sum" > "$stamp"
    fi
done

echo "install-e2e-deps: done ($(aria2c --version | head -n1); $(mktorrent -h 2>&1 | head -n1);" \
    "$(/usr/lib/chromium/chromium --version); node $(node --version))"
