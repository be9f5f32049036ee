package org.aquaticjava.loadtest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Loopback source addresses a load tester binds its sockets to, so that one process looks like many
 * clients to a tracker's per-source limits: the first {@code count} addresses of an IPv4 CIDR block
 * inside 127.0.0.0/8 (Linux answers on every address of 127.0.0.0/8 without configuration).
 *
 * <p>Addresses are numbered from 0 in ascending order; {@link #address} wraps around, so any
 * number of sockets can draw from a smaller range (sockets then share addresses). Immutable and
 * thread-safe. Only loopback: a block outside 127.0.0.0/8 is refused.
 */
public final class SourceAddressRange {
  /** 127.0.0.0 as an unsigned 32-bit value. */
  private static final int LOOPBACK_NET = 127 << 24;

  private final int first;
  private final int size;

  private SourceAddressRange(int first, int size) {
    this.first = first;
    this.size = size;
  }

  /**
   * The first {@code count} addresses of {@code cidr} ({@code "127.1.0.0/16"}; a bare address is
   * a /32), or all of them if {@code count} is 0.
   *
   * @throws IllegalArgumentException naming {@code keyPath} if the block is malformed, not inside
   *     127.0.0.0/8, has bits set below its prefix, or holds fewer than {@code count} addresses
   */
  public static SourceAddressRange parse(String keyPath, String cidr, int count) {
    final String problem = problem(keyPath, cidr, count);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    final int slash = cidr.indexOf('/');
    final int prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    final long blockSize = 1L << (32 - prefix);
    return new SourceAddressRange(
        ipv4Bits(slash < 0 ? cidr : cidr.substring(0, slash)),
        count == 0 ? (int) Math.min(blockSize, Integer.MAX_VALUE) : count);
  }

  /** What is wrong with {@code cidr} and {@code count} (see {@link #parse}), or null if nothing. */
  public static @Nullable String problem(String keyPath, String cidr, int count) {
    final int slash = cidr.indexOf('/');
    final String address = slash < 0 ? cidr : cidr.substring(0, slash);
    final int prefix;
    try {
      prefix = slash < 0 ? 32 : Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return keyPath + " must be an IPv4 block like \"127.1.0.0/16\", got \"" + cidr + "\"";
    }
    if (prefix < 8 || prefix > 32 || !isDottedQuad(address)) {
      return keyPath + " must be an IPv4 block like \"127.1.0.0/16\" (prefix 8 to 32), got \""
          + cidr + "\"";
    }
    final int bits = ipv4Bits(address);
    if ((bits & 0xFF00_0000) != LOOPBACK_NET) {
      return keyPath + " must lie inside 127.0.0.0/8 (loopback only), got \"" + cidr + "\"";
    }
    final long blockSize = 1L << (32 - prefix);
    if ((bits & (int) (blockSize - 1)) != 0) {
      return String.format(
          Locale.ROOT,
          "%s has address bits set below its /%d prefix: \"%s\" (did you mean \"%s/%d\"?)",
          keyPath, prefix, cidr, dotted(bits & (int) -blockSize), prefix);
    }
    if (count < 0 || count > blockSize) {
      return String.format(
          Locale.ROOT,
          "%s holds %d addresses, fewer than the %d asked for", keyPath, blockSize, count);
    }
    return null;
  }

  /** Number of distinct addresses. */
  public int size() {
    return size;
  }

  /** Address number {@code index} modulo {@link #size()} as a 32-bit value. Allocation-free. */
  public int addressBits(long index) {
    return first + (int) Math.floorMod(index, (long) size);
  }

  /** Address number {@code index} modulo {@link #size()}. Allocates (for socket set-up). */
  public InetAddress address(long index) {
    final int bits = addressBits(index);
    try {
      return InetAddress.getByAddress(
          new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are always an IPv4 address", e);
    }
  }

  @Override
  public String toString() {
    return size + " address(es) from " + dotted(first);
  }

  private static boolean isDottedQuad(String address) {
    final String[] parts = address.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (final String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static int ipv4Bits(String dottedQuad) {
    int bits = 0;
    for (final String part : dottedQuad.split("\\.")) {
      bits = (bits << 8) | Integer.parseInt(part);
    }
    return bits;
  }

  private static String dotted(int bits) {
    return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
  }
}
