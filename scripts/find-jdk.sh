# shellcheck shell=bash
# Sourced, not run: finds a JDK new enough for aquatic-java. Shared by ./aquatic and every other
# script that needs Java, so they agree on which JDK to use.
#
#   . "$root/scripts/find-jdk.sh"
#   java_home=$(aquatic_find_jdk my-script-name) || exit 1
#
# aquatic_find_jdk prints the home directory of the JDK to use on stdout: $JAVA_HOME if it is a JDK
# (java and javac) of version AQUATIC_MIN_JAVA_VERSION or newer, else the newest such JDK in
# $AQUATIC_JVM_DIR/*/ (default /usr/lib/jvm; set it for other layouts or to test the failure).
# If there is none it prints one line on stderr, prefixed with the name given, and returns 1.
# Safe under `set -euo pipefail`; defines only aquatic_* names.

AQUATIC_MIN_JAVA_VERSION=25

# Prints the version of the JDK at $1 ("25.0.3", "17.0.12", "8.0_402"); fails if $1 is no JDK.
aquatic_jdk_version() {
    local home=$1 version=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
    if [ -f "$home/release" ]; then
        # Cheaper than starting a JVM; every OpenJDK build has this file.
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [ -z "$version" ]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')
    fi
    version=${version#1.}    # Java 8 and older call themselves 1.x
    case "$version" in
        [0-9]*) echo "$version" ;;
        *) return 1 ;;
    esac
}

# Succeeds if the JDK at $1 is version AQUATIC_MIN_JAVA_VERSION or newer.
aquatic_jdk_is_new_enough() {
    local version major
    version=$(aquatic_jdk_version "$1") || return 1
    major=${version%%[!0-9]*}
    [ "$major" -ge "$AQUATIC_MIN_JAVA_VERSION" ]
}

aquatic_find_jdk() {
    local name=${1:-aquatic} dir=${AQUATIC_JVM_DIR:-/usr/lib/jvm} java home best
    if [ -n "${JAVA_HOME:-}" ] && aquatic_jdk_is_new_enough "$JAVA_HOME"; then
        echo "$JAVA_HOME"
        return 0
    fi
    best=$(
        for java in "$dir"/*/bin/java; do
            home=${java%/bin/java}
            if aquatic_jdk_is_new_enough "$home"; then
                printf '%s\t%s\n' "$(aquatic_jdk_version "$home")" "$home"
            fi
        done | sort -V | tail -n 1 | cut -f 2
    )
    if [ -n "$best" ]; then
        echo "$best"
        return 0
    fi
    echo "$name: needs a JDK $AQUATIC_MIN_JAVA_VERSION or newer; set JAVA_HOME (looked in \$JAVA_HOME and $dir)" >&2
    return 1
}
