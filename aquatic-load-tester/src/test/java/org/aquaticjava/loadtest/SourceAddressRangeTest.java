package org.aquaticjava.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SourceAddressRangeTest {
  private static final String KEY = "sources.address_block";

  @Test
  void aBlockHoldsItsAddressesInOrderSkippingThoseEndingIn255AndWrapsAround() throws Exception {
    final SourceAddressRange range = SourceAddressRange.parse(KEY, "127.1.0.0/16", 0);
    assertThat(range.size()).isEqualTo(65_280);
    assertThat(range.address(0)).isEqualTo(InetAddress.getByName("127.1.0.0"));
    assertThat(range.address(254)).isEqualTo(InetAddress.getByName("127.1.0.254"));
    assertThat(range.address(255)).isEqualTo(InetAddress.getByName("127.1.1.0"));
    assertThat(range.address(255 + 256)).isEqualTo(InetAddress.getByName("127.1.2.1"));
    assertThat(range.address(65_279)).isEqualTo(InetAddress.getByName("127.1.255.254"));
    assertThat(range.address(65_280)).isEqualTo(InetAddress.getByName("127.1.0.0"));
    assertThat(range.addressBits(65_281)).isEqualTo(range.addressBits(1));
    for (int i = 0; i < range.size(); i++) {
      assertThat(range.addressBits(i) & 0xFF).isNotEqualTo(255);
    }
  }

  @Test
  void smallBlocksLeaveOutOnlyAnAddressEndingIn255() throws Exception {
    assertThat(SourceAddressRange.parse(KEY, "127.1.0.0/28", 0).size()).isEqualTo(16);
    final SourceAddressRange top = SourceAddressRange.parse(KEY, "127.1.0.240/28", 0);
    assertThat(top.size()).isEqualTo(15);
    assertThat(top.address(14)).isEqualTo(InetAddress.getByName("127.1.0.254"));
    assertThat(top.address(15)).isEqualTo(InetAddress.getByName("127.1.0.240"));
  }

  @Test
  void aCountTakesTheFirstAddressesOfTheBlock() throws Exception {
    final SourceAddressRange range = SourceAddressRange.parse(KEY, "127.2.0.0/15", 100_000);
    assertThat(range.size()).isEqualTo(100_000);
    // 99,999 = 392 x 255 + 39: the 40th address of the 393rd /24, 127.2.0.0 + 392 x 256 + 39.
    assertThat(range.address(99_999)).isEqualTo(InetAddress.getByName("127.3.136.39"));
    assertThat(range.address(100_000)).isEqualTo(InetAddress.getByName("127.2.0.0"));
    assertThat(range).hasToString("100000 address(es) from 127.2.0.0");
  }

  @Test
  void aBareAddressIsOneSourceAndTheWholeLoopbackNetWorks() throws Exception {
    assertThat(SourceAddressRange.parse(KEY, "127.9.9.9", 0).size()).isEqualTo(1);
    assertThat(SourceAddressRange.parse(KEY, "127.9.9.9", 0).address(5))
        .isEqualTo(InetAddress.getByName("127.9.9.9"));
    assertThat(SourceAddressRange.parse(KEY, "127.0.0.0/8", 0).size()).isEqualTo(65_536 * 255);
  }

  @Test
  void problemsNameTheKey() {
    assertThat(SourceAddressRange.problem(KEY, "127.1.0.0/16", 0)).isNull();
    assertThat(SourceAddressRange.problem(KEY, "10.1.0.0/16", 0))
        .startsWith(KEY)
        .contains("inside 127.0.0.0/8");
    assertThat(SourceAddressRange.problem(KEY, "127.1.0.1/16", 0))
        .startsWith(KEY)
        .contains("did you mean \"127.1.0.0/16\"");
    assertThat(SourceAddressRange.problem(KEY, "127.1.0.0/24", 256))
        .startsWith(KEY)
        .contains("holds 255 usable addresses");
    assertThat(SourceAddressRange.problem(KEY, "127.1.0.255", 0))
        .startsWith(KEY)
        .contains("no address");
    for (final String bad :
        new String[] {"", "localhost", "127.1.0/24", "127.1.0.0/", "127.1.0.0/x", "127.1.0.256",
          "127.1.0.0/33", "127.0.0.0/7", "::1", "127.1.0.0/16/1", "127.1.+0.0"}) {
      assertThat(SourceAddressRange.problem(KEY, bad, 0)).as(bad).startsWith(KEY);
    }
    assertThatThrownBy(() -> SourceAddressRange.parse(KEY, "127.1.0.0/24", 300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(KEY);
  }
}
