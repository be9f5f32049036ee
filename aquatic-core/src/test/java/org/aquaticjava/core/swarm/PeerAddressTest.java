package org.aquaticjava.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class PeerAddressTest {

  @Test
  void ipv4MappedIpv6IsTheSameIpv4Peer() throws Exception {
    final byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    mapped[12] = (byte) 192;
    mapped[14] = 2;
    mapped[15] = 7;
    // What a native dual-stack socket reports: an Inet6Address holding the mapped form.
    final AnnounceSlot fromMapped = copied(Inet6Address.getByAddress(null, mapped, -1));
    final AnnounceSlot fromIpv4 = copied(InetAddress.ofLiteral("192.0.2.7"));

    assertThat(fromMapped.ipv6).isFalse();
    assertThat(fromMapped.ipv4).isEqualTo(fromIpv4.ipv4).isEqualTo(0xC0_00_02_07);
  }

  @Test
  void ipv6IsSplitIntoTwoBigEndianHalves() {
    final AnnounceSlot request = copied(InetAddress.ofLiteral("2001:db8::1:2"));

    assertThat(request.ipv6).isTrue();
    assertThat(request.ipv6High).isEqualTo(0x20010db800000000L);
    assertThat(request.ipv6Low).isEqualTo(0x0000000000010002L);
  }

  private static AnnounceSlot copied(InetAddress address) {
    final PeerAddress peer = new PeerAddress();
    peer.set(address);
    final AnnounceSlot request = new AnnounceSlot(1);
    peer.copyTo(request);
    return request;
  }
}
