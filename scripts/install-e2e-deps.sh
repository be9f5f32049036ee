#!/usr/bin/env bash
# Installs the real BitTorrent tools used by the end-to-end transfer test
# (scripts/e2e-aria2-transfer.sh): aria2c (Debian package "aria2") and mktorrent.
# Idempotent: does nothing (and never touches apt) when both are already on PATH.
# Works non-interactively as root (CI); as another user it uses "sudo -n" if available.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v aria2c    >/dev/null 2>&1 || missing+=(aria2)
command -v mktorrent >/dev/null 2>&1 || missing+=(mktorrent)

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-e2e-deps: aria2c and mktorrent already present, nothing to do"
    exit 0
fi

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
    aria2 mktorrent </dev/null

command -v aria2c >/dev/null && command -v mktorrent >/dev/null
echo "install-e2e-deps: done ($(aria2c --version | head -n1); $(mktorrent -h 2>&1 | head -n1))"
