package org.aquaticjava.http;

import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/**
 * Strict IP literal parsing: IPv4 only as four decimal octets ({@code 10.0.0.1}; the shortened
 * {@code 10.0.1} and octal or hex forms the JDK and inet_aton accept are refused, since a proxy
 * never writes them and a config must not be ambiguous), IPv6 as the JDK reads it. Never a DNS
 * lookup. Stateless and thread-safe.
 */
final class IpLiteral {
  private IpLiteral() {}

  /** The address, or null if {@code text} is not a literal of that form. */
  static @Nullable InetAddress parse(String text) {
    if (text.indexOf(':') < 0 && !isDottedQuad(text)) {
      return null;
    }
    try {
      return InetAddress.ofLiteral(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isDottedQuad(String text) {
    int parts = 0;
    int digits = 0;
    int value = 0;
    for (int i = 0; i <= text.length(); i++) {
      final char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || value > 255) {
          return false;
        }
        parts++;
        digits = 0;
        value = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
      } else {
        return false;
      }
    }
    return parts == 4;
  }
}
