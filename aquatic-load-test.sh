#!/usr/bin/env bash
# Runs the load tester from a checkout: ./aquatic-load-test.sh udp [-c FILE] [-p] [-h]
# (Not ./aquatic-load-test: that name is the module directory.)
# Finds a JDK >= 25 (scripts/find-jdk.sh, shared with ./aquatic) and rebuilds the shaded jar
# aquatic-load-test/target/aquatic-load-test.jar when any source or pom it is built from is newer.
# Extra JVM options can be passed in AQUATIC_LOAD_TEST_JAVA_OPTS.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ ! -f "$root/scripts/find-jdk.sh" ]]; then
  echo "aquatic-load-test: $root/scripts/find-jdk.sh is missing" >&2
  exit 1
fi
# shellcheck source=scripts/find-jdk.sh
source "$root/scripts/find-jdk.sh"

jar="$root/aquatic-load-test/target/aquatic-load-test.jar"
inputs=("$root/pom.xml" "$root/aquatic-core" "$root/aquatic-udp-protocol" "$root/aquatic-load-test")
if [[ ! -f "$jar" ]] || [[ -n "$(find "${inputs[@]}" -path '*/target' -prune -o -newer "$jar" -type f -print -quit)" ]]; then
  echo "aquatic-load-test: building $jar ..." >&2
  (cd "$root" && JAVA_HOME="$JAVA_HOME" ./mvnw -B -ntp -q -pl aquatic-load-test -am package -DskipTests) >&2
fi

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${AQUATIC_LOAD_TEST_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
