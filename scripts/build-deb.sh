#!/usr/bin/env bash
# Builds the Debian package aquatic-java_VERSION_amd64.deb from this checkout, with the JDK's own
# tools and dpkg-deb only (no debhelper, no Debian Java: Debian 12 has no Java 25):
#   /usr/lib/aquatic-java/runtime/      a Java runtime trimmed by jlink to the modules the jars
#                                       need (jdeps), plus jdk.crypto.ec, stripped (strip from
#                                       binutils), with a CDS archive
#   /usr/lib/aquatic-java/*.jar         aquatic.jar and aquatic-load-test.jar
#   /usr/lib/aquatic-java/direct-memory.sh   the direct-memory cap /usr/bin/aquatic applies
#   /usr/bin/aquatic, /usr/bin/aquatic-load-test   launchers (ops/debian/*.in) with the JVM options
#                                       of scripts/jvm-options.sh, on the bundled runtime
#   /etc/aquatic/COMMAND.toml           conffiles: "aquatic COMMAND -p" for every command the jar
#                                       lists in "aquatic -h" (udp, http, ws; all once it exists)
#   /lib/systemd/system/aquatic.service, aquatic@.service   from ops/debian/tracker.service.in
#   /usr/lib/sysctl.d/60-aquatic-java.conf                  raises net.core.rmem_max
#   /usr/share/man/man1/aquatic.1.gz, aquatic-load-test.1.gz   the commands' help text
#   /usr/share/doc/aquatic-java/        README, copyright, changelog, the Grafana dashboard and the
#                                       Prometheus rules of ops/
# Maintainer scripts (ops/debian/postinst, prerm, postrm) create the system user "aquatic" and
# /var/lib/aquatic; no unit is enabled or started on install.
#
# Usage: scripts/build-deb.sh [--version DEBIAN_VERSION] [--out DIR] [--work DIR]
#                             [--jar FILE] [--load-test-jar FILE]
#   --version        Debian version (default: the Maven version, "-SNAPSHOT" as "~SNAPSHOT")
#   --out            where the .deb goes (default: target/ in the checkout); its path is printed
#   --work           scratch directory (default: target/deb in the checkout); the jlink runtime is
#                    kept there and reused while the JDK, the module list and the options match
#   --jar, --load-test-jar   the shaded jars to package (default: build them with Maven if they
#                    are missing or older than the sources, as ./aquatic does)
# Environment: JAVA_HOME / AQUATIC_JVM_DIR pick the JDK as for ./aquatic (scripts/find-jdk.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
. "$root/scripts/find-jdk.sh"
# shellcheck source=scripts/jvm-options.sh
. "$root/scripts/jvm-options.sh"
java_home=$(aquatic_find_jdk build-deb) || exit 1

version=""
out=$root/target
work=$root/target/deb
jar=""
load_test_jar=""
while [ $# -gt 0 ]; do
    case "$1" in
        --version) version=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --jar) jar=$2; shift 2 ;;
        --load-test-jar) load_test_jar=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "build-deb: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

log() { echo "build-deb: $*" >&2; }

if [ -z "$jar" ] || [ -z "$load_test_jar" ]; then
    jar=${jar:-$root/aquatic-cli/target/aquatic.jar}
    load_test_jar=${load_test_jar:-$root/aquatic-load-tester/target/aquatic-load-test.jar}
    if [ ! -f "$jar" ] || [ ! -f "$load_test_jar" ] || [ -n "$(find "$root"/pom.xml \
            "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
        log "building the jars with $java_home"
        (cd "$root" && JAVA_HOME=$java_home ./mvnw -B -q -ntp package -DskipTests \
            -pl aquatic-cli,aquatic-load-tester -am) >&2
        touch "$jar"
    fi
fi
for file in "$jar" "$load_test_jar"; do
    [ -f "$file" ] || { log "$file is missing"; exit 1; }
done

if [ -z "$version" ]; then
    maven_version=$(unzip -p "$jar" org/aquaticjava/netty/version.properties | sed -n 's/^version=//p')
    [ -n "$maven_version" ] || { log "no version in $jar"; exit 1; }
    version=${maven_version//-/\~}
fi
case "$version" in
    [0-9]*) ;;
    *) log "Debian version must start with a digit: $version"; exit 2 ;;
esac

