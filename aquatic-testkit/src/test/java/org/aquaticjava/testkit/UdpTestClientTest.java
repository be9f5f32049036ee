package org.aquaticjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.aquaticjava.udp.protocol.AnnounceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UdpTestClientTest {
  private static final byte[] INFO_HASH = new byte[20];
  private static final byte[] PEER_ID = new byte[20];

  private static LoopbackUdpResponder responder(String loopback) throws IOException {
    final InetAddress address = InetAddress.getByName(loopback);
    try {
      return new LoopbackUdpResponder(address);
    } catch (SocketException e) {
      assumeTrue(false, () -> loopback + " unavailable: " + e);
      throw e;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1"})
  void connectsAnnouncesAndScrapesInEitherFamily(String loopback) throws Exception {
    try (LoopbackUdpResponder responder = responder(loopback);
        UdpTestClient client = UdpTestClient.open(responder.address())) {
      assertThat(client.connect()).isEqualTo(LoopbackUdpResponder.CONNECTION_ID);

      final UdpTestClient.AnnounceReply reply = client.announce(INFO_HASH, PEER_ID, 51413, AnnounceEvent.STARTED, 0);
      assertThat(reply.interval()).isEqualTo(900);
      assertThat(reply.leechers()).isEqualTo(3);
      assertThat(reply.seeders()).isEqualTo(4);
      final boolean v6 = client.family() == AddressFamily.IPV6;
      assertThat(reply.peers())
          .containsExactly(
              new InetSocketAddress(InetAddress.getByName(v6 ? "2001:db8::1" : "192.0.2.1"), 6881),
              new InetSocketAddress(InetAddress.getByName(v6 ? "2001:db8::2" : "198.51.100.7"), 51413));

      assertThat(client.scrape(INFO_HASH, INFO_HASH, INFO_HASH))
          .containsExactly(
              new UdpTestClient.ScrapeStats(0, 0, 0),
              new UdpTestClient.ScrapeStats(1, 0, 2),
              new UdpTestClient.ScrapeStats(2, 0, 4));
    }
  }

  @Test
  void connectsImplicitlyBeforeTheFirstAnnounce() throws Exception {
    try (LoopbackUdpResponder responder = responder("127.0.0.1");
        UdpTestClient client = UdpTestClient.open(responder.address())) {
      client.announce(INFO_HASH, PEER_ID, 6881, AnnounceEvent.NONE, 1);
      assertThat(client.connectionId()).isEqualTo(LoopbackUdpResponder.CONNECTION_ID);
    }
  }

  @Test
  void raisesTrackerErrorsWithTheirText() throws Exception {
    try (LoopbackUdpResponder responder = responder("127.0.0.1");
        UdpTestClient client = UdpTestClient.open(responder.address())) {
      assertThatThrownBy(() -> client.announce(AnnounceRequest.of(INFO_HASH, PEER_ID, 0, AnnounceEvent.NONE, 0)))
          .isInstanceOf(UdpTrackerErrorException.class)
          .hasMessage("Port can't be 0");
      assertThatThrownBy(client::scrape).hasMessage("Full scrapes are not allowed");
    }
  }

  @Test
  void receivesNothingWhenTheDatagramIsDropped() throws Exception {
    try (LoopbackUdpResponder responder = responder("127.0.0.1");
        UdpTestClient client = UdpTestClient.open(responder.address(), Duration.ofMillis(200))) {
      final byte[] badMagic = Golden.bytes("udp/connect-request.bin");
      badMagic[0] = 1;
      client.send(badMagic);
      assertThat(client.receive(Duration.ofMillis(200))).isEmpty();

      client.send(Golden.bytes("udp/connect-request.bin"));
      assertThat(client.receive(Duration.ofSeconds(2)))
          .hasValueSatisfying(reply -> assertThat(Arrays.copyOf(reply, 8))
              .isEqualTo(Arrays.copyOf(Golden.bytes("udp/connect-response.bin"), 8)));
    }
  }

  @Test
  void timesOutWhenNothingAnswers() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        UdpTestClient client =
            UdpTestClient.open((InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(200))) {
      assertThatThrownBy(client::connect).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void refusesTargetsOffLoopback() {
    assertThatThrownBy(() -> UdpTestClient.open(new InetSocketAddress("192.0.2.1", 6969)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
