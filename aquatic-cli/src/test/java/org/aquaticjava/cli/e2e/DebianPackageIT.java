package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package on this machine, as an operator gets it: {@code scripts/build-deb.sh} builds
 * it from the checkout's jars; its metadata and contents are checked with {@code dpkg-deb -I/-c}
 * and {@code lintian}; {@code apt-get install ./aquatic-java_*.deb} installs it; its systemd units
 * pass {@code systemd-analyze verify} (no running systemd needed); each protocol's tracker runs
 * from {@code /usr/bin/aquatic <protocol> -c /etc/aquatic/<protocol>.toml} as the package's
 * system user, after the operator's edit of that conffile (loopback, metrics on), and answers
 * announces from the packaged load tester; {@code aquatic all -c /etc/aquatic/all.toml} likewise
 * when the jar has that command (the package then carries all.toml). An upgrade to a rebuilt
 * package keeps the edited conffiles; remove keeps them, purge removes them and the state.
 *
 * <p>Needs root, apt-get and the tools of {@code scripts/install-ops-deps.sh}; without them it is
 * skipped, and under {@code CI=true} it fails. It refuses to run where aquatic-java is already
 * installed (it would purge the operator's package).
 */
@Timeout(value = 15, unit = java.util.concurrent.TimeUnit.MINUTES)
class DebianPackageIT {
  private static final Path ROOT = Path.of(System.getProperty("aquatic.e2e.root", "..")).toAbsolutePath().normalize();
  private static final Path JAR = Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar")).toAbsolutePath();
  private static final Path LOAD_TEST_JAR =
      Path.of(System.getProperty("aquatic.e2e.loadTestJar", "../aquatic-load-tester/target/aquatic-load-test.jar")).toAbsolutePath();
  private static final Path WORK = Path.of(System.getProperty("aquatic.e2e.debWork", "target/deb")).toAbsolutePath();
  private static final Duration BUILD = Duration.ofMinutes(10);
  private static final Duration APT = Duration.ofMinutes(5);
  private static final Duration QUICK = Duration.ofMinutes(1);
  private static final Map<String, String> NONINTERACTIVE = Map.of("DEBIAN_FRONTEND", "noninteractive");
  private static final String PACKAGE = "aquatic-java";
  private static final Path ETC = Path.of("/etc/aquatic");
  private static final Path STATE = Path.of("/var/lib/aquatic");
  private static final Path UNITS = Path.of("/lib/systemd/system");
  private static final List<String> PROTOCOLS = List.of("udp", "http", "ws");
  private static final Pattern DEB_PATH = Pattern.compile("(?m)^(/\\S+\\.deb)$");

  @TempDir Path dir;
  private final List<TrackerProcess> trackers = new ArrayList<>();

  @BeforeEach
  void requireTools() throws IOException, InterruptedException {
    RequiredTools.requireRoot();
    RequiredTools.requireOnPath("apt-get", "dpkg-deb", "dpkg-query", "lintian", "systemd-analyze", "setpriv", "strip", "unzip");
    assertThat(installedVersion())
        .as("%s is already installed here; this test installs and purges it, remove it first", PACKAGE)
        .isEmpty();
  }

  @AfterEach
  void purge() throws IOException, InterruptedException {
    trackers.forEach(TrackerProcess::close);
    if (!installedVersion().isEmpty()) {
      CommandRun.run(APT, NONINTERACTIVE, List.of("apt-get", "purge", "-y", PACKAGE));
    }
  }

  @Test
  void installsRunsAsItsUserUpgradesKeepingEditsAndPurges() throws Exception {
    final Path first = build(null);
    final String version = field(CommandRun.ok(QUICK, "dpkg-deb", "-f", first.toString(), "Version"));
    checkMetadataAndContents(first, version);
    checkLintian(first);

    apt("install", first.toString());
    assertThat(installedVersion()).isEqualTo(version);
    checkInstalled();
    checkUnitsVerify();

    final List<String> commands = new ArrayList<>(PROTOCOLS);
    if (Files.exists(ETC.resolve("all.toml"))) {
      commands.add("all");
    } else {
      System.out.println("DebianPackageIT: this jar has no 'aquatic all' (no all.toml), so only aquatic@<protocol> runs");
    }
    for (String command : commands) {
      editForLoopback(ETC.resolve(command + ".toml"));
    }
    for (String protocol : PROTOCOLS) {
      runAndAnnounce(protocol);
    }
    if (commands.contains("all")) {
      runAllAndAnnounce();
    }

    // Upgrade to a rebuilt package (same runtime, newer version): the operator's edits stay.
    final String editedUdp = Files.readString(ETC.resolve("udp.toml"));
    final Path second = build(version + "+rebuild");
    apt("install", second.toString());
    assertThat(installedVersion()).isEqualTo(version + "+rebuild");
    assertThat(Files.readString(ETC.resolve("udp.toml"))).as("edited conffile after the upgrade").isEqualTo(editedUdp);
    runAndAnnounce("udp");

    apt("remove", PACKAGE);
    assertThat(Path.of("/usr/bin/aquatic")).doesNotExist();
    assertThat(ETC.resolve("udp.toml")).as("conffiles stay on remove").exists();
    apt("purge", PACKAGE);
    assertThat(installedVersion()).isEmpty();
    assertThat(ETC).as("conffiles go on purge").doesNotExist();
    assertThat(STATE).as("state goes on purge").doesNotExist();
    assertThat(CommandRun.run(QUICK, "getent", "passwd", "aquatic").exitCode()).as("the system user stays (Debian practice)").isZero();
  }

  /** Builds the package into {@code dir}, reusing the jlink runtime of an earlier build. */
  private Path build(String version) throws IOException, InterruptedException {
    final List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/build-deb.sh").toString(),
        "--jar", JAR.toString(), "--load-test-jar", LOAD_TEST_JAR.toString(), "--out", dir.toString(), "--work", WORK.toString()));
    if (version != null) {
      command.addAll(List.of("--version", version));
    }
    final CommandRun run = CommandRun.run(BUILD,
        Map.of("JAVA_HOME", System.getProperty("java.home")), command);
    final String output = run.requireSuccess();
    final Matcher deb = DEB_PATH.matcher(output);
    assertThat(deb.find()).as("path of the .deb in:\n%s", output).isTrue();
    final Path path = Path.of(deb.group(1));
    assertThat(path.getFileName().toString()).matches("aquatic-java_[0-9][^_]*_amd64\\.deb");
    return path;
  }

  private static void checkMetadataAndContents(Path deb, String version) throws IOException, InterruptedException {
    final String info = CommandRun.ok(QUICK, "dpkg-deb", "-I", deb.toString());
    assertThat(info)
        .contains("Package: aquatic-java", "Architecture: amd64", "Version: " + version)
        .contains("postinst", "prerm", "postrm", "conffiles");
    final String depends = field(CommandRun.ok(QUICK, "dpkg-deb", "-f", deb.toString(), "Depends"));
    assertThat(depends).as("the package brings its own Java").doesNotContainIgnoringCase("java").doesNotContain("jdk", "jre");
    final Path control = Files.createDirectories(deb.resolveSibling("control-" + version));
    CommandRun.ok(QUICK, "dpkg-deb", "-e", deb.toString(), control.toString());
    assertThat(Files.readAllLines(control.resolve("conffiles")))
        .contains("/etc/aquatic/udp.toml", "/etc/aquatic/http.toml", "/etc/aquatic/ws.toml");
    final String contents = CommandRun.ok(QUICK, "dpkg-deb", "-c", deb.toString());
    assertThat(contents)
        .contains(
            "./usr/bin/aquatic\n",
            "./usr/bin/aquatic-load-test\n",
            "./usr/lib/aquatic-java/aquatic.jar\n",
            "./usr/lib/aquatic-java/aquatic-load-test.jar\n",
            "./usr/lib/aquatic-java/runtime/bin/java\n",
            "./lib/systemd/system/aquatic.service\n",
            "./lib/systemd/system/aquatic@.service\n",
            "./usr/lib/sysctl.d/60-aquatic-java.conf\n",
            "./usr/share/man/man1/aquatic.1.gz\n",
            "./usr/share/doc/aquatic-java/examples/aquatic-dashboard.json\n",
            "./etc/aquatic/udp.toml\n",
            "./var/lib/aquatic/\n")
        .as("a trimmed runtime: no compiler, no jmods")
        .doesNotContain("runtime/bin/javac", "runtime/jmods");
  }

  /** Lintian with the package's own overrides: no error and no warning. */
  private static void checkLintian(Path deb) throws IOException, InterruptedException {
    final CommandRun lintian = CommandRun.run(Duration.ofMinutes(5), "lintian", deb.toString());
    assertThat(lintian.output().lines().filter(line -> line.startsWith("E:") || line.startsWith("W:")))
        .as("lintian errors and warnings:\n%s", lintian.output())
        .isEmpty();
    assertThat(lintian.exitCode()).as("lintian exit status:\n%s", lintian.output()).isZero();
  }

  private void checkInstalled() throws IOException, InterruptedException {
    final String[] user = CommandRun.ok(QUICK, "getent", "passwd", "aquatic").strip().split(":");
    assertThat(user[5]).as("home of the aquatic user").isEqualTo(STATE.toString());
    assertThat(user[6]).as("shell of the aquatic user").endsWith("nologin");
    final PosixFileAttributes state = Files.readAttributes(STATE, PosixFileAttributes.class);
    assertThat(state.owner().getName()).isEqualTo("aquatic");
    try (var wants = Files.list(Path.of("/etc/systemd/system")).filter(p -> p.getFileName().toString().endsWith(".wants"))) {
      for (Path target : wants.toList()) {
        try (var links = Files.list(target)) {
          assertThat(links.map(p -> p.getFileName().toString()))
              .as("no unit enabled on install (%s)", target)
              .noneMatch(name -> name.startsWith("aquatic"));
        }
      }
    }
    for (String protocol : PROTOCOLS) {
      assertThat(ETC.resolve(protocol + ".toml"))
          .as("the conffile is the commented default config")
          .hasContent(CommandRun.ok(QUICK, "/usr/bin/aquatic", protocol, "-p"));
    }
    assertThat(CommandRun.ok(QUICK, "/usr/bin/aquatic", "-v")).contains("aquatic-java");
    assertThat(CommandRun.ok(QUICK, "/usr/bin/aquatic-load-test", "-h")).contains("Usage: aquatic-load-test");
    assertThat(gunzip(Path.of("/usr/share/man/man1/aquatic.1.gz")))
        .as("the manual page holds every command's help")
        .contains(".TH AQUATIC 1", "aquatic udp -h:", "aquatic http -h:", "aquatic ws -h:");
  }

  /** The units as installed, verified offline; their hardening and limits as documented. */
  private static void checkUnitsVerify() throws IOException, InterruptedException {
    final CommandRun verify = CommandRun.run(QUICK, "systemd-analyze", "verify",
        UNITS.resolve("aquatic.service").toString(), UNITS.resolve("aquatic@udp.service").toString());
    assertThat(verify.exitCode()).as("systemd-analyze verify:\n%s", verify.output()).isZero();
    assertThat(verify.output()).as("systemd-analyze verify complaints").isBlank();
    final String template = Files.readString(UNITS.resolve("aquatic@.service"));
    final String all = Files.readString(UNITS.resolve("aquatic.service"));
    assertThat(template).contains("ExecStart=/usr/bin/aquatic %i -c /etc/aquatic/%i.toml");
    assertThat(all).contains("ExecStart=/usr/bin/aquatic all -c /etc/aquatic/all.toml");
    for (String unit : List.of(template, all)) {
      assertThat(unit)
          .contains("User=aquatic", "Restart=on-failure", "ExecReload=/bin/kill -USR1 $MAINPID", "LimitNOFILE=131072",
              "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
              "StateDirectory=aquatic", "AmbientCapabilities=CAP_NET_BIND_SERVICE\n",
              "CapabilityBoundingSet=CAP_NET_BIND_SERVICE\n");
    }
  }

  /**
   * The operator's edit: listen on IPv4 loopback only, a kernel-chosen port, one worker, metrics
   * on on loopback, the stats page (where on) on a kernel-chosen loopback port. Key by key wherever they are in the file, so it fits every command's layout.
   */
  private static void editForLoopback(Path config) throws IOException {
    final String edited = Files.readString(config)
        .replaceAll("(?m)^socket_workers = .*$", "socket_workers = 1")
        .replaceAll("(?m)^use_ipv6 = .*$", "use_ipv6 = false")
        .replaceAll("(?m)^address_ipv4 = .*$", "address_ipv4 = \"127.0.0.1:0\"")
        .replaceAll("(?m)^run_prometheus_endpoint = .*$", "run_prometheus_endpoint = true")
        .replaceAll("(?m)^prometheus_endpoint_address = .*$", "prometheus_endpoint_address = \"127.0.0.1:0\"")
        // [stats] address (on by default in all.toml): a kernel-chosen port too.
        .replaceAll("(?m)^address = .*$", "address = \"127.0.0.1:0\"");
    assertThat(edited).as("edited %s", config)
        .contains("address_ipv4 = \"127.0.0.1:0\"", "use_ipv6 = false", "run_prometheus_endpoint = true");
    Files.writeString(config, edited);
  }

  /** {@code /usr/bin/aquatic COMMAND -c /etc/aquatic/COMMAND.toml} as the user aquatic. */
  private TrackerProcess startAsPackageUser(String command, TrackerProtocol protocol) throws IOException, InterruptedException {
    final TrackerProcess tracker = TrackerProcess.launch(
        List.of("setpriv", "--reuid=aquatic", "--regid=aquatic", "--init-groups", "--",
            "/usr/bin/aquatic", command, "-c", ETC.resolve(command + ".toml").toString()),
        STATE, dir.resolve(command + ".log"), protocol);
    trackers.add(tracker);
    final String uid = CommandRun.ok(QUICK, "id", "-u", "aquatic").strip();
    assertThat(Files.readAllLines(Path.of("/proc/" + tracker.pid() + "/status")))
        .as("the tracker runs as the user aquatic")
        .anyMatch(line -> line.matches("Uid:\\s+" + uid + "\\s+" + uid + "\\s.*"));
    return tracker;
  }

  private void runAndAnnounce(String protocol) throws IOException, InterruptedException {
    final TrackerProtocol trackerProtocol = TrackerProtocol.valueOf(protocol.toUpperCase(java.util.Locale.ROOT));
    final TrackerProcess tracker = startAsPackageUser(protocol, trackerProtocol);
    LoadTestRun.run(List.of("/usr/bin/aquatic-load-test"), dir, protocol, tracker.port(), false, 2);
    assertThat(tracker.metrics().sum("aquatic_responses_total", Map.of("type", "announce")))
        .as("announce responses the %s tracker counted", protocol).isPositive();
    assertThat(tracker.logText())
        .as("/usr/bin/aquatic caps direct memory at AQUATIC_MAX_DIRECT_MEMORY's default")
        .contains("direct memory (socket buffers): at most 1024 MiB");
    // What ExecReload does: the tracker reloads and keeps running.
    CommandRun.ok(QUICK, "kill", "-USR1", Long.toString(tracker.pid()));
    Thread.sleep(300);
    assertThat(tracker.stop()).as("exit status after SIGTERM; log:\n%s", tracker.logText()).isZero();
  }

  private void runAllAndAnnounce() throws IOException, InterruptedException {
    final TrackerProcess tracker = startAsPackageUser("all", TrackerProtocol.UDP);
    for (TrackerProtocol protocol : List.of(TrackerProtocol.UDP, TrackerProtocol.HTTP, TrackerProtocol.WS)) {
      final Matcher listening = protocol.listeningLine().matcher(awaitLog(tracker, protocol.listeningLine()));
      assertThat(listening.find()).isTrue();
      LoadTestRun.run(List.of("/usr/bin/aquatic-load-test"), dir, protocol.command(),
          Integer.parseInt(listening.group(1)), false, 2);
    }
    assertThat(tracker.stop()).as("exit status after SIGTERM; log:\n%s", tracker.logText()).isZero();
    // Warm restart is on in all.toml's defaults: the last snapshot is in the state directory.
    assertThat(STATE.resolve("aquatic-swarms.snapshot")).isRegularFile();
    assertThat(tracker.logText()).as("no failed snapshot").doesNotContain("persistence: snapshot to");
  }

  private static String awaitLog(TrackerProcess tracker, Pattern pattern) throws InterruptedException {
    final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String text = tracker.logText();
    while (!pattern.matcher(text).find() && System.nanoTime() - deadline < 0) {
      Thread.sleep(100);
      text = tracker.logText();
    }
    return text;
  }

  private static void apt(String action, String what) throws IOException, InterruptedException {
    CommandRun.run(APT, NONINTERACTIVE, List.of("apt-get", action, "-y", "--no-install-recommends", what)).requireSuccess();
  }

  /** The installed version, or "" when the package is not installed (or only its conffiles are). */
  private static String installedVersion() throws IOException, InterruptedException {
    final CommandRun query = CommandRun.run(QUICK, "dpkg-query", "-W", "-f", "${db:Status-Abbrev} ${Version}", PACKAGE);
    if (query.exitCode() != 0 || !query.output().startsWith("ii")) {
      return query.output().startsWith("rc") ? "(conffiles only)" : "";
    }
    return query.output().substring(2).strip();
  }

  private static String field(String output) {
    return output.strip();
  }

  private static String gunzip(Path file) throws IOException {
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
