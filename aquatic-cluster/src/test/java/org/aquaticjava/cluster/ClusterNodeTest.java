package org.aquaticjava.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.persist.SnapshotReader;
import org.aquaticjava.core.persist.WarmRestart;
import org.aquaticjava.core.swarm.AnnounceSlot;
import org.aquaticjava.core.swarm.InfoHashFilter;
import org.aquaticjava.core.swarm.ScrapeCounts;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real JGroups nodes on 127.0.0.1 in one JVM, each with its own store, as separate trackers would
 * have: changes reach every other node, a later node gets the swarms by state transfer, and a node
 * with another secret is kept out.
 */
class ClusterNodeTest {
  private static final String SECRET = "correct horse battery staple";
  private static final Duration REPLICATED = Duration.ofSeconds(10);
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  @AfterEach
  void closeNodes() {
    nodes.forEach(ClusterNode::close);
  }

  @Test
  void announcesOnOneNodeReachTheOthersAndStoppedPeersLeaveEverywhere() throws Exception {
    reservePorts(3);
    final ClusterNode a = start(0, SECRET, new PrometheusRegistry());
    final ClusterNode b = start(1, SECRET, new PrometheusRegistry());
    final PrometheusRegistry cRegistry = new PrometheusRegistry();
    final ClusterNode c = start(2, SECRET, cRegistry);
    await().atMost(REPLICATED).until(() -> a.members() == 3 && b.members() == 3 && c.members() == 3);

    announce(a, 1, 0x7F000001, 6881, true, false);
    announce(b, 1, 0x7F000002, 6882, false, false);
    for (ClusterNode node : List.of(a, b, c)) {
      await().atMost(REPLICATED).until(() -> counts(node, 1).seeders == 1 && counts(node, 1).leechers == 1);
    }
    announce(b, 1, 0x7F000002, 6882, false, true); // stopped
    for (ClusterNode node : List.of(a, b, c)) {
      await().atMost(REPLICATED).until(() -> counts(node, 1).leechers == 0);
      assertThat(counts(node, 1).seeders).isEqualTo(1);
    }
    assertThat(changes(cRegistry, "applied")).isGreaterThanOrEqualTo(3);
    assertThat(changes(cRegistry, "sent")).isZero();
  }

  @Test
  void aLaterNodeGetsTheSwarmsTheClockAndTheConnectionIdKeyByStateTransfer() throws Exception {
    reservePorts(2);
    final ClusterNode a = start(0, SECRET, new PrometheusRegistry());
    for (int torrent = 0; torrent < 500; torrent++) {
      announce(a, torrent, 0x7F000001, 7000 + torrent, torrent % 2 == 0, false);
    }
    final ClusterNode late = start(1, SECRET, new PrometheusRegistry());
    // Served at once, from the transferred state (no batch from before its join reaches it).
    assertThat(counts(late, 0).seeders).isEqualTo(1);
    assertThat(counts(late, 499).leechers).isEqualTo(1);
    assertThat(late.swarms().connectionIdKey()).isEqualTo(a.swarms().connectionIdKey());
    assertThat(Math.abs(late.swarms().clock().secondsSinceStart() - a.swarms().clock().secondsSinceStart()))
        .isLessThanOrEqualTo(1);
    announce(late, 0, 0x7F000009, 9999, false, false);
    await().atMost(REPLICATED).until(() -> counts(a, 0).leechers == 1);
  }

  @Test
  void aNodeWithAnotherSecretIsRefusedCountedAndDoesNotServeAlone() throws Exception {
    reservePorts(2);
    final PrometheusRegistry registry = new PrometheusRegistry();
    final ClusterNode a = start(0, SECRET, registry);
    assertThatThrownBy(() -> start(1, "not the cluster's secret at all", new PrometheusRegistry()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.secret: the nodes at [127.0.0.1:" + ports.get(0) + "]")
        .hasMessageContaining("its secret differs from theirs");
    assertThat(a.members()).isEqualTo(1);
    assertThat(counter(registry, "aquatic_cluster_foreign_messages"))
        .as("every JOIN attempt of the intruder was dropped unread and counted")
        .isGreaterThanOrEqualTo(5);
  }

  @Test
  void aBusyBindAddressIsAConfigErrorNamingTheKey() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ports.add(busy.getLocalPort());
      assertThatThrownBy(() -> start(0, SECRET, new PrometheusRegistry()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("cluster.bind_address: 127.0.0.1:" + busy.getLocalPort() + " cannot be bound");
    }
  }

  @Test
  void aShortSecretIsAConfigError() {
    assertThatThrownBy(() -> config(0, "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret must have at least 16 characters");
  }

  private ClusterNode start(int index, String secret, PrometheusRegistry registry) throws Exception {
    final SwarmSettings settings = SwarmSettings.DEFAULTS;
    final ClusterNode node =
        ClusterNode.start(
            config(index, secret),
            new ClusterNode.Swarms() {
              @Override
              public WarmRestart fromTransfer(SnapshotReader reader, String source) throws IOException {
                return WarmRestart.fromTransfer(PersistenceConfig.DEFAULTS, settings, InfoHashFilter.ALLOW_ALL, source, reader);
              }

              @Override
              public WarmRestart local() {
                return WarmRestart.restore(PersistenceConfig.DEFAULTS, settings, InfoHashFilter.ALLOW_ALL);
              }
            },
            registry);
    nodes.add(node);
    return node;
  }

  private ClusterConfig config(int index, String secret) {
    final List<String> members = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    return new ClusterConfig(
        true, "test", "127.0.0.1:" + (ports.isEmpty() ? 1 : ports.get(index)), members, secret, 16, 50, 256, 20_000);
  }

  private void reservePorts(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        ports.add(socket.getLocalPort());
      }
    }
  }

  private static void announce(ClusterNode node, int torrent, int ipv4, int port, boolean seeder, boolean stopped) {
    final AnnounceSlot req = new AnnounceSlot(10);
    req.infoHash.set(torrent, 0x1234L, 7);
    req.ipv4 = ipv4;
    req.port = port;
    req.seeder = seeder;
    req.stopped = stopped;
    req.peersWanted = 10;
    node.swarms().store().announce(req, node.swarms().clock().secondsSinceStart());
  }

  private static ScrapeCounts counts(ClusterNode node, int torrent) {
    final SwarmStore store = node.swarms().store();
    final ScrapeCounts out = new ScrapeCounts();
    final AnnounceSlot key = new AnnounceSlot(0);
    key.infoHash.set(torrent, 0x1234L, 7);
    store.scrape(key.infoHash, false, out);
    return out;
  }

  private static double changes(PrometheusRegistry registry, String event) {
    return counter(registry, "aquatic_cluster_changes", Labels.of("event", event));
  }

  /** The counter {@code name} (without {@code _total}), all label values summed. */
  private static double counter(PrometheusRegistry registry, String name) {
    return counter(registry, name, null);
  }

  private static double counter(PrometheusRegistry registry, String name, Labels labels) {
    return registry.scrape().stream()
        .filter(s -> s.getMetadata().getPrometheusName().equals(name))
        .map(CounterSnapshot.class::cast)
        .flatMap(s -> s.getDataPoints().stream())
        .filter(p -> labels == null || p.getLabels().equals(labels))
        .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
        .sum();
  }
}
