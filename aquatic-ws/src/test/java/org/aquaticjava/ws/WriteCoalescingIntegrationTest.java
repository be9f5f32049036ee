package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.offers;
import static org.aquaticjava.ws.Messages.peer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.TransportMatrix;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every frame one turn of an event loop queues for a connection leaves in one write call, on the
 * connection's own loop and from another loop: counted as the TCP data segments the client's
 * socket received (Linux's {@code tcpi_data_segs_in}, read with {@code ss}), since on loopback
 * with {@code TCP_NODELAY} every write call of the tracker is one segment.
 */
class WriteCoalescingIntegrationTest {
  private static final int TORRENTS = 8;
  private static final Pattern DATA_SEGS_IN = Pattern.compile("\\bdata_segs_in:(\\d+)");

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void framesQueuedInOneTurnLeaveInOneWrite(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    // Two socket workers: consecutive connections land on alternate loops (Netty's round robin),
    // so the offers for the receiver are relayed from the other loop.
    try (WsTracker tracker = TestTrackers.start(transport)) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      try (RawWsClient receiver = RawWsClient.connect(address, 0);
          RawWsClient offerer = RawWsClient.connect(address, 0)) {
        receiver.handshake("/");
        offerer.handshake("/");
        final List<String> joins = new ArrayList<>();
        final List<String> offersToReceiver = new ArrayList<>();
        for (int t = 0; t < TORRENTS; t++) {
          joins.add(announce(infoHash(t), peer(100), 1000));
          offersToReceiver.add(
              announce(infoHash(t), peer(200), AnnounceEvent.STARTED, 1000, offers(t, 1)));
        }
        receiver.sendTextsInOneWrite(joins);
        expectTexts(receiver, TORRENTS, "\"action\":\"announce\"");
        final long receiverBefore = dataSegmentsIn(receiver, address);
        final long offererBefore = dataSegmentsIn(offerer, address);

        offerer.sendTextsInOneWrite(offersToReceiver); // one read, one batch of the offerer's loop
        expectTexts(offerer, TORRENTS, "\"action\":\"announce\"");
        expectTexts(receiver, TORRENTS, "\"offer\"");

        assertThat(dataSegmentsIn(offerer, address) - offererBefore)
            .as("write calls carrying the offerer's %d announce responses (its own loop)", TORRENTS)
            .isEqualTo(1);
        assertThat(dataSegmentsIn(receiver, address) - receiverBefore)
            .as("write calls carrying the %d offers relayed from the other loop", TORRENTS)
            .isEqualTo(1);
      }
    }
  }

  private static void expectTexts(RawWsClient client, int count, String containing) throws IOException {
    for (int i = 0; i < count; i++) {
      assertThat(client.nextText()).contains(containing);
    }
  }

  /** The data segments {@code client}'s socket has received from the tracker so far. */
  private static long dataSegmentsIn(RawWsClient client, InetSocketAddress tracker) throws Exception {
    final InetSocketAddress local = client.localAddress();
    final Process ss =
        new ProcessBuilder(
                "ss", "-tinH", "state", "established",
                "src", local.getAddress().getHostAddress() + ":" + local.getPort(),
                "dst", tracker.getAddress().getHostAddress() + ":" + tracker.getPort())
            .redirectErrorStream(true)
            .start();
    final String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ss.waitFor(10, TimeUnit.SECONDS)).as("ss finished").isTrue();
    assertThat(ss.exitValue()).as("ss: %s", out).isZero();
    assertThat(out).as("ss found the connection").contains(":" + local.getPort());
    final Matcher m = DATA_SEGS_IN.matcher(out);
    return m.find() ? Long.parseLong(m.group(1)) : 0; // ss leaves out a zero count
  }
}
