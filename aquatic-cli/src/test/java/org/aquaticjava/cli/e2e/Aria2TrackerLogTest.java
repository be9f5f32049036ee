package org.aquaticjava.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Aria2TrackerLog} on excerpts of real aria2c 1.36 logs. */
class Aria2TrackerLogTest {
  private static final String HASH = "b27373febd402eb20f236abc5cbc9dc83c49c744";
  private static final String ENCODED = "%B2ss%FE%BD%40.%B2%0F%23j%BC%5C%BC%9D%C8%3CI%C7D";

  @Test
  void udpAnnounceAndErrorRepliesAreOneLineEach() {
    final List<String> log =
        List.of(
            "2026-11-21 20:04:26.145958 [INFO] [UDPTrackerClient.cc:156] UDPT received CONNECT"
                + " reply from 127.0.0.1:38490 transaction_id=8803e997,"
                + "connection_id=000000033acf9dab",
            "2026-11-21 20:04:26.147392 [INFO] [UDPTrackerClient.cc:206] UDPT received ANNOUNCE"
                + " reply from 127.0.0.1:38490 transaction_id=b8417699,"
                + "connection_id=000000033acf9dab, event=STARTED, infohash="
                + HASH
                + ", interval=900, leechers=0, seeders=1, num_peers=2",
            "2026-11-21 20:04:34.156632 [INFO] [UDPTrackerClient.cc:238] UDPT received ERROR reply"
                + " from 127.0.0.1:38490 transaction_id=fad35c23,connection_id=0000000baf2a8261,"
                + " action=3, error_string=Info hash not allowed");

    assertThat(Aria2TrackerLog.replies(log))
        .containsExactly(
            TrackerReply.announced("127.0.0.1:38490", HASH, 1, 2),
            TrackerReply.refused("127.0.0.1:38490", Optional.empty(), "Info hash not allowed"));
  }

  @Test
  void anHttpResponseIsAttributedToTheRequestBeforeItAndCountsThePeersAdded() {
    final List<String> log =
        List.of(
            "2026-11-21 20:03:34.330000 [INFO] [HttpConnection.cc:128] CUID#18 - Requesting:",
            "GET /announce?info_hash=" + ENCODED + "&peer_id=A2-1-36-0-%B7A9&port=26830 HTTP/1.1",
            "User-Agent: aria2/1.36.0",
            "Host: 127.0.0.1:34049",
            "",
            "2026-11-21 20:03:34.331000 [INFO] [HttpConnection.cc:163] CUID#18 - Response"
                + " received:",
            "HTTP/1.1 200 OK",
            "2026-11-21 20:03:34.332226 [DEBUG] [DefaultBtAnnounce.cc:294] Now processing tracker"
                + " response.",
            "2026-11-21 20:03:34.332240 [DEBUG] [DefaultBtAnnounce.cc:316] Interval:900",
            "2026-11-21 20:03:34.332245 [DEBUG] [DefaultBtAnnounce.cc:333] Complete:1",
            "2026-11-21 20:03:34.332246 [DEBUG] [DefaultBtAnnounce.cc:338] Incomplete:0",
            "2026-11-21 20:03:34.332251 [DEBUG] [DefaultPeerStorage.cc:138] Adding peer"
                + " 127.0.0.1:26811",
            "2026-11-21 20:03:34.332252 [DEBUG] [DefaultPeerStorage.cc:159] Now unused peer list"
                + " contains 1 peers",
            "2026-11-21 20:03:34.332300 [DEBUG] [DHTTaskQueueImpl.cc:57] Updating"
                + " periodicTaskQueue1",
            "2026-11-21 20:03:34.332301 [DEBUG] [DefaultPeerStorage.cc:138] Adding peer"
                + " 127.0.0.1:9999");

    assertThat(Aria2TrackerLog.replies(log))
        .containsExactly(TrackerReply.announced("127.0.0.1:34049", HASH, 1, 1));
  }

  @Test
  void anHttpFailureReasonIsARefusalNotAnAnswer() {
    final List<String> log =
        List.of(
            "GET /announce?info_hash=" + ENCODED + "&port=26932 HTTP/1.1",
            "Host: 127.0.0.1:34049",
            "2026-11-21 20:03:45.966880 [DEBUG] [DefaultBtAnnounce.cc:294] Now processing tracker"
                + " response.",
            "2026-11-21 20:03:45.966916 [ERROR] [TrackerWatcherCommand.cc:130] GID#7469709e98218807"
                + " - Tracker request http://127.0.0.1:34049/announce?info_hash="
                + ENCODED
                + "&port=26932&event=started failed",
            "Exception: [DefaultBtAnnounce.cc:303] errorCode=1 Tracker returned failure reason:"
                + " Info hash not allowed",
            "2026-11-21 20:03:45.966933 [DEBUG] [DHTTaskQueueImpl.cc:57] Updating"
                + " periodicTaskQueue1");

    assertThat(Aria2TrackerLog.replies(log))
        .containsExactly(
            TrackerReply.refused("127.0.0.1:34049", Optional.of(HASH), "Info hash not allowed"));
  }

  @Test
  void aRequestThatFailedWithoutAnAnswerIsNoReply() {
    final List<String> log =
        List.of(
            "2026-11-21 20:08:53.000000 [ERROR] [TrackerWatcherCommand.cc:130] GID#7469709e98218807"
                + " - Tracker request https://127.0.0.1:41679/announce?info_hash="
                + ENCODED
                + " failed",
            "Exception: [AbstractCommand.cc:351] errorCode=1 URI=https://127.0.0.1:41679/announce",
            "  -> [SocketCore.cc:1018] errorCode=1 SSL/TLS handshake failure:  `not signed by known"
                + " authorities or invalid' `issuer is not known'");

    assertThat(Aria2TrackerLog.replies(log)).isEmpty();
  }

  @Test
  void theInfoHashIsPercentDecodedFromTheRequestTarget() {
    assertThat(Aria2TrackerLog.infoHash("/announce?info_hash=" + ENCODED + "&port=1"))
        .isEqualTo(HASH);
    assertThat(Aria2TrackerLog.infoHash("/announce?port=1")).isEmpty();
  }
}
