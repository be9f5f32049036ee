package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.peer;
import static org.aquaticjava.ws.Messages.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebTorrent and warm restart on the real tracker: completed events are counted (scrape's {@code
 * downloaded}) and the counts survive a restart, while the peers (WebSocket connections) do not.
 */
class WarmRestartIntegrationTest {
  @TempDir Path dir;

  private WsConfig config() {
    return TestTrackers.config(
        "[persistence]\npath = '%s'\nsnapshot_interval = 3600".formatted(dir.resolve("ws.snapshot")));
  }

  private static TrackerMessage scrapeOf(WsTestClient client, byte[] infoHash) throws Exception {
    client.send(scrape(infoHash));
    return client.next(TrackerMessageKind.SCRAPE_RESPONSE);
  }

  @Test
  void completedCountsSurviveARestartAndPeersDoNot() throws Exception {
    final byte[] hash = infoHash(7);
    try (WsTracker before = TestTrackers.start(config());
        WsTestClient finisher = WsTestClient.connect(LoopbackFamily.IPV4.of(before))) {
      finisher.send(announce(hash, peer(1), AnnounceEvent.STARTED, 100, List.of()));
      finisher.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      finisher.send(announce(hash, peer(1), AnnounceEvent.COMPLETED, 0, List.of()));
      finisher.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      final TrackerMessage counts = scrapeOf(finisher, hash);
      assertThat(counts.scrapeComplete(0)).isEqualTo(1);
      assertThat(counts.scrapeDownloaded(0)).isEqualTo(1);
    } // close: the last snapshot

    try (WsTracker after = TestTrackers.start(config());
        WsTestClient returning = WsTestClient.connect(LoopbackFamily.IPV4.of(after))) {
      final TrackerMessage counts = scrapeOf(returning, hash);
      assertThat(counts.scrapeComplete(0)).isZero();
      assertThat(counts.scrapeIncomplete(0)).isZero();
      assertThat(counts.scrapeDownloaded(0)).isEqualTo(1);

      // A returning client joins the kept torrent; the count carries on from the restored one.
      returning.send(announce(hash, peer(2), AnnounceEvent.COMPLETED, 0, List.of()));
      returning.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      assertThat(scrapeOf(returning, hash).scrapeDownloaded(0)).isEqualTo(2);
      assertThat(after.peerCount(false)).isEqualTo(1);
    }
  }
}
