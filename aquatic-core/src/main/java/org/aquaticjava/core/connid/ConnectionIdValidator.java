package org.aquaticjava.core.connid;

/**
 * Issues and checks stateless UDP connection ids.
 *
 * <pre>
 *  0               4               8
 * +---------------+---------------+
 * | issued (u32)  |   MAC (u32)   |     issued = seconds since process start (server clock)
 * +---------------+---------------+     MAC    = low 32 bits of SipHash-2-4(key, issued, IP)
 * </pre>
 *
 * <p>The key ({@link ConnectionIdKey}) is 128 random bits; a restart with a new key invalidates
 * every outstanding id and clients simply reconnect, while warm restart hands the previous key
 * (and the continued server clock) to the new process so that outstanding ids stay valid. The MAC covers the source IP but <em>not</em> the
 * port (NAT may change ports between requests). IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d})
 * are hashed as the IPv4 address, so an id is valid over either socket. The message is 8 bytes
 * ({@code issued | ipv4 << 32}) for IPv4 and 20 bytes ({@code ipv6Hi, ipv6Lo, issued}) for IPv6;
 * the lengths differ, so the two families never share a MAC input.
 *
 * <p>An id is {@link ConnectionIdValidity#VALID} iff its MAC matches, {@code now - issued <
 * maxAgeSeconds + graceSeconds} and {@code issued <= now + }{@value #MAX_FUTURE_SECONDS}. The last
 * rule stops an attacker from brute-forcing (about 2^31 guesses) a single id with a far-future
 * issue time that would then never expire.
 *
 * <p>Immutable and thread-safe; {@code issue} and {@code validate} allocate nothing. Callers pass
 * the clock reading ({@link org.aquaticjava.core.time.ServerClock#secondsSinceStart()}) so that it
 * is read once per batch rather than once per request.
 */
public final class ConnectionIdValidator {
  /** Ids claiming to be issued more than this many seconds in the future are rejected. */
  public static final int MAX_FUTURE_SECONDS = 60;

  private static final int IPV4_MESSAGE_LENGTH = 8;
  private static final int IPV6_MESSAGE_LENGTH = 20;
  private static final long IPV4_MAPPED_PREFIX = 0x0000_ffffL;

  private final long k0;
  private final long k1;
  private final long lifetimeSeconds;

  /**
   * A validator with a fresh random key.
   *
   * @param maxAgeSeconds {@code cleaning.max_connection_age}: ids are valid this long (BEP 15: 120)
   * @param graceSeconds extra seconds still accepted, for clients that reuse ids too long
   */
  public ConnectionIdValidator(int maxAgeSeconds, int graceSeconds) {
    this(ConnectionIdKey.random(), maxAgeSeconds, graceSeconds);
  }

  /** A validator signing with {@code key} (e.g. the one restored from a warm-restart snapshot). */
  public ConnectionIdValidator(ConnectionIdKey key, int maxAgeSeconds, int graceSeconds) {
    this(key.k0(), key.k1(), maxAgeSeconds, graceSeconds);
  }

  /** A validator with a fixed key, for tests and benchmarks that need reproducible ids. */
  static ConnectionIdValidator withKey(long k0, long k1, int maxAgeSeconds, int graceSeconds) {
    return new ConnectionIdValidator(k0, k1, maxAgeSeconds, graceSeconds);
  }

  private ConnectionIdValidator(long k0, long k1, int maxAgeSeconds, int graceSeconds) {
    if (maxAgeSeconds <= 0 || graceSeconds < 0) {
      throw new IllegalArgumentException(
          "maxAgeSeconds must be > 0 and graceSeconds >= 0, got "
              + maxAgeSeconds
              + " and "
              + graceSeconds);
    }
    this.k0 = k0;
    this.k1 = k1;
    this.lifetimeSeconds = (long) maxAgeSeconds + graceSeconds;
  }

  /** A connection id for an IPv4 source ({@code ipv4} in network order, as read big-endian). */
  public long issue(int ipv4, int nowSeconds) {
    return ((long) nowSeconds << 32) | (macIpv4(nowSeconds, ipv4) & 0xffff_ffffL);
  }

  /**
   * A connection id for an IPv6 source given as its high and low 64 bits (big-endian). An
   * IPv4-mapped address gets the same id as the IPv4 address.
   */
  public long issue(long ipv6Hi, long ipv6Lo, int nowSeconds) {
    return ((long) nowSeconds << 32) | (macIpv6(nowSeconds, ipv6Hi, ipv6Lo) & 0xffff_ffffL);
  }

  /** Checks an id received from an IPv4 source. */
  public ConnectionIdValidity validate(long connectionId, int ipv4, int nowSeconds) {
    final int issued = (int) (connectionId >>> 32);
    return judge(issued, macIpv4(issued, ipv4) ^ (int) connectionId, nowSeconds);
  }

  /** Checks an id received from an IPv6 source (IPv4-mapped addresses count as IPv4). */
  public ConnectionIdValidity validate(
      long connectionId, long ipv6Hi, long ipv6Lo, int nowSeconds) {
    final int issued = (int) (connectionId >>> 32);
    return judge(issued, macIpv6(issued, ipv6Hi, ipv6Lo) ^ (int) connectionId, nowSeconds);
  }

  /**
   * {@code macDifference} is the XOR of the expected and received MAC: comparing one int with zero
   * takes the same time whichever bits differ, unlike a byte-wise early-exit comparison.
   */
  private ConnectionIdValidity judge(int issued, int macDifference, int nowSeconds) {
    if (macDifference != 0) {
      return ConnectionIdValidity.FORGED;
    }
    final long issuedSeconds = Integer.toUnsignedLong(issued);
    if (issuedSeconds > (long) nowSeconds + MAX_FUTURE_SECONDS) {
      return ConnectionIdValidity.FROM_FUTURE;
    }
    if ((long) nowSeconds - issuedSeconds >= lifetimeSeconds) {
      return ConnectionIdValidity.EXPIRED;
    }
    return ConnectionIdValidity.VALID;
  }

  private int macIpv4(int issued, int ipv4) {
    final long message = Integer.toUnsignedLong(issued) | ((long) ipv4 << 32);
    return (int) SipHash24.hash(k0, k1, message, 0, 0, IPV4_MESSAGE_LENGTH);
  }

  private int macIpv6(int issued, long ipv6Hi, long ipv6Lo) {
    if (ipv6Hi == 0 && (ipv6Lo >>> 32) == IPV4_MAPPED_PREFIX) {
      return macIpv4(issued, (int) ipv6Lo);
    }
    return (int)
        SipHash24.hash(
            k0, k1, ipv6Hi, ipv6Lo, Integer.toUnsignedLong(issued), IPV6_MESSAGE_LENGTH);
  }
}