# --- the trimmed runtime, reused while JDK, modules and jlink options are the same -------------
modules=$("$java_home/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps \
    "$jar" "$load_test_jar")
# jdk.crypto.ec: TLS with EC keys for providers that still look the module up by name.
modules="$modules,jdk.crypto.ec"
# The CDS archive speeds up start-up. Native code is stripped afterwards as Debian strips it
# (strip from binutils): jlink's --strip-native-debug-symbols keeps the symbol tables.
jlink_options=(--strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6
    --generate-cds-archive)
runtime=$work/runtime
stamp="$(cat "$java_home/release") modules=$modules options=${jlink_options[*]}"
if [ -f "$work/runtime.stamp" ] && [ "$(cat "$work/runtime.stamp")" = "$stamp" ] \
        && [ -x "$runtime/bin/java" ]; then
    log "reusing the runtime in $runtime ($modules)"
else
    log "jlink: $modules"
    rm -rf "$runtime" "$work/runtime.stamp"
    mkdir -p "$work"
    "$java_home/bin/jlink" --add-modules "$modules" "${jlink_options[@]}" --output "$runtime"
    find "$runtime" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c \
        'for f; do [ "$(head -c 4 "$f")" = "$(printf "\177ELF")" ] || continue
             chmod u+w "$f"
             strip --strip-unneeded --remove-section=.comment --remove-section=.note "$f"
         done' strip {} +
    printf '%s' "$stamp" > "$work/runtime.stamp"
fi

# --- the package tree ---------------------------------------------------------------------------
pkg=$work/root
rm -rf "$pkg"
lib=$pkg/usr/lib/aquatic-java
doc=$pkg/usr/share/doc/aquatic-java
mkdir -p "$lib" "$pkg/usr/bin" "$pkg/etc/aquatic" "$pkg/lib/systemd/system" \
    "$pkg/usr/lib/sysctl.d" "$pkg/usr/share/man/man1" "$doc/examples" \
    "$pkg/usr/share/lintian/overrides" "$pkg/var/lib/aquatic" "$pkg/DEBIAN"
cp -a "$runtime" "$lib/runtime"
chmod -R u+w,go+rX "$lib/runtime"    # jlink leaves the legal notices read-only (0444)
install -m 0644 "$jar" "$lib/aquatic.jar"
install -m 0644 "$load_test_jar" "$lib/aquatic-load-test.jar"
install -m 0644 "$root/scripts/direct-memory.sh" "$lib/direct-memory.sh"

debian=$root/ops/debian
render_launcher() { # template, JVM options, destination
    sed "s|@JVM_OPTIONS@|$2|" "$1" > "$3"
    chmod 0755 "$3"
}
render_launcher "$debian/aquatic.in" "$AQUATIC_JVM_OPTIONS" "$pkg/usr/bin/aquatic"
render_launcher "$debian/aquatic-load-test.in" "$AQUATIC_LOAD_TEST_JVM_OPTIONS" \
    "$pkg/usr/bin/aquatic-load-test"

# Runs the packaged jar on the packaged runtime, as /usr/bin/aquatic will.
# shellcheck disable=SC2086  # the options are several words on purpose
packaged() { "$runtime/bin/java" $AQUATIC_JVM_OPTIONS -jar "$lib/aquatic.jar" "$@"; }
# shellcheck disable=SC2086
packaged_load_test() { "$runtime/bin/java" $AQUATIC_LOAD_TEST_JVM_OPTIONS -jar "$lib/aquatic-load-test.jar" "$@"; }

# Commands are the indented words after "Commands:" in the help text.
commands=$(packaged -h | sed -n '/^Commands:/,$s/^  \([a-z][a-z0-9-]*\) .*/\1/p')
[ -n "$commands" ] || { log "no commands in 'aquatic -h'"; exit 1; }
for command in $commands; do
    packaged "$command" -p > "$pkg/etc/aquatic/$command.toml"
    chmod 0644 "$pkg/etc/aquatic/$command.toml"
done
log "configs: $(echo $commands)"
(cd "$pkg" && find etc -type f | sort | sed 's|^|/|') > "$pkg/DEBIAN/conffiles"

render_unit() { # unit file name, what it serves, command, header
    sed -e '/^#%/d' -e "s|@WHAT@|$2|" -e "s|@COMMAND@|$3|g" -e "s|@UNIT@|${1%.service}|" \
        -e "s|@HEADER@|$4|" "$debian/tracker.service.in" > "$pkg/lib/systemd/system/$1"
    chmod 0644 "$pkg/lib/systemd/system/$1"
}
render_unit aquatic.service "all protocols" all \
"# Every protocol of the aquatic-java tracker in one process (\"aquatic all\"), configured by\\
# /etc/aquatic/all.toml. Not enabled on install: edit the config, then\\
#   systemctl enable --now aquatic"
render_unit aquatic@.service "%i" "%i" \
"# One protocol of the aquatic-java tracker per instance: aquatic@udp, aquatic@http, aquatic@ws,\\
# each configured by /etc/aquatic/<protocol>.toml. Not enabled on install: edit the config, then\\
#   systemctl enable --now aquatic@udp\\
# Two instances need different ports: the HTTP and WebTorrent trackers both default to TCP 3000,\\
# and every metrics endpoint to 9000 (UDP 3000 and TCP 3000 do not collide)."

install -m 0644 "$debian/60-aquatic-java.conf" "$pkg/usr/lib/sysctl.d/60-aquatic-java.conf"
for script in postinst prerm postrm; do
    install -m 0755 "$debian/$script" "$pkg/DEBIAN/$script"
done

# Manual pages: the commands' own help, so they match "aquatic -h" (and the README) exactly.
manpage() { # name, summary, help text
    local date
    date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}" +%Y-%m-%d)
    {
        echo ".TH ${1^^} 1 \"$date\" \"aquatic-java $version\" \"User Commands\""
        echo ".SH NAME"
        echo "$1 \\- $2"
        echo ".SH DESCRIPTION"
        echo ".nf"
        sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/" <<< "$3"
        echo ".fi"
        echo ".SH FILES"
        echo "/etc/aquatic/*.toml, /lib/systemd/system/aquatic.service, aquatic@.service"
        echo ".SH SEE ALSO"
        echo "/usr/share/doc/aquatic-java/README.md"
    } | gzip -9n > "$pkg/usr/share/man/man1/$1.1.gz"
}
aquatic_help=$(packaged -h)
for command in $commands; do
    aquatic_help+=$'\n\n'"aquatic $command -h:"$'\n'$(packaged "$command" -h)
