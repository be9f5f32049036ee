package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.udp.protocol.UdpAnnounceEvent;
import org.aquaticjava.udp.protocol.UdpAnnounceRequest;
import org.aquaticjava.udp.protocol.UdpRequestWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tracker at the process's limits: a file-descriptor limit below {@code
 * max_connections}, and a heap that a flood of new torrents fills. Each ends as the README says:
 * the connection cap is lowered to what the limit allows (with a warning naming the key) so the
 * surplus is turned away cleanly instead of {@code accept()} failing for everyone; a heap
 * OutOfMemoryError ends the process at once with status 3 for a supervisor to restart. Needs
 * {@code prlimit} (util-linux).
 */
class ResourceExhaustionIT {
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final Path ROOT =
      Path.of(System.getProperty("aquatic.e2e.root", "..")).toAbsolutePath().normalize();
  /** Descriptors for the whole tracker process: 64 are kept back, the other 96 are connections. */
  private static final int DESCRIPTOR_LIMIT = 160;
  private static final int GRANTED_CONNECTIONS = 96;

  @Test
  void aDescriptorLimitBelowMaxConnectionsLowersTheCapAndTheSurplusIsTurnedAwayCleanly(
      @TempDir Path dir) throws Exception {
    RequiredTools.requireOnPath("prlimit");
    final List<String> limited =
        List.of("prlimit", "--nofile=" + DESCRIPTOR_LIMIT + ":" + DESCRIPTOR_LIMIT, "--");
    try (TrackerProcess tracker =
        TrackerProcess.start(limited, List.of(), JAR, dir, TrackerProtocol.HTTP, "")) {
      assertThat(tracker.logText())
          .as("the start-up warning")
          .contains(
              "limits.max_connections = 100000 is more than the file descriptor limit allows: "
                  + DESCRIPTOR_LIMIT
                  + " descriptors, 64 kept for the rest of the process; using "
                  + GRANTED_CONNECTIONS);
      final InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), tracker.port());
      final List<Socket> idle = new ArrayList<>();
      try {
        final int attempts = GRANTED_CONNECTIONS + 40;
        for (int i = 0; i < attempts; i++) {
          final Socket socket = new Socket();
          socket.connect(address, 2_000);
          idle.add(socket);
        }
        // Connections past the cap are accepted and closed at once: they read end of stream.
        Thread.sleep(1_000);
        int turnedAway = 0;
        for (Socket socket : idle) {
          if (closedByTracker(socket)) {
            turnedAway++;
          }
        }
        assertThat(turnedAway).as(tracker::logText).isGreaterThanOrEqualTo(attempts - GRANTED_CONNECTIONS);
        assertThat(tracker.metrics().sum("aquatic_http_limits_hit_total", Map.of("reason", "max_connections")))
            .isGreaterThanOrEqualTo(attempts - GRANTED_CONNECTIONS);
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
      // Once the idle ones are gone, a well-behaved client is served again.
      awaitServed(tracker, "scrape after the flood");
      assertThat(tracker.stop()).as(tracker::logText).isZero();
      assertThat(tracker.logText())
          .doesNotContain("Too many open files")
          .doesNotContain("reached at the tail of the pipeline");
    }
  }

  /**
   * {@code aquatic all} under a limit too low for both TCP trackers' {@code max_connections}:
   * they share it in proportion to their settings (3:1 here), so WebTorrent, which starts last,
   * still holds its share rather than the one connection first-come-first-served left it.
   */
  @Test
  void allSplitsALowDescriptorLimitBetweenHttpAndWebTorrentInProportion(@TempDir Path dir)
      throws Exception {
    RequiredTools.requireOnPath("prlimit");
    final Path config =
        Files.writeString(
            dir.resolve("all.toml"),
            """
            [udp]
            enabled = false
            [http]
            socket_workers = 1
            [http.network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            [http.limits]
            max_connections = 3000
            [ws]
            socket_workers = 1
            [ws.network]
            use_ipv6 = false
            address_ipv4 = "127.0.0.1:0"
            [ws.limits]
            max_connections = 1000
            [metrics]
            run_prometheus_endpoint = true
            prometheus_endpoint_address = "127.0.0.1:0"
            [stats]
            enabled = false
            [persistence]
            path = ""
            [rate_limit]
            enabled = false
            """);
    final List<String> limited =
        List.of("prlimit", "--nofile=" + DESCRIPTOR_LIMIT + ":" + DESCRIPTOR_LIMIT, "--");
    final int httpShare = GRANTED_CONNECTIONS * 3 / 4;
    final int wsShare = GRANTED_CONNECTIONS - httpShare;
    try (TrackerProcess tracker =
        TrackerProcess.startAll(limited, JAR, dir, config, TrackerProtocol.WS)) {
      assertThat(tracker.logText())
          .contains("http.limits.max_connections = 3000 is more than the file descriptor limit")
          .contains("using " + httpShare + ".")
          .contains("ws.limits.max_connections = 1000 is more than the file descriptor limit")
          .contains("using " + wsShare + ".");
      final InetSocketAddress ws =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), tracker.port(TrackerProtocol.WS));
      final List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < wsShare; i++) {
          final Socket socket = new Socket();
          socket.connect(ws, 2_000);
          held.add(socket);
        }
        Thread.sleep(500);
        for (Socket socket : held) {
          assertThat(closedByTracker(socket)).as(tracker::logText).isFalse();
        }
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
      assertThat(tracker.metrics().sum("aquatic_ws_limits_hit_total", Map.of("limit", "max_connections")))
          .isZero();
      assertThat(tracker.stop()).as(tracker::logText).isZero();
    }
  }

  @Test
  void acceptFailingForLackOfDescriptorsBacksOffIsCountedAndLoggedOnce(@TempDir Path dir)
      throws Exception {
    RequiredTools.requireOnPath("prlimit");
    try (TrackerProcess tracker = TrackerProcess.start(JAR, dir, TrackerProtocol.HTTP)) {
      // Descriptors taken by something else after start-up: accept() now fails with EMFILE.
      final long open;
      try (var fds = Files.list(Path.of("/proc", Long.toString(tracker.pid()), "fd"))) {
        open = fds.count();
      }
      setDescriptorLimit(tracker.pid(), open + 4);
      final InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), tracker.port());
      final List<Socket> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 40; i++) { // the kernel completes them into the listener's backlog
          final Socket socket = new Socket();
          socket.connect(address, 2_000);
          clients.add(socket);
        }
        Thread.sleep(1_500); // some 15 backed-off retries
      } finally {
        for (Socket socket : clients) {
          socket.close();
        }
        setDescriptorLimit(tracker.pid(), 4_096);
      }
      awaitServed(tracker, "scrape after the limit is raised");
      assertThat(tracker.metrics().sum("aquatic_accept_errors_total", Map.of("reason", "emfile")))
          .as(tracker::logText)
          .isGreaterThanOrEqualTo(2);
      assertThat(tracker.stop()).as(tracker::logText).isZero();
      final String log = tracker.logText();
      assertThat(log.lines().filter(line -> line.contains("Too many open files")).count())
          .as("log lines about EMFILE within one log window:\n%s", log)
          .isEqualTo(1);
      assertThat(log).doesNotContain("reached at the tail of the pipeline");
    }
  }

  @Test
  void aFullHeapEndsTheProcessAtOnceWithStatus3(@TempDir Path dir) throws Exception {
    final List<String> options = new ArrayList<>(launcherJvmOptions());
    options.add("-Xmx48m");
    // The flood comes from one socket, which the per-source announce limit would hold to 2,000 a
    // second: this test is about the heap, so the limits are off.
    try (TrackerProcess tracker =
        TrackerProcess.start(
            List.of(), options, JAR, dir, TrackerProtocol.UDP, "[rate_limit]\nenabled = false\n")) {
      final InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), tracker.port());
      final long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      try (UdpTestClient client = UdpTestClient.open(address)) {
        final long connectionId = client.connect();
        final ByteBuf datagram = Unpooled.buffer(128);
        final byte[] infoHash = new byte[20];
        final byte[] peerId = "-AJ0001-resource-0001".getBytes(StandardCharsets.US_ASCII);
        long sent = 0;
        while (tracker.isAlive()) {
          assertThat(System.nanoTime() - deadline)
              .as("tracker still alive after %d announces of new torrents:\n%s", sent, tracker.logText())
              .isNegative();
          for (int i = 0; i < 1_000; i++) {
            ThreadLocalRandom.current().nextBytes(infoHash);
            datagram.clear();
            UdpRequestWriter.writeAnnounce(
                datagram,
                connectionId,
                (int) sent,
                UdpAnnounceRequest.of(infoHash, Arrays.copyOf(peerId, 20), 6881, UdpAnnounceEvent.STARTED, 1));
            try {
              client.send(Arrays.copyOf(datagram.array(), datagram.readableBytes()));
            } catch (PortUnreachableException e) {
              break; // the tracker is gone (the kernel reported it for an earlier datagram)
            }
            sent++;
          }
          Thread.sleep(1); // let the tracker's one core keep up, so its heap fills, not its queue
        }
      }
      assertThat(tracker.waitForExit(Duration.ofSeconds(10))).as(tracker::logText).isEqualTo(3);
      assertThat(tracker.logText()).contains("Terminating due to java.lang.OutOfMemoryError");
    }
  }

  /** Whether the tracker has closed this connection without a word (end of stream or reset). */
  private static boolean closedByTracker(Socket socket) throws IOException {
    socket.setSoTimeout(50);
    try (InputStream in = socket.getInputStream()) {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the tracker
    }
  }

  /** Waits (10 s at most) until a scrape is answered again. */
  private static void awaitServed(TrackerProcess tracker, String when) throws InterruptedException {
    final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        tracker.scrape(new byte[20], false);
        return;
      } catch (IOException e) {
        assertThat(System.nanoTime() - deadline).as(when + ": %s", e).isNegative();
        Thread.sleep(100);
      }
    }
  }

  /** Sets the soft limit only: raising a lowered hard limit again needs CAP_SYS_RESOURCE. */
  private static void setDescriptorLimit(long pid, long limit) throws IOException, InterruptedException {
    final CommandRun run =
        CommandRun.run(
            Duration.ofSeconds(10), "prlimit", "--pid", Long.toString(pid), "--nofile=" + limit + ":");
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  /** The JVM options every launcher uses (scripts/jvm-options.sh), as the package runs them. */
  private static List<String> launcherJvmOptions() throws IOException, InterruptedException {
    final CommandRun run =
        CommandRun.run(
            Duration.ofSeconds(10),
            "bash",
            "-c",
            ". \"$1\" && printf '%s' \"$AQUATIC_JVM_OPTIONS\"",
            "bash",
            ROOT.resolve("scripts/jvm-options.sh").toString());
    final String options = run.output().strip();
    assertThat(options).contains("-XX:+ExitOnOutOfMemoryError");
    return List.of(options.split("\\s+"));
  }
}
