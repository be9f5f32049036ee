package org.aquaticjava.core.connid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipHash24Test {
  /** Reference key 00 01 .. 0f as two little-endian words. */
  private static final long K0 = 0x0706050403020100L;

  private static final long K1 = 0x0f0e0d0c0b0a0908L;

  /**
   * {@code vectors_sip64} of the reference implementation (SipHash paper, appendix A): message
   * {@code 00 01 .. n-1} for n = 0..23, i.e. every length this implementation accepts.
   */
  private static final long[] EXPECTED = {
    0x726fdb47dd0e0e31L, 0x74f839c593dc67fdL, 0x0d6c8009d9a94f5aL, 0x85676696d7fb7e2dL,
    0xcf2794e0277187b7L, 0x18765564cd99a68dL, 0xcbc9466e58fee3ceL, 0xab0200f58b01d137L,
    0x93f5f5799a932462L, 0x9e0082df0ba9e4b0L, 0x7a5dbbc594ddb9f3L, 0xf4b32f46226bada7L,
    0x751e8fbc860ee5fbL, 0x14ea5627c0843d90L, 0xf723ca908e7af2eeL, 0xa129ca6149be45e5L,
    0x3f2acc7f57c29bdbL, 0x699ae9f52cbe4794L, 0x4bc1b3f0968dd39cL, 0xbb6dc91da77961bdL,
    0xbed65cf21aa2ee98L, 0xd0f2cbb02e3b67c7L, 0x93536795e3a33e88L, 0xa80c038ccd5ccec8L,
  };

  @Test
  void matchesReferenceVectorsForEveryLength() {
    for (int length = 0; length <= SipHash24.MAX_LENGTH; length++) {
      final long[] words = messageWords(length);
      assertThat(SipHash24.hash(K0, K1, words[0], words[1], words[2], length))
          .as("length %d", length)
          .isEqualTo(EXPECTED[length]);
    }
  }

  @Test
  void ignoresBytesBeyondTheLength() {
    for (int length = 0; length <= SipHash24.MAX_LENGTH; length++) {
      final long[] words = messageWords(length);
      // Fill every byte at or after `length` with junk; the hash must not change.
      for (int i = length; i < 24; i++) {
        words[i >>> 3] |= 0xA5L << (8 * (i & 7));
      }
      assertThat(SipHash24.hash(K0, K1, words[0], words[1], words[2], length))
          .as("length %d", length)
          .isEqualTo(EXPECTED[length]);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 24, Integer.MAX_VALUE})
  void rejectsLengthsItCannotHash(int length) {
    assertThatThrownBy(() -> SipHash24.hash(K0, K1, 0, 0, 0, length))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Message 00 01 .. length-1 as three little-endian words, zero beyond the length. */
  private static long[] messageWords(int length) {
    final long[] words = new long[3];
    for (int i = 0; i < length; i++) {
      words[i >>> 3] |= (long) i << (8 * (i & 7));
    }
    return words;
  }
}
