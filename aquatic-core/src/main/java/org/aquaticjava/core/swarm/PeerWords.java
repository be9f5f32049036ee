package org.aquaticjava.core.swarm;

/**
 * Layout of peers as {@code long} words, in the store and in {@link AnnounceSlot#peerWords}.
 *
 * <pre>
 * IPv4 peer, one word:
 *   63            32 31        16 15 14            0
 *  +----------------+------------+--+---------------+
 *  |  IPv4 address  |    port    |S | announce tick |
 *  +----------------+------------+--+---------------+
 *
 * IPv6 peer, three words:
 *   word 0: address bytes 0-7 (big-endian)
 *   word 1: address bytes 8-15 (big-endian)
 *   word 2: bits 31-16 port, bit 15 S, bits 14-0 announce tick (bits 63-32 zero)
 * </pre>
 *
 * The low 16 bits ({@code meta}) are the seeder flag S and the wrapping tick of the last announce
 * (see {@link SwarmSettings#tickSeconds()}); the remaining bits of the last word are the peer's
 * key together with the address words. Stateless; thread-safe.
 */
public final class PeerWords {
  /** Words per IPv4 peer. */
  public static final int IPV4_STRIDE = 1;

  /** Words per IPv6 peer. */
  public static final int IPV6_STRIDE = 3;

  static final long META_MASK = 0xFFFFL;
  static final long KEY_MASK = ~META_MASK;
  static final int SEEDER_BIT = 0x8000;
  static final int TICK_MASK = 0x7FFF;
  static final int TICK_MODULUS = TICK_MASK + 1;

  private PeerWords() {}

  /** The IPv4 address of an IPv4 peer word. */
  public static int ipv4(long word) {
    return (int) (word >>> 32);
  }

  /** The port of an IPv4 peer word or of the last word of an IPv6 peer. */
  public static int port(long word) {
    return (int) (word >>> 16) & 0xFFFF;
  }

  /** Whether the peer (IPv4 word or last IPv6 word) announced as a seeder. */
  public static boolean seeder(long word) {
    return (word & SEEDER_BIT) != 0;
  }

  static int tick(long word) {
    return (int) word & TICK_MASK;
  }

  static long meta(boolean seeder, int tick) {
    return (seeder ? SEEDER_BIT : 0) | (tick & TICK_MASK);
  }
}
