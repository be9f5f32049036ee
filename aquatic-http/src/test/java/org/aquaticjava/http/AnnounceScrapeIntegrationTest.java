package org.aquaticjava.http;

import org.aquaticjava.testkit.TransportMatrix;
import static org.aquaticjava.http.Hashes.filled;
import static org.aquaticjava.http.Hashes.peerId;
import static org.aquaticjava.testkit.TransportMatrix.assumeAvailable;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.http.protocol.HttpAnnounceEvent;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.testkit.http.HttpTrackerResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Announce and scrape over real loopback sockets, on every transport and address family. */
class AnnounceScrapeIntegrationTest {

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void secondPeerGetsTheFirstAsCompactPeerOfItsFamily(IoTransportChoice transport, LoopbackFamily family)
      throws Exception {
    assumeAvailable(transport);
    family.assumeAvailable();
    try (HttpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        HttpTestClient client = HttpTestClient.http(family.of(tracker))) {
      final byte[] hash = filled(0x11);

      final HttpTrackerResponse first =
          client.announce(HttpAnnounceRequest.of(hash, peerId(1), 6881, HttpAnnounceEvent.STARTED, 0));
      final HttpTrackerResponse second =
          client.announce(HttpAnnounceRequest.of(hash, peerId(2), 6882, HttpAnnounceEvent.STARTED, 100));

      assertThat(first.status()).isEqualTo(200);
      assertThat(first.contentType()).isEqualTo("text/plain");
      final BencodeValue.Dict firstBody = first.dict();
      assertThat(firstBody.integer("complete")).isZero(); // the requester is not counted
      assertThat(firstBody.integer("incomplete")).isZero();
      assertThat(firstBody.integer("interval")).isEqualTo(900);
      assertThat(firstBody.integer("min interval")).isEqualTo(60);
      assertThat(firstBody.bytes(family.peersKey())).isEmpty();

      final BencodeValue.Dict body = second.dict();
      assertThat(body.integer("complete")).isEqualTo(1);
      assertThat(body.integer("incomplete")).isZero();
      assertThat(body.bytes(family.otherPeersKey())).isEmpty();
      final byte[] peers = body.bytes(family.peersKey());
      assertThat(peers).hasSize(family.peerLength());
      final ByteBuffer peer = ByteBuffer.wrap(peers);
      final byte[] ip = new byte[family.peerLength() - 2];
      peer.get(ip);
      assertThat(ip).isEqualTo(family.loopback().getAddress());
      assertThat(Short.toUnsignedInt(peer.getShort())).isEqualTo(6881);

      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_requests_total", "type", "announce",
              "ip_version", family.ipVersion()))
          .isEqualTo(2);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_responses_total", "type", "announce",
              "ip_version", family.ipVersion()))
          .isEqualTo(2);
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_http_responses_total", "status", "200"))
          .isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void compactZeroGetsADictionaryListWithoutPeerIds(IoTransportChoice transport, LoopbackFamily family)
      throws Exception {
    assumeAvailable(transport);
    family.assumeAvailable();
    try (HttpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        HttpTestClient client = HttpTestClient.http(family.of(tracker))) {
      final byte[] hash = filled(0x22);
      client.announce(HttpAnnounceRequest.of(hash, peerId(1), 7001, HttpAnnounceEvent.STARTED, 0));

      for (boolean noPeerId : new boolean[] {true, false}) {
        final BencodeValue.Dict body =
            client
                .announce(
                    new HttpAnnounceRequest(
                        "/announce", hash, peerId(2), 7002, 0, 0, 5, HttpAnnounceEvent.NONE, 10,
                        false, noPeerId, null))
                .dict();
        final List<BencodeValue> peers = body.list("peers");
        assertThat(peers).hasSize(1);
        final BencodeValue.Dict peer = (BencodeValue.Dict) peers.getFirst();
        assertThat(new String(peer.bytes("ip"), java.nio.charset.StandardCharsets.US_ASCII))
            .isEqualTo(family == LoopbackFamily.IPV4 ? "127.0.0.1" : "::1");
        assertThat(peer.integer("port")).isEqualTo(7001);
        assertThat(peer.get("peer id")).isNull();
        assertThat(body.get("peers6")).isNull();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void scrapeAnswersEveryHashSortedWithZerosForUnknownOnes(
      IoTransportChoice transport, LoopbackFamily family) throws Exception {
    assumeAvailable(transport);
    family.assumeAvailable();
    try (HttpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        HttpTestClient client = HttpTestClient.http(family.of(tracker))) {
      final byte[] known = filled(0x33);
      final byte[] unknown = filled(0x05);
      client.announce(HttpAnnounceRequest.of(known, peerId(1), 6881, HttpAnnounceEvent.STARTED, 0));
      client.announce(HttpAnnounceRequest.of(known, peerId(2), 6882, HttpAnnounceEvent.STARTED, 10));
      client.announce(HttpAnnounceRequest.of(known, peerId(2), 6882, HttpAnnounceEvent.COMPLETED, 0));

      final HttpTrackerResponse response = client.scrape(List.of(known, unknown));

      assertThat(response.status()).isEqualTo(200);
      final BencodeValue.Dict files = response.dict().dict("files");
      assertThat(files.entries().keySet())
          .containsExactly(latin1(unknown), latin1(known)); // byte order
      final BencodeValue.Dict knownCounts = files.dict(latin1(known));
      assertThat(knownCounts.integer("complete")).isEqualTo(2);
      assertThat(knownCounts.integer("incomplete")).isZero();
      assertThat(knownCounts.integer("downloaded")).isEqualTo(1);
      final BencodeValue.Dict unknownCounts = files.dict(latin1(unknown));
      assertThat(unknownCounts.integer("complete")).isZero();
      assertThat(unknownCounts.integer("incomplete")).isZero();
      assertThat(unknownCounts.integer("downloaded")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void scrapeBeyondMaxScrapeTorrentsKeepsTheFirstAndCountsTheRest(IoTransportChoice transport)
      throws Exception {
    assumeAvailable(transport);
    try (HttpTracker tracker =
            TestTrackers.start(
                TestTrackers.config(transport, "", "[protocol]\nmax_scrape_torrents = 3\n"));
        HttpTestClient client = HttpTestClient.http(LoopbackFamily.IPV4.of(tracker))) {
      final List<byte[]> hashes =
          List.of(filled(9), filled(8), filled(7), filled(6), filled(5));

      final BencodeValue.Dict files = client.scrape(hashes).dict().dict("files");

      assertThat(files.entries().keySet())
          .containsExactly(latin1(filled(7)), latin1(filled(8)), latin1(filled(9)));
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_scrape_info_hashes_truncated_total"))
          .isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void stoppedPeerLeavesTheSwarm(IoTransportChoice transport) throws Exception {
    assumeAvailable(transport);
    try (HttpTracker tracker = TestTrackers.start(TestTrackers.config(transport));
        HttpTestClient client = HttpTestClient.http(LoopbackFamily.IPV4.of(tracker))) {
      final byte[] hash = filled(0x44);
      client.announce(HttpAnnounceRequest.of(hash, peerId(1), 6881, HttpAnnounceEvent.STARTED, 0));
      client.announce(HttpAnnounceRequest.of(hash, peerId(3), 6883, HttpAnnounceEvent.STARTED, 5));
      final BencodeValue.Dict leaving =
          client.announce(HttpAnnounceRequest.of(hash, peerId(1), 6881, HttpAnnounceEvent.STOPPED, 0)).dict();
      assertThat(leaving.bytes("peers")).as("a stopped announce gets no peers").isEmpty();
      assertThat(leaving.integer("incomplete")).isEqualTo(1);
      client.announce(HttpAnnounceRequest.of(hash, peerId(3), 6883, HttpAnnounceEvent.STOPPED, 5));

      final BencodeValue.Dict body =
          client.announce(HttpAnnounceRequest.of(hash, peerId(2), 6882, HttpAnnounceEvent.PAUSED, 3)).dict();

      assertThat(body.integer("complete")).isZero();
      assertThat(body.bytes("peers")).isEmpty();
    }
  }

  @org.junit.jupiter.api.Test
  void servesConfiguredPathsOnly() throws Exception {
    final String protocol =
        """
        [protocol]
        announce_path = "/x/announce.php"
        scrape_path = "/x/scrape.php"
        """;
    try (HttpTracker tracker =
            TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO, "", protocol));
        HttpTestClient client = HttpTestClient.http(LoopbackFamily.IPV4.of(tracker))) {
      final byte[] hash = filled(0x66);
      final HttpAnnounceRequest announce =
          new HttpAnnounceRequest("/x/announce.php", hash, peerId(1), 6881, 0, 0, 0,
              HttpAnnounceEvent.STARTED, -1, true, true, null);

      assertThat(client.announce(announce).failureReason()).isNull();
      assertThat(client.get(HttpTestClient.scrapeTarget("/x/scrape.php", List.of(hash)))
              .dict().dict("files").dict(latin1(hash)).integer("complete"))
          .isEqualTo(1);
      assertThat(client.announce(HttpAnnounceRequest.of(hash, peerId(2), 6882, HttpAnnounceEvent.NONE, 0))
              .status())
          .isEqualTo(404);
    }
  }

  static String latin1(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
