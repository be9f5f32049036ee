package org.aquaticjava.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfoHashTest {
  private static final String HEX = "0123456789abcdeffedcba9876543210a1b2c3d4";

  @Test
  void readsBigEndianParts() {
    final InfoHash h = InfoHash.ofHex(HEX);
    assertThat(h.a).isEqualTo(0x0123456789abcdefL);
    assertThat(h.b).isEqualTo(0xfedcba9876543210L);
    assertThat(h.c).isEqualTo(0xa1b2c3d4);
    assertThat(h).hasToString(HEX).isEqualTo(new InfoHash().set(h.a, h.b, h.c));
    assertThat(h.hashCode()).isEqualTo(new InfoHash().set(h.a, h.b, h.c).hashCode());
  }

  @Test
  void roundTripsBytesAtAnOffset() {
    final byte[] bytes = new byte[30];
    InfoHash.ofHex(HEX).writeBytes(bytes, 7);
    assertThat(new InfoHash().setBytes(bytes, 7)).hasToString(HEX);
    assertThat(bytes[6]).isZero();
    assertThat(bytes[27]).isZero();
  }

  @Test
  void rejectsWrongLengthHex() {
    assertThatThrownBy(() -> InfoHash.ofHex("abcd")).isInstanceOf(IllegalArgumentException.class);
  }
}
