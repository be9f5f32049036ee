package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.udp.protocol.UdpAnnounceEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three packaged UDP trackers on 127.0.0.1 forming one cluster: what a client announces to one
 * node is in the others' replies within a few batch intervals, a stopped peer leaves everywhere,
 * a node killed with SIGKILL takes nothing with it, a node started later is served the swarms by
 * state transfer before it answers, a frozen node (SIGSTOP) does not slow the others, and a node
 * with another secret stays out. Needs {@code kill}.
 */
class ClusterIT {
  private static final Path JAR =
      Path.of(System.getProperty("aquatic.e2e.jar", "target/aquatic.jar"));
  private static final String SECRET = "a cluster secret for the tests";
  private static final Duration REPLICATED = Duration.ofSeconds(10);
  private static final byte[] TORRENT = "cluster-it-torrent-1".getBytes(StandardCharsets.US_ASCII);

  private final List<TrackerProcess> trackers = new ArrayList<>();
  private final List<Integer> clusterPorts = new ArrayList<>();

  @AfterEach
  void stopAll() {
    trackers.forEach(TrackerProcess::close);
  }

  @Test
  void nodesShareEverySwarmSurviveAKilledNodeAndCatchUpALateOne(@TempDir Path dir) throws Exception {
    reserveClusterPorts(4);
    final TrackerProcess a = node(dir, 0, SECRET);
    final TrackerProcess b = node(dir, 1, SECRET);
    final TrackerProcess c = node(dir, 2, SECRET);
    waitUntil(() -> members(a) == 3 && members(b) == 3 && members(c) == 3, "three members");

    final Peer seeder = new Peer(a, 0);
    final Peer leecher = new Peer(b, 1);
    seeder.announce(UdpAnnounceEvent.STARTED, 0);
    leecher.announce(UdpAnnounceEvent.STARTED, 1);
    for (TrackerProcess node : List.of(a, b, c)) {
      waitUntil(() -> counts(node).equals(new TrackerProcess.SwarmCounts(1, 1)), "both peers on every node");
    }
    // A client of node C gets the peers that announced to A and B.
    final UdpTestClient.AnnounceReply reply = new Peer(c, 2).announce(UdpAnnounceEvent.STARTED, 1);
    assertThat(reply.peers()).hasSize(2);

    leecher.announce(UdpAnnounceEvent.STOPPED, 1);
    for (TrackerProcess node : List.of(a, b, c)) {
      waitUntil(() -> counts(node).leechers() == 1, "the stopped leecher gone from every node");
    }

    assertThat(b.kill()).isNotZero(); // SIGKILL: nothing of b's is lost on a and c
    waitUntil(() -> members(a) == 2, "b excluded");
    assertThat(counts(a)).isEqualTo(new TrackerProcess.SwarmCounts(1, 1));
    assertThat(counts(c)).isEqualTo(new TrackerProcess.SwarmCounts(1, 1));

    final TrackerProcess late = node(dir, 3, SECRET); // listening means it has the swarms already
    assertThat(counts(late)).isEqualTo(new TrackerProcess.SwarmCounts(1, 1));
    assertThat(late.logText()).contains("persistence: loaded the cluster's state");
    // Its connection ids are the cluster's: an id from node A is accepted by the late node.
    try (UdpTestClient fromA = UdpTestClient.open(address(a))) {
      final long id = fromA.connect();
      try (UdpTestClient atLate = UdpTestClient.open(address(late))) {
        atLate.useConnectionId(id);
        assertThat(atLate.announce(TORRENT, peerId(7), 7007, UdpAnnounceEvent.STARTED, 1).seeders()).isEqualTo(1);
      }
    }
    assertThat(a.metrics().sum("aquatic_cluster_changes_total", Map.of("event", "dropped"))).isZero();
  }

