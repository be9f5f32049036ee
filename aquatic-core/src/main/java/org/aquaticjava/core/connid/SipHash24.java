package org.aquaticjava.core.connid;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012) over messages of at most 23 bytes, given as three
 * little-endian 64-bit words. Hand-written because {@code javax.crypto.Mac} allocates per call and
 * is several times slower for messages this short.
 *
 * <p>Message byte {@code i} is byte {@code i % 8} (least significant first) of word {@code i / 8};
 * bytes at and beyond {@code length} are ignored. This is exactly the byte-oriented definition of
 * the paper, so its reference vectors apply. Stateless and thread-safe.
 */
final class SipHash24 {
  /** Longest message this implementation accepts: two full words plus a 7-byte tail. */
  static final int MAX_LENGTH = 23;

  private SipHash24() {}

  /**
   * Hashes the first {@code length} bytes of {@code w0 || w1 || w2} under the 128-bit key {@code
   * (k0, k1)} (key bytes 0-7 and 8-15, little-endian).
   *
   * @throws IllegalArgumentException if {@code length} is outside 0..{@value #MAX_LENGTH}
   */
  static long hash(long k0, long k1, long w0, long w1, long w2, int length) {
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("message length " + length + " outside 0.." + MAX_LENGTH);
    }
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    final int lastBlock = length >>> 3;
    final int tailBytes = length & 7;
    final long tailMask = tailBytes == 0 ? 0L : -1L >>> (64 - 8 * tailBytes);
    // Blocks 0..lastBlock are compressed with 2 rounds each (the last carries the tail and the
    // length byte); block lastBlock + 1 is the finalization with 4 rounds.
    for (int block = 0; block <= lastBlock + 1; block++) {
      final boolean finalization = block > lastBlock;
      long m = 0;
      if (finalization) {
        v2 ^= 0xff;
      } else {
        m = block == 0 ? w0 : block == 1 ? w1 : w2;
        if (block == lastBlock) {
          m = (m & tailMask) | ((long) length << 56);
        }
        v3 ^= m;
      }
      for (int round = finalization ? 4 : 2; round > 0; round--) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
      }
      v0 ^= m;
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }
}
