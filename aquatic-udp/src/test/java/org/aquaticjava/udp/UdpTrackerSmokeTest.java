package org.aquaticjava.udp;

import static org.assertj.core.api.Assertions.assertThat;

import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.UdpTestClient;
import org.aquaticjava.udp.protocol.AnnounceEvent;
import org.junit.jupiter.api.Test;

class UdpTrackerSmokeTest {
  @Test
  void announceThenScrapeSeesThePeer() throws Exception {
    try (UdpTracker tracker = UdpTracker.start(TestConfigs.loopback(IoTransportChoice.AUTO));
        UdpTestClient a = UdpTestClient.open(tracker.localAddressIpv4().orElseThrow());
        UdpTestClient b = UdpTestClient.open(tracker.localAddressIpv4().orElseThrow())) {
      byte[] hash = new byte[20];
      hash[0] = 7;
      a.connect();
      b.connect();
      var first = a.announce(hash, new byte[20], 6881, AnnounceEvent.STARTED, 0);
      assertThat(first.peers()).isEmpty();
      var second = b.announce(hash, new byte[20], 6882, AnnounceEvent.STARTED, 100);
      assertThat(second.seeders()).isEqualTo(1);
      assertThat(second.peers()).hasSize(1);
      assertThat(second.peers().get(0).getPort()).isEqualTo(6881);
      assertThat(a.scrape(hash).get(0).seeders()).isEqualTo(1);
      assertThat(a.scrape(hash).get(0).leechers()).isEqualTo(1);
    }
  }
}
