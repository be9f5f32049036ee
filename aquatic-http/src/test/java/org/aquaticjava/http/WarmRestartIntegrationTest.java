package org.aquaticjava.http;

import static org.aquaticjava.http.Hashes.filled;
import static org.aquaticjava.http.Hashes.peerId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm restart on the real HTTP tracker: peers and completed counts survive a restart. */
class WarmRestartIntegrationTest {
  @TempDir Path dir;

  private HttpConfig config() throws Exception {
    final String path = dir.resolve("http.snapshot").toString().replace("\\", "\\\\");
    return TestTrackers.config(
        IoTransportChoice.AUTO,
        "",
        "[persistence]\npath = \"" + path + "\"\nsnapshot_interval = 3600\n");
  }

  @Test
  void aRestartedTrackerServesTheOldPeersAndCompletedCounts() throws Exception {
    final byte[] hash = filled(0x44);
    try (HttpTracker before = TestTrackers.start(config());
        HttpTestClient client = HttpTestClient.http(LoopbackFamily.IPV4.of(before))) {
      client.announce(HttpAnnounceRequest.of(hash, peerId(1), 6881, HttpAnnounceEvent.STARTED, 0));
      client.announce(HttpAnnounceRequest.of(hash, peerId(2), 6882, HttpAnnounceEvent.STARTED, 10));
      client.announce(HttpAnnounceRequest.of(hash, peerId(2), 6882, HttpAnnounceEvent.COMPLETED, 0));
    } // close: the last snapshot

    try (HttpTracker after = TestTrackers.start(config());
        HttpTestClient client = HttpTestClient.http(LoopbackFamily.IPV4.of(after))) {
      final BencodeValue.Dict counts =
          client.scrape(List.of(hash)).dict().dict("files")
              .dict(new String(hash, StandardCharsets.ISO_8859_1));
      assertThat(counts.integer("complete")).isEqualTo(2);
      assertThat(counts.integer("downloaded")).isEqualTo(1);
      final byte[] peers =
          client
              .announce(HttpAnnounceRequest.of(hash, peerId(3), 6883, HttpAnnounceEvent.STARTED, 10))
              .dict()
              .bytes(LoopbackFamily.IPV4.peersKey());
      assertThat(peers).hasSize(2 * LoopbackFamily.IPV4.peerLength());
    }
  }
}
