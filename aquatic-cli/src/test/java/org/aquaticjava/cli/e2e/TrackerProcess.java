package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aquaticjava.http.protocol.BencodeException;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.testkit.http.HttpTestClient;

/**
 * The real tracker as an operator runs it: {@code java -jar aquatic.jar udp|http|ws -c FILE} in a
 * child process, with the JDK that runs the test. It listens on 127.0.0.1 and, for UDP and HTTP(S),
 * also on {@code [::1]}, on ports the kernel picks (read back from its log), with a deny-mode
 * access list (initially empty) and a Prometheus endpoint on loopback, and logs to a file. UDP and
 * HTTP(S) clients are asked to announce every {@value #ANNOUNCE_INTERVAL_SECONDS} s (clients that
 * honour the interval then re-announce within a test's time). A TLS tracker (HTTPS, WSS) serves a
 * certificate for 127.0.0.1 and ::1 from a test CA made for it ({@link #pki()}). Overload shedding
 * is off: on a loaded test machine a tracker's loop can run late enough to shed, which would raise
 * the interval and refuse HTTP scrapes that client tests count on (the protocol modules'
 * Overload*IntegrationTest cover shedding).
 *
 * <p>{@link #launch} runs any other command line that starts a tracker with metrics on loopback
 * (the Debian package's {@code /usr/bin/aquatic}, as its system user), on IPv4 only.
 *
 * <p>Not thread-safe, except that {@link #denyAndReload} and the getters may be called from
 * several threads; one thread starts and stops it. {@link #close()} always leaves no process
 * behind.
 */
