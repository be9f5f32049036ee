# shellcheck shell=sh
# Sourced, not run, by the checkout's ./aquatic and by the Debian package's /usr/bin/aquatic (as
# /usr/lib/aquatic-java/direct-memory.sh): the cap on direct (off-heap) memory, where socket
# buffers live. Without one the JVM allows as much direct memory as the heap's maximum.

# Prints -XX:MaxDirectMemorySize=${AQUATIC_MAX_DIRECT_MEMORY:-1g}, or nothing when
# AQUATIC_JAVA_OPTS already sets that option (the operator's own choice wins).
aquatic_direct_memory_option() {
    case " ${AQUATIC_JAVA_OPTS:-} " in
        *" -XX:MaxDirectMemorySize="*) ;;
        *) echo "-XX:MaxDirectMemorySize=${AQUATIC_MAX_DIRECT_MEMORY:-1g}" ;;
    esac
}
