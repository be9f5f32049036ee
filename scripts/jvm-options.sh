# shellcheck shell=bash
# Sourced, not run: the JVM options of the launchers, in one place so the checkout's ./aquatic and
# ./aquatic-load-test and the Debian package's /usr/bin/aquatic and /usr/bin/aquatic-load-test
# (scripts/build-deb.sh writes them into ops/debian/*.in) start the JVM the same way.
# - --enable-native-access=ALL-UNNAMED: Netty's native transports (epoll, io_uring) load JNI code.
# - -XX:+UseCompactObjectHeaders: 8-byte object headers, less heap per peer.
# - -XX:+ExitOnOutOfMemoryError: a heap OutOfMemoryError ends the process (exit 3) for the
#   supervisor to restart, instead of leaving a tracker with dead threads.
# shellcheck disable=SC2034  # used by the scripts that source this file
AQUATIC_JVM_OPTIONS="--enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError"
# shellcheck disable=SC2034
AQUATIC_LOAD_TEST_JVM_OPTIONS="--enable-native-access=ALL-UNNAMED"
