#!/usr/bin/env bash
# Installs what the packaging and monitoring tests need (aquatic-cli's DebianPackageIT and
# PrometheusDashboardIT) and scripts/build-deb.sh uses:
# - binutils (strip, for the bundled runtime), unzip, lintian;
# - systemd, for systemd-analyze (verifying the units needs no running systemd);
# - prometheus, for prometheus and promtool.
# Idempotent: apt is not touched when every program is present. Works non-interactively as root
# (CI); as another user it uses "sudo -n" if available.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/apt-install.sh
. "$root/scripts/apt-install.sh"

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
aquatic_apt_install install-ops-deps "${missing[@]}"
command -v strip >/dev/null && command -v lintian >/dev/null \
    && command -v systemd-analyze >/dev/null && command -v promtool >/dev/null
