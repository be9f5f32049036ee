package org.aquaticjava.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.aquaticjava.core.swarm.PeerAddress;
import org.junit.jupiter.api.Test;

class SourceKeysTest {
  @Test
  void ipv4AddressesAreSourcesOfTheirOwnByDefault() {
    final SourceKeys keys = new SourceKeys(32, 64, 1);
    assertThat(keys.ipv4(0x7F00_0002)).isNotEqualTo(keys.ipv4(0x7F00_0003));
    assertThat(keys.ipv4(0x7F00_0002)).isEqualTo(keys.ipv4(0x7F00_0002));
  }

  @Test
  void aShorterIpv4PrefixJoinsItsAddresses() {
    final SourceKeys keys = new SourceKeys(24, 64, 1);
    assertThat(keys.ipv4(0x0A00_0001)).isEqualTo(keys.ipv4(0x0A00_00FE));
    assertThat(keys.ipv4(0x0A00_0001)).isNotEqualTo(keys.ipv4(0x0A00_0101));
  }

  @Test
  void anIpv6SlashSixtyFourIsOneSource() {
    final SourceKeys keys = new SourceKeys(32, 64, 1);
    final long net = 0x2001_0db8_0000_0001L;
    assertThat(keys.ipv6(net, 1)).isEqualTo(keys.ipv6(net, 0xFFFF_FFFFL));
    assertThat(keys.ipv6(net, 1)).isNotEqualTo(keys.ipv6(net + 1, 1));
  }

  @Test
  void aLongerIpv6PrefixSplitsTheLowHalf() {
    final SourceKeys keys = new SourceKeys(32, 128, 1);
    final long net = 0x2001_0db8_0000_0001L;
    assertThat(keys.ipv6(net, 1)).isNotEqualTo(keys.ipv6(net, 2));
    final SourceKeys k48 = new SourceKeys(32, 48, 1);
    assertThat(k48.ipv6(0x2001_0db8_0001_0001L, 5)).isEqualTo(k48.ipv6(0x2001_0db8_0001_FFFFL, 9));
  }

  @Test
  void theSeedChangesEveryKey() {
    assertThat(new SourceKeys(32, 64, 1).ipv4(5)).isNotEqualTo(new SourceKeys(32, 64, 2).ipv4(5));
  }

  @Test
  void anAddressObjectHasTheKeyOfItsWords() throws Exception {
    final byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 2};
    final SourceKeys keys = new SourceKeys(32, 64, 1);
    assertThat(keys.of(PeerAddress.of(InetAddress.ofLiteral("127.0.0.2")))).isEqualTo(keys.ipv4(0x7F00_0002));
    assertThat(keys.of(PeerAddress.of(Inet6Address.getByAddress(null, mapped, -1)))).isEqualTo(keys.ipv4(0x7F00_0002));
    assertThat(keys.of(PeerAddress.of(InetAddress.ofLiteral("2001:db8:0:1::5"))))
        .isEqualTo(keys.ipv6(0x2001_0db8_0000_0001L, 9));
  }
}
