package org.aquaticjava.core.connid;

import java.security.SecureRandom;

/**
 * The 128-bit SipHash key that {@link ConnectionIdValidator} signs connection ids with. It is a
 * secret: whoever knows it can forge ids for any address. Warm restart persists it (in a file of
 * mode 0600) so that ids issued before a restart stay valid after it.
 *
 * @param k0 key bits 0-63
 * @param k1 key bits 64-127
 */
public record ConnectionIdKey(long k0, long k1) {

  /** A fresh key from {@link SecureRandom}. */
  public static ConnectionIdKey random() {
    final SecureRandom random = new SecureRandom();
    return new ConnectionIdKey(random.nextLong(), random.nextLong());
  }

  /** Never prints the key bits. */
  @Override
  public String toString() {
    return "ConnectionIdKey[redacted]";
  }
}