done
manpage aquatic "high-performance open BitTorrent tracker (UDP, HTTP, WebTorrent)" "$aquatic_help"
load_test_help=$(packaged_load_test -h)
for command in udp http ws; do
    load_test_help+=$'\n\n'"aquatic-load-test $command -h:"$'\n'$(packaged_load_test "$command" -h)
done
manpage aquatic-load-test "load tester for BitTorrent trackers on loopback" "$load_test_help"

install -m 0644 "$root/README.md" "$doc/README.md"
install -m 0644 "$debian/copyright" "$doc/copyright"
install -m 0644 "$root/ops/grafana/aquatic-dashboard.json" "$doc/examples/aquatic-dashboard.json"
install -m 0644 "$root/ops/prometheus/aquatic-rules.yml" "$doc/examples/aquatic-rules.yml"
install -m 0644 "$root/ops/prometheus/prometheus-scrape.yml" "$doc/examples/prometheus-scrape.yml"
{
    echo "aquatic-java ($version) unstable; urgency=medium"
    echo
    echo "  * Built by scripts/build-deb.sh from commit" \
        "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)."
    echo
    echo " -- aquatic-java developers <aquatic-java@localhost.invalid>  $(date -u -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")"
} | gzip -9n > "$doc/changelog.gz"    # a native package: changelog, not changelog.Debian
install -m 0644 "$debian/lintian-overrides" "$pkg/usr/share/lintian/overrides/aquatic-java"

installed_size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@INSTALLED_SIZE@|$installed_size|" "$debian/control.in" \
    > "$pkg/DEBIAN/control"
(cd "$pkg" && find . -path ./DEBIAN -prune -o -type f -print0 | sort -z \
    | xargs -0 md5sum | sed 's|  \./|  |') > "$pkg/DEBIAN/md5sums"

mkdir -p "$out"
deb=$out/aquatic-java_${version}_amd64.deb
dpkg-deb --root-owner-group -Zgzip -z6 --build "$pkg" "$deb" >&2
log "built $deb"
echo "$deb"
