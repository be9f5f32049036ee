#!/usr/bin/env bash
# Installs what the packaging and monitoring tests need (aquatic-cli's DebianPackageIT and
# PrometheusDashboardIT) and scripts/build-deb.sh uses:
# - binutils (strip, for the bundled runtime), unzip, lintian;
# - systemd, for systemd-analyze (verifying the units needs no running systemd);
# - prometheus, for prometheus and promtool.
# Idempotent: apt is not touched when every program is present. Works non-interactively as root
# (CI); as another user it uses "sudo -n" if available.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v strip           >/dev/null 2>&1 || missing+=(binutils)
command -v unzip           >/dev/null 2>&1 || missing+=(unzip)
command -v lintian         >/dev/null 2>&1 || missing+=(lintian)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
command -v prometheus      >/dev/null 2>&1 || missing+=(prometheus)

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-ops-deps: strip, unzip, lintian, systemd-analyze and prometheus already present"
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
else
    echo "install-ops-deps: missing ${missing[*]} and not root (no sudo); install them manually" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-ops-deps: missing ${missing[*]} and apt-get is not available; install them manually" >&2
    exit 1
fi
echo "install-ops-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update </dev/null
"${SUDO[@]}" apt-get install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" </dev/null
command -v strip >/dev/null && command -v lintian >/dev/null \
    && command -v systemd-analyze >/dev/null && command -v promtool >/dev/null