final class TrackerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  /** The announce interval (and HTTP's min interval) every tracker from {@link #start} sends. */
  static final int ANNOUNCE_INTERVAL_SECONDS = 5;
  /** Netty's buffers as the launcher runs them (scripts/jvm-options.sh): with sun.misc.Unsafe. */
  private static final String UNSAFE_AS_THE_LAUNCHER = "--sun-misc-unsafe-memory-access=allow";
  private static final Pattern METRICS_PORT =
      Pattern.compile("metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics");

  private final TrackerProtocol protocol;
  private final Optional<LoopbackPki> pki;
  private final Process process;
  private final Path log;
  private final Optional<Path> denyList;
  private final int port;
  private final int ipv6Port;
  private final int metricsPort;
  private final URI metrics;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TrackerProcess(
      TrackerProtocol protocol,
      Optional<LoopbackPki> pki,
      Process process,
      Path log,
      Optional<Path> denyList,
      int port,
      int ipv6Port,
      int metricsPort) {
    this.protocol = protocol;
    this.pki = pki;
    this.process = process;
    this.log = log;
    this.denyList = denyList;
    this.port = port;
    this.ipv6Port = ipv6Port;
    this.metricsPort = metricsPort;
    this.metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
  }

  /**
   * Writes a config (and for HTTPS the test PKI) into {@code dir}, starts the {@code protocol}
   * tracker from {@code jar} and waits until it listens.
   *
   * @throws IllegalStateException if it exits or does not listen within 40 s; the message holds
   *     its log
   */
  static TrackerProcess start(Path jar, Path dir, TrackerProtocol protocol)
      throws IOException, InterruptedException {
    return start(jar, dir, protocol, "");
  }

  /**
   * Like {@link #start(Path, Path, TrackerProtocol)}, with further config tables appended (e.g.
   * {@code [persistence]}). Starting again in the same {@code dir} rewrites the config, the empty
   * deny list and the log, and keeps every other file there (a snapshot).
   */
  static TrackerProcess start(Path jar, Path dir, TrackerProtocol protocol, String moreSections)
      throws IOException, InterruptedException {
    return start(List.of(), List.of(), jar, dir, protocol, moreSections);
  }

  /**
   * Like {@link #start(Path, Path, TrackerProtocol, String)}, with the JVM run under {@code
   * wrapper} (e.g. {@code prlimit --nofile=...}) and given {@code jvmOptions} (e.g. a small heap).
   */
  static TrackerProcess start(
      List<String> wrapper,
      List<String> jvmOptions,
      Path jar,
      Path dir,
      TrackerProtocol protocol,
      String moreSections)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the package phase first");
    }
    final Path denyList = Files.writeString(dir.resolve("deny-list.txt"), "");
    final Optional<LoopbackPki> pki =
        protocol.tls() ? Optional.of(LoopbackPki.writeTo(dir)) : Optional.empty();
    final Path config = dir.resolve("tracker.toml");
    Files.writeString(
        config,
        """
        socket_workers = 1
        log_level = "info"
        [network]
        use_ipv4 = true
        use_ipv6 = %s
        address_ipv4 = "127.0.0.1:0"
        address_ipv6 = "[::1]:0"
        %s
        [access_list]
        mode = "deny"
        path = "%s"
        [metrics]
        run_prometheus_endpoint = true
        prometheus_endpoint_address = "127.0.0.1:0"
        [overload]
        enabled = false
        %s
        """
            .formatted(
                protocol.listensOnIpv6(),
                networkSettings(protocol, pki),
                tomlString(denyList),
                moreSections));
    final List<String> command = new ArrayList<>(wrapper);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add(UNSAFE_AS_THE_LAUNCHER);
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), protocol.command(), "-c", config.toString()));
    return launch(
        command,
        dir,
        dir.resolve("tracker.log"),
        protocol,
        protocol.listensOnIpv6(),
        pki,
        Optional.of(denyList));
  }

  /**
   * Starts {@code aquatic all -c config} from {@code jar} in {@code dir} (its working directory,
   * log {@code dir/tracker.log}) and waits until {@code last}, the last protocol it starts,
   * listens.
   */
  static TrackerProcess startAll(Path jar, Path dir, Path config, TrackerProtocol last)
      throws IOException, InterruptedException {
    return startAll(List.of(), jar, dir, config, last);
  }

  /**
   * Like {@link #startAll(Path, Path, Path, TrackerProtocol)}, with the JVM run under {@code
   * wrapper} (e.g. {@code prlimit --nofile=...}).
   */
  static TrackerProcess startAll(
      List<String> wrapper, Path jar, Path dir, Path config, TrackerProtocol last)
      throws IOException, InterruptedException {
    final List<String> command = new ArrayList<>(wrapper);
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            UNSAFE_AS_THE_LAUNCHER,
            "-jar",
            jar.toAbsolutePath().toString(),
            "all",
            "-c",
            config.toString()));
    return launch(command, dir, dir.resolve("tracker.log"), last);
  }

  /**
   * Runs {@code command}, which must start a {@code protocol} tracker listening on 127.0.0.1 with
   * its metrics endpoint on 127.0.0.1, in {@code workDir} with its output in {@code log}, and
   * waits until it listens.
   *
   * @throws IllegalStateException if it exits or does not listen within 40 s; the message holds
   *     its log
   */
  static TrackerProcess launch(
      List<String> command, Path workDir, Path log, TrackerProtocol protocol)
      throws IOException, InterruptedException {
    return launch(command, workDir, log, protocol, false, Optional.empty(), Optional.empty());
  }

  private static TrackerProcess launch(
      List<String> command,
      Path workDir,
      Path log,
      TrackerProtocol protocol,
      boolean ipv6,
      Optional<LoopbackPki> pki,
      Optional<Path> denyList)
      throws IOException, InterruptedException {
    final Process process =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (true) {
        final String text = Files.readString(log);
        final Matcher listening = protocol.listeningLine().matcher(text);
        // A single tracker opens the metrics endpoint before it logs that it listens, aquatic all
        // after its last protocol does.
        final Matcher metrics = METRICS_PORT.matcher(text);
        if (listening.find() && metrics.find()) {
          int ipv6Port = -1;
          if (ipv6) {
            final Matcher ipv6Listening = protocol.listeningLineIpv6().matcher(text);
            if (!ipv6Listening.find()) {
              throw new IllegalStateException("no [::1] listener in the tracker log:\n" + text);
            }
            ipv6Port = Integer.parseInt(ipv6Listening.group(1));
          }
          return new TrackerProcess(
              protocol,
              pki,
              process,
              log,
              denyList,
              Integer.parseInt(listening.group(1)),
              ipv6Port,
              Integer.parseInt(metrics.group(1)));
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "tracker exited with " + process.exitValue() + " before listening:\n" + text);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "tracker not listening after " + START_TIMEOUT.toSeconds() + " s:\n" + text);
        }
        Thread.sleep(100);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * The protocol's own keys of the {@code [network]} table, its sub-tables and its own sections.
   * Clients are asked to announce every {@value #ANNOUNCE_INTERVAL_SECONDS} s: UDP and HTTP(S)
   * clients that honour the interval then re-announce within a test's time, and a WebRTC
   * connection attempt that fails is followed by another one (with fresh offers), as it would be
   * within the default interval in real use.
   */
  private static String networkSettings(TrackerProtocol protocol, Optional<LoopbackPki> pki) {
    final String interval = "[protocol]\npeer_announce_interval = " + ANNOUNCE_INTERVAL_SECONDS;
    if (protocol == TrackerProtocol.UDP) {
      return "socket_recv_buffer_size = 0\n" + interval + "\n";
    }
    final String protocolSection =
        protocol.webTorrent()
            ? interval + "\n"
            : interval + "\nmin_announce_interval = " + ANNOUNCE_INTERVAL_SECONDS + "\n";
    return protocolSection + pki.map(
            files ->
                """
                [network.tls]
                enable_tls = true
                tls_certificate_path = "%s"
                tls_private_key_path = "%s"
                """
                    .formatted(
                        tomlString(files.certificateChain()), tomlString(files.privateKey())))
        .orElse("");
  }

  static String tomlString(Path path) {
    return path.toString().replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** {@code udp://}, {@code http://} or {@code https://127.0.0.1:PORT/announce}. */
  String announceUrl() {
    return protocol.announceUrl(port);
  }

  /** {@code udp://}, {@code http://} or {@code https://[::1]:PORT/announce} (UDP and HTTP(S)). */
  String announceUrlIpv6() {
    if (!protocol.listensOnIpv6()) {
      throw new IllegalStateException(protocol + " tracker does not listen on [::1]");
    }
    return protocol.announceUrl("[::1]", ipv6Port);
  }

  TrackerProtocol protocol() {
    return protocol;
  }

  /** The port the tracker listens on, on [::1]; -1 for the WebTorrent tracker. */
  int ipv6Port() {
    return ipv6Port;
  }

  /** The port the tracker listens on, on 127.0.0.1. */
  int port() {
    return port;
  }

  /**
   * The 127.0.0.1 port of {@code other}'s listener, from the log: {@code aquatic all} runs several
   * protocols, {@link #port()} is the one it was launched as.
   */
  int port(TrackerProtocol other) {
    final Matcher listening = other.listeningLine().matcher(logText());
    if (!listening.find()) {
      throw new IllegalStateException("no " + other + " listener in the tracker log:\n" + logText());
    }
    return Integer.parseInt(listening.group(1));
  }

  /** For an HTTPS tracker, its test CA and certificate files. */
  Optional<LoopbackPki> pki() {
    return pki;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** The deny-mode access list of a tracker from {@link #start}. */
  Path denyList() {
    return denyList.orElseThrow(() -> new IllegalStateException("tracker has no deny list"));
  }

  /** {@code 127.0.0.1:PORT} of the metrics endpoint, as a Prometheus target. */
  String metricsTarget() {
    return "127.0.0.1:" + metricsPort;
  }

  /**
   * Appends {@code infoHash} (40 hex) to the deny list, signals the tracker to reload it (SIGUSR1)
   * and waits, at most 10 s, until its metrics show the list in force with every entry.
   *
   * @throws IllegalStateException if the tracker does not show the new list in time
   */
  synchronized void denyAndReload(String infoHash) throws IOException, InterruptedException {
    final Path denyList = denyList();
    Files.writeString(denyList, infoHash + "\n", StandardOpenOption.APPEND);
    final long entries = Files.readAllLines(denyList).stream().filter(l -> !l.isBlank()).count();
    // bash's built-in kill: /usr/bin/kill (procps) may be missing on a fresh machine
    final Process kill = new ProcessBuilder("bash", "-c", "kill -USR1 " + pid()).start();
    if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      kill.destroyForcibly();
      throw new IllegalStateException("kill -USR1 " + pid() + " failed");
    }
    final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (metrics().sum("aquatic_access_list_entries", Map.of()) < entries) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "tracker did not reload " + denyList + " with " + entries + " entries:\n" + logText());
      }
      Thread.sleep(100);
    }
  }

  /** Seeders and leechers of one torrent as the tracker counts them (one address family). */
  record SwarmCounts(long seeders, long leechers) {}

  /**
   * Scrapes {@code infoHash} over the tracker's own protocol, from IPv4 or {@code [::1]} (the
   * tracker keeps the two swarms apart). UDP and HTTP(S) trackers only.
   */
  SwarmCounts scrape(byte[] infoHash, boolean ipv6) throws IOException, InterruptedException {
    final InetSocketAddress address =
        ipv6
            ? new InetSocketAddress(InetAddress.getByName("::1"), ipv6Port)
            : new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
    return scrape(protocol, address, infoHash);
  }

  /**
   * Scrapes {@code infoHash} from IPv4 over {@code over}, one of the protocols an {@code aquatic
   * all} serves (its port from the log, {@link #port(TrackerProtocol)}).
   */
  SwarmCounts scrape(TrackerProtocol over, byte[] infoHash) throws IOException, InterruptedException {
    return scrape(over, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port(over)), infoHash);
  }

  private SwarmCounts scrape(TrackerProtocol protocol, InetSocketAddress address, byte[] infoHash)
      throws IOException, InterruptedException {
    if (protocol == TrackerProtocol.UDP) {
      try (UdpTestClient udp = UdpTestClient.open(address)) {
        final UdpTestClient.ScrapeStats stats = udp.scrape(infoHash).getFirst();
        return new SwarmCounts(stats.seeders(), stats.leechers());
      }
    }
    if (protocol.webTorrent()) {
      throw new IllegalStateException("no scrape for the WebTorrent tracker");
    }
    try (HttpTestClient client =
        pki.isPresent()
            ? HttpTestClient.https(address, pki.get().clientContext())
            : HttpTestClient.http(address)) {
      final BencodeValue.Dict files;
      try {
        files = client.scrape(List.of(infoHash)).dict().dict("files");
      } catch (BencodeException e) {
        throw new IOException("scrape answer without files", e);
      }
      if (!(files.get(new String(infoHash, StandardCharsets.ISO_8859_1))
          instanceof BencodeValue.Dict entry)) {
        return new SwarmCounts(0, 0);
      }
      try {
        return new SwarmCounts(entry.integer("complete"), entry.integer("incomplete"));
      } catch (BencodeException e) {
        throw new IOException("scrape entry without counts: " + entry, e);
      }
    }
  }

  /** The whole log so far, or why it cannot be read. */
  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** One scrape of the metrics endpoint. */
  PrometheusText metrics() throws IOException, InterruptedException {
    final HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(metrics + " answered " + response.statusCode());
    }
    return PrometheusText.parse(response.body());
  }

  /**
   * Stops the tracker as an operator does, with SIGTERM, and returns its exit status; a tracker
   * that does not exit within 15 s is killed and reported as -1.
   */
  int stop() throws InterruptedException {
    process.destroy(); // SIGTERM
    if (process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return -1;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit status of a tracker that ends by itself within {@code wait}; -1 if it does not. */
  int waitForExit(Duration wait) throws InterruptedException {
    return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** Kills the tracker with SIGKILL, as a crash would, and returns its exit status. */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    return process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /** Kills the tracker if it still runs (a test that failed before {@link #stop()}). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    http.close();
  }
}
