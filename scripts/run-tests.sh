#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (real servers on loopback) and end-to-end tests with
# real BitTorrent clients, and the Debian package and monitoring tests. Installs the Debian packages
# those need when missing (scripts/install-e2e-deps.sh, scripts/install-ops-deps.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-e2e-deps.sh
bash scripts/install-ops-deps.sh
# shellcheck source=scripts/find-jdk.sh
source scripts/find-jdk.sh
JAVA_HOME=$(aquatic_find_jdk run-tests) || exit 1
export JAVA_HOME
exec ./mvnw -B -ntp verify "$@"
