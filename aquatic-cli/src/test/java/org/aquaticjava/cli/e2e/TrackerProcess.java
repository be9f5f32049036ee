package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real tracker as an operator runs it: {@code java -jar aquatic.jar udp|ws -c FILE} in a child
 * process, with the JDK that runs the test. It listens on IPv4 loopback only, on a port the kernel
 * picks (read back from its log), with a deny-mode access list (initially empty) and a Prometheus
 * endpoint on loopback, and logs to a file.
 *
 * <p>Not thread-safe: one test thread starts, queries and stops it. {@link #close()} always leaves
 * no process behind.
 */
final class TrackerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final int WS_ANNOUNCE_INTERVAL_SECONDS = 5;
  // Tolerates "http://127.0.0.1:P" as well as "http:///127.0.0.1:P" (an InetSocketAddress's "/").
  private static final Pattern METRICS_PORT =
      Pattern.compile("metrics: http:/+127\\.0\\.0\\.1:(\\d+)/metrics");

  private final Process process;
  private final Path log;
  private final Path denyList;
  private final Protocol protocol;
  private final int port;
  private final URI metrics;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The tracker program and scheme under test. */
  enum Protocol {
    /** {@code aquatic udp}. */
    UDP("udp", "UDP tracker listening on /127\\.0\\.0\\.1:(\\d+) ", "udp://127.0.0.1:%d/announce"),
    /** {@code aquatic ws} without TLS. */
    WS("ws", "WebTorrent tracker listening on ws://127\\.0\\.0\\.1:(\\d+) ", "ws://127.0.0.1:%d"),
    /** {@code aquatic ws} with TLS ({@code [network.tls]}). */
    WSS(
        "ws",
        "WebTorrent tracker listening on wss://127\\.0\\.0\\.1:(\\d+) ",
        "wss://127.0.0.1:%d");

    private final String command;
    private final Pattern listening;
    private final String announceUrl;

    Protocol(String command, String listening, String announceUrl) {
      this.command = command;
      this.listening = Pattern.compile(listening);
      this.announceUrl = announceUrl;
    }
  }

  /** PEM files for {@code [network.tls]}: the certificate chain and its unencrypted key. */
  record TlsFiles(Path certificateChain, Path privateKey) {}

  private TrackerProcess(
      Process process, Path log, Path denyList, Protocol protocol, int port, int metricsPort) {
    this.process = process;
    this.log = log;
    this.denyList = denyList;
    this.protocol = protocol;
    this.port = port;
    this.metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
  }

  /**
   * Starts {@code aquatic udp}; see {@link #start(Path, Path, Protocol, String)}.
   *
   * <p>IPv6 stays off: aria2c's UDP tracker client only speaks through its IPv4 DHT socket, so it
   * cannot reach a udp://[::1] tracker (the IPv6 side is covered by aquatic-udp's own tests).
   */
  static TrackerProcess start(Path jar, Path dir) throws IOException, InterruptedException {
    return start(jar, dir, Protocol.UDP, "socket_recv_buffer_size = 0\n");
  }

  /**
   * Starts {@code aquatic ws}, serving wss:// with {@code tls}, or plain ws:// when it is null.
   *
   * <p>Clients are asked to announce every {@value #WS_ANNOUNCE_INTERVAL_SECONDS} s, so that a
   * WebRTC connection attempt that fails is followed by another one (with fresh offers) within a
   * test's time, as it would be within the default interval in real use.
   */
  static TrackerProcess startWs(Path jar, Path dir, TlsFiles tls)
      throws IOException, InterruptedException {
    final String tlsSection =
        tls == null
            ? ""
            : """
              [network.tls]
              enable_tls = true
              tls_certificate_path = "%s"
              tls_private_key_path = "%s"
              """
                .formatted(tomlString(tls.certificateChain()), tomlString(tls.privateKey()));
    final String protocolSection =
        "[protocol]\npeer_announce_interval = " + WS_ANNOUNCE_INTERVAL_SECONDS + "\n";
    return start(jar, dir, tls == null ? Protocol.WS : Protocol.WSS, tlsSection + protocolSection);
  }

  /**
   * Writes a config into {@code dir} ({@code networkToml} ends the {@code [network]} section and
   * may add further sections),
   * starts the tracker from {@code jar} and waits until it listens.
   *
   * @throws IllegalStateException if it exits or does not listen within 40 s; the message holds its
   *     log
   */
  private static TrackerProcess start(Path jar, Path dir, Protocol protocol, String networkToml)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the package phase first");
    }
    final Path denyList = Files.writeString(dir.resolve("deny-list.txt"), "");
    final Path config = dir.resolve("tracker.toml");
    Files.writeString(
        config,
        """
        socket_workers = 1
        log_level = "info"
        [network]
        use_ipv4 = true
        use_ipv6 = false
        address_ipv4 = "127.0.0.1:0"
        %s[access_list]
        mode = "deny"
        path = "%s"
        [metrics]
        run_prometheus_endpoint = true
        prometheus_endpoint_address = "127.0.0.1:0"
        """
            .formatted(networkToml, tomlString(denyList)));
    final Path log = dir.resolve("tracker.log");
    final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    final Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-jar",
                    jar.toString(),
                    protocol.command,
                    "-c",
                    config.toString()))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (true) {
        final String text = Files.readString(log);
        final Matcher listening = protocol.listening.matcher(text);
        if (listening.find()) {
          // The tracker opens the metrics endpoint before it logs that it listens.
          final Matcher metrics = METRICS_PORT.matcher(text);
          if (!metrics.find()) {
            throw new IllegalStateException("no metrics endpoint in the tracker log:\n" + text);
          }
          return new TrackerProcess(
              process,
              log,
              denyList,
              protocol,
              Integer.parseInt(listening.group(1)),
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

  private static String tomlString(Path path) {
    return path.toString().replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** {@code udp://127.0.0.1:PORT/announce}, {@code ws://127.0.0.1:PORT} or {@code wss://...}. */
  String announceUrl() {
    return protocol.announceUrl.formatted(port);
  }

  /** The port it listens on (UDP or TCP). */
  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  Path denyList() {
    return denyList;
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
