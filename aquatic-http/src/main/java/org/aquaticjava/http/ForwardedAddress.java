package org.aquaticjava.http;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Extracts the client address from the header values a reverse proxy set (protocols.md §3.10).
 * Only IP literals are accepted, never a name to resolve. Stateless and thread-safe.
 *
 * <ul>
 *   <li>{@code X-Forwarded-For}: all occurrences form one comma-separated list; the last entry is
 *       the address our proxy saw (earlier entries are client-controlled).
 *   <li>{@code X-Real-IP}: the last occurrence.
 *   <li>{@code Forwarded}: the {@code for=} parameter of the last element, quotes, brackets and
 *       port removed; {@code unknown} and obfuscated identifiers are refused.
 * </ul>
 *
 * An entry may carry a port ({@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}), which is ignored.
 */
final class ForwardedAddress {
  private ForwardedAddress() {}

  /** The client address, or null if the values hold none that parses. */
  static @Nullable InetAddress parse(ReverseProxyHeader header, List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    final String last = values.getLast();
    return switch (header) {
      case X_FORWARDED_FOR -> literal(last.substring(last.lastIndexOf(',') + 1));
      case X_REAL_IP -> literal(last);
      case FORWARDED -> forwardedFor(last.substring(last.lastIndexOf(',') + 1));
    };
  }

  private static @Nullable InetAddress forwardedFor(String element) {
    for (String pair : element.split(";", -1)) {
      final String trimmed = pair.strip();
      if (trimmed.length() > 4 && trimmed.substring(0, 4).toLowerCase(Locale.ROOT).equals("for=")) {
        String value = trimmed.substring(4);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return literal(value);
      }
    }
    return null;
  }

  /** An IP literal, optionally bracketed and with a port; null for anything else. */
  static @Nullable InetAddress literal(String text) {
    String host = text.strip();
    if (host.startsWith("[")) {
      final int close = host.indexOf(']');
      if (close < 0 || !(close == host.length() - 1 || host.charAt(close + 1) == ':')) {
        return null;
      }
      host = host.substring(1, close);
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      host = host.substring(0, host.indexOf(':')); // IPv4 with a port
    }
    return IpLiteral.parse(host);
  }
}
