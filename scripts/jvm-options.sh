# shellcheck shell=bash
# Sourced, not run: the JVM options of the launchers, in one place so the checkout's ./aquatic and
# ./aquatic-load-test and the Debian package's /usr/bin/aquatic and /usr/bin/aquatic-load-test
# (scripts/build-deb.sh writes them into ops/debian/*.in) start the JVM the same way.
# - --enable-native-access=ALL-UNNAMED: Netty's native transports (epoll, io_uring) load JNI code.
# - -XX:+UseCompactObjectHeaders: 8-byte object headers, less heap per peer.
# - --sun-misc-unsafe-memory-access=allow: Netty 4.2 on JDK 25 leaves sun.misc.Unsafe alone unless
#   this option allows it (then the JDK prints no deprecation warning either), and without it every
#   buffer access goes through a java.nio.ByteBuffer: WebSocket frame unmasking, which Netty does
#   eight bytes at a time through ByteBuf.getLong/setLong, cost 9% of the WebTorrent tracker's
#   CPU that way (docs/benchmarks.md, WsFrameBenchmark).
# - -XX:+ExitOnOutOfMemoryError: a heap OutOfMemoryError ends the process (exit 3) for the
#   supervisor to restart, instead of leaving a tracker with dead threads.
# - Resident memory that follows the swarms (docs/benchmarks.md, "Memory side by side"): the heap
#   starts at 16 MiB instead of 1/64 of RAM (G1 keeps what it once touched of its initial heap
#   resident), keeps 10-30% of it free after a collection instead of 40-70%, G1 collects once a
#   minute when it has not otherwise (so an idle tracker whose peers expired gives the heap back),
#   and glibc's freed native memory (the JIT compilers' arenas) goes back to the OS every 10 s.
#   AQUATIC_JAVA_OPTS comes later on the command line, so an operator's -Xms etc. win.
# shellcheck disable=SC2034  # used by the scripts that source this file
AQUATIC_JVM_OPTIONS="--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
-XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError \
-Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:G1PeriodicGCInterval=60000 \
-XX:TrimNativeHeapInterval=10000"
# shellcheck disable=SC2034
AQUATIC_LOAD_TEST_JVM_OPTIONS="--enable-native-access=ALL-UNNAMED"
