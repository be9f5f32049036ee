package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.IH;
import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.offers;
import static org.aquaticjava.ws.Messages.peer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.StderrCapture;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.junit.jupiter.api.Test;

/**
 * What the real server logs: a reset connection is one warning line naming the client, and a
 * shutdown in the middle of relaying offers between event loops ends without error traces.
 */
class ShutdownAndLogIntegrationTest {
  private static final int PEERS = 32;

  @Test
  void aResetConnectionIsLoggedOnOneLineWithTheClientAddress() throws Exception {
    try (WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO);
        StderrCapture log = StderrCapture.start()) {
      final RawWsClient client = RawWsClient.connect(LoopbackFamily.IPV4.of(tracker), 0);
      assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
      client.sendText(announce(IH, peer(1), 1000));
      await().atMost(WsTestClient.WAIT).until(() -> tracker.peerCount(false) == 1);
      client.reset();
      await().atMost(WsTestClient.WAIT).until(() -> log.text().contains("SOCKET_ERROR"));
      final String line =
          log.text().lines().filter(l -> l.contains("SOCKET_ERROR")).findFirst().orElseThrow();
      assertThat(line).contains("latest from /127.0.0.1:").doesNotContain("{}");
      assertThat(log.text()).doesNotContain("\tat "); // no stack trace
    }
  }

  @Test
  void closingWhileOffersAreRelayedBetweenEventLoopsLogsNoErrors() throws Exception {
    final WsTracker tracker = TestTrackers.start(IoTransportChoice.AUTO);
    final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
    final List<RawWsClient> clients = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    final AtomicLong sent = new AtomicLong();
    try (StderrCapture log = StderrCapture.start()) {
      for (int i = 0; i < PEERS; i++) {
        final RawWsClient client = RawWsClient.connect(address, 0);
        clients.add(client);
        assertThat(client.handshake("/")).startsWith("HTTP/1.1 101");
        client.sendText(announce(IH, peer(i), 1000));
      }
      // The connections alternate between the two event loops, so most relays cross loops.
      await().atMost(WsTestClient.WAIT).until(() -> tracker.peerCount(false) == PEERS);
      for (int i = 0; i < PEERS; i++) {
        final RawWsClient client = clients.get(i);
        final int peer = i;
        threads.add(Thread.ofPlatform().start(() -> drain(client)));
        threads.add(Thread.ofPlatform().start(() -> offerUntilClosed(client, peer, sent)));
      }
      await().atMost(WsTestClient.WAIT).until(() -> sent.get() > 500);
      tracker.close();
      for (Thread thread : threads) {
        thread.join(Duration.ofSeconds(10));
      }
      assertThat(log.text())
          .doesNotContain("RejectedExecutionException")
          .doesNotContain(" ERROR ")
          .doesNotContain(" WARN ");
    } finally {
      tracker.close();
      for (RawWsClient client : clients) {
        client.close();
      }
    }
  }

  private static void drain(RawWsClient client) {
    try {
      client.awaitEndOfStream(Duration.ofSeconds(20));
    } catch (IOException e) {
      // closed by the tracker: done
    }
  }

  private static void offerUntilClosed(RawWsClient client, int peer, AtomicLong sent) {
    try {
      for (int n = 0; n < 1_000_000; n++) {
        client.sendText(announce(IH, peer(peer), AnnounceEvent.UPDATE, 1000, offers(n * 5, 5)));
        sent.incrementAndGet();
      }
    } catch (IOException e) {
      // the tracker closed the connection: done
    }
  }
}
