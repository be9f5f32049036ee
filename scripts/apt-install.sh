# shellcheck shell=bash
# Sourced, not run: installs Debian packages for the project's install-*-deps.sh scripts.
#
#   . "$root/scripts/apt-install.sh"
#   aquatic_apt_install my-script-name package...
#
# Runs "apt-get update" and "apt-get install -y --no-install-recommends" (keeping existing config
# files) non-interactively, as root or else through "sudo -n". Prints one line prefixed with the
# name given and returns 1 when neither root nor sudo nor apt-get is available.
# Safe under `set -euo pipefail`; defines only aquatic_* names.

aquatic_apt_install() {
    local name=$1
    shift
    local sudo=()
    if [ "$(id -u)" -eq 0 ]; then
        sudo=(env DEBIAN_FRONTEND=noninteractive)
    elif command -v sudo >/dev/null 2>&1; then
        sudo=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    else
        echo "$name: missing $* and not root (no sudo); install them manually" >&2
        return 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "$name: missing $* and apt-get is not available; install them manually" >&2
        return 1
    fi
    echo "$name: installing $*"
    "${sudo[@]}" apt-get update </dev/null
    "${sudo[@]}" apt-get install -y --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "$@" </dev/null
}