  @Test
  void aFrozenNodeDoesNotSlowTheOthersAndAnotherSecretStaysOut(@TempDir Path dir) throws Exception {
    RequiredTools.requireOnPath("kill");
    reserveClusterPorts(3);
    final TrackerProcess a = node(dir, 0, SECRET);
    final TrackerProcess b = node(dir, 1, SECRET);
    waitUntil(() -> members(a) == 2 && members(b) == 2, "two members");
    signal(b, "STOP");
    try {
      // The announce path never waits for the network: 500 announces of 500 torrents to A are all
      // answered, each within the client's timeout, while b cannot read a byte.
      try (UdpTestClient client = UdpTestClient.open(address(a), Duration.ofSeconds(1))) {
        client.connect();
        final long started = System.nanoTime();
        for (int i = 0; i < 500; i++) {
          final byte[] hash = ("frozen-node-tst-" + (1000 + i)).getBytes(StandardCharsets.US_ASCII);
          client.announce(hash, peerId(i), 6000 + i, UdpAnnounceEvent.STARTED, 1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      }
    } finally {
      signal(b, "CONT");
    }
    // A node with another secret cannot join; it refuses to serve alone (a config error, exit 2),
    // and the members count what they dropped from it.
    assertThatThrownBy(() -> node(dir, 2, "another secret, not the cluster's"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tracker exited with 2 before listening")
        .hasMessageContaining("cluster.secret: the nodes at")
        .hasMessageContaining("its secret differs from theirs");
    assertThat(members(a)).isEqualTo(2);
    assertThat(a.metrics().sum("aquatic_cluster_foreign_messages_total", Map.of())).isPositive();
    assertThat(a.logText()).doesNotContain("rejected decryption");
  }

  @Test
  void aSeederAnnouncingToOneNodeAndALeecherToAnotherTransferAFile(@TempDir Path dir) throws Exception {
    RequiredTools.requireOnPath("aria2c", "rtorrent", "mktorrent");
    reserveClusterPorts(2);
    final TrackerProcess a = node(dir, 0, SECRET);
    final TrackerProcess b = node(dir, 1, SECRET);
    waitUntil(() -> members(a) == 2 && members(b) == 2, "two members");
    final ClientPairTransfer.Outcome outcome =
        ClientPairTransfer.run(
            ClientPair.transfer(ClientFamily.ARIA2, ClientFamily.RTORRENT, TrackerProtocol.UDP),
            a,
            b,
            Files.createDirectories(dir.resolve("transfer")));
    assertThat(outcome.ok()).as(outcome::detail).isTrue();
  }

  /** A client of one node, from its own loopback port. */
  private static final class Peer {
    private final TrackerProcess node;
    private final int index;

    Peer(TrackerProcess node, int index) {
      this.node = node;
      this.index = index;
    }

    UdpTestClient.AnnounceReply announce(UdpAnnounceEvent event, long left) throws IOException {
      try (UdpTestClient client = UdpTestClient.open(address(node))) {
        return client.announce(TORRENT, peerId(index), 6881 + index, event, left);
      }
    }
  }

  private TrackerProcess node(Path dir, int index, String secret) throws Exception {
    final Path nodeDir = Files.createDirectories(dir.resolve("node-" + index));
    final StringBuilder members = new StringBuilder();
    for (int port : clusterPorts) {
      members.append(members.isEmpty() ? "" : ", ").append("\"127.0.0.1:").append(port).append('"');
    }
    final String cluster =
        """
        [cluster]
        enabled = true
        name = "cluster-it"
        bind_address = "127.0.0.1:%d"
        members = [%s]
        secret = "%s"
        batch_interval_ms = 50
        join_timeout_ms = 30000
        """
            .formatted(clusterPorts.get(index), members, secret);
    final TrackerProcess tracker = TrackerProcess.start(JAR, nodeDir, TrackerProtocol.UDP, cluster);
    trackers.add(tracker);
    return tracker;
  }

  /**
   * Free ports below Linux's ephemeral range (32768-60999): a port the kernel handed out once may
   * be handed out again as the source port of a node's outgoing connection before its own node
   * binds it.
   */
  private void reserveClusterPorts(int count) {
    while (clusterPorts.size() < count) {
      final int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket _ = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        if (!clusterPorts.contains(port)) {
          clusterPorts.add(port);
        }
      } catch (IOException inUse) {
        // try another
      }
    }
  }

  private static InetSocketAddress address(TrackerProcess node) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), node.port());
  }

  private static byte[] peerId(int index) {
    return String.format("-AJ0001-cluster%05d", index).getBytes(StandardCharsets.US_ASCII);
  }

  private static TrackerProcess.SwarmCounts counts(TrackerProcess node) {
    try {
      return node.scrape(TORRENT, false);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double members(TrackerProcess node) {
    try {
      return node.metrics().sum("aquatic_cluster_members", Map.of());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void signal(TrackerProcess node, String signal) throws IOException, InterruptedException {
    final Process kill = new ProcessBuilder("bash", "-c", "kill -" + signal + " " + node.pid()).start();
    assertThat(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
  }

  private void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    final long deadline = System.nanoTime() + REPLICATED.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        final StringBuilder logs = new StringBuilder();
        for (TrackerProcess tracker : trackers) {
          logs.append("\n--- node log:\n").append(tracker.logText());
        }
        throw new AssertionError("not within " + REPLICATED.toSeconds() + " s: " + what + logs);
      }
      Thread.sleep(50);
    }
  }
}
