package org.aquaticjava.core.limit;

import it.unimi.dsi.fastutil.HashCommon;
import org.aquaticjava.core.swarm.PeerAddress;

/**
 * Maps a source address to the 64-bit key its limits are kept under: the address cut to its
 * prefix (IPv4 {@code /32} and IPv6 {@code /64} by default, so one host, or one IPv6 customer
 * network, is one source), mixed with a per-instance random seed so that clients cannot choose
 * addresses that crowd one set of a {@link SourceTable}.
 *
 * <p>Keys of different prefixes collide with probability 2<sup>-64</sup> per pair (two sources
 * would then share their limits); never 0, which marks an empty table slot. Immutable and
 * thread-safe; allocation-free.
 */
public final class SourceKeys {
  private static final long IPV4_TAG = 1L << 40;

  private final long seed;
  private final int ipv4Mask;
  private final long ipv6HighMask;
  private final long ipv6LowMask;

  /**
   * @param ipv4PrefixLength leading bits of an IPv4 address that make a source, 1 to 32
   * @param ipv6PrefixLength leading bits of an IPv6 address that make a source, 1 to 128
   * @param seed the mixing seed (random in production, fixed in tests)
   */
  public SourceKeys(int ipv4PrefixLength, int ipv6PrefixLength, long seed) {
    if (ipv4PrefixLength < 1 || ipv4PrefixLength > 32) {
      throw new IllegalArgumentException("IPv4 prefix length must be 1 to 32: " + ipv4PrefixLength);
    }
    if (ipv6PrefixLength < 1 || ipv6PrefixLength > 128) {
      throw new IllegalArgumentException("IPv6 prefix length must be 1 to 128: " + ipv6PrefixLength);
    }
    this.seed = seed;
    this.ipv4Mask = (int) (-1L << (32 - ipv4PrefixLength));
    this.ipv6HighMask = ipv6PrefixLength >= 64 ? -1L : -1L << (64 - ipv6PrefixLength);
    this.ipv6LowMask = ipv6PrefixLength <= 64 ? 0 : -1L << (128 - ipv6PrefixLength);
  }

  /** The key of an IPv4 source ({@code address} in network order as an int). */
  public long ipv4(int address) {
    return nonZero(HashCommon.mix(seed ^ (IPV4_TAG | ((address & ipv4Mask) & 0xFFFF_FFFFL))));
  }

  /** The key of an IPv6 source (high and low 64 bits of the address). */
  public long ipv6(long high, long low) {
    return nonZero(
        HashCommon.mix(HashCommon.mix(seed ^ (high & ipv6HighMask)) + (low & ipv6LowMask)));
  }

  /** The key of a source given as its canonical address (IPv4-mapped IPv6 is already IPv4). */
  public long of(PeerAddress address) {
    return address.isIpv6() ? ipv6(address.ipv6High(), address.ipv6Low()) : ipv4(address.ipv4());
  }

  private static long nonZero(long key) {
    return key == 0 ? 1 : key;
  }
}
