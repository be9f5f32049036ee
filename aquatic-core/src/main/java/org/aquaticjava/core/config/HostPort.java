package org.aquaticjava.core.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A {@link SocketAddressKey} value taken apart: {@code host:port}, or {@code [v6]:port} for IPv6.
 * The host is an IPv4 literal, a bracketed IPv6 literal or a DNS name; the port is 0 to 65535, 0
 * asking the OS for an ephemeral port. Immutable.
 *
 * @param host the host without brackets, e.g. {@code 0.0.0.0}, {@code ::} or {@code localhost}
 * @param port the port, 0 to 65535
 */
public record HostPort(String host, int port) {

  /**
   * Parses {@code text}, throwing {@link IllegalArgumentException} with a message that says what
   * is wrong (the loader shows it next to the key).
   */
  public static HostPort parse(String text) {
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(text, "missing \"]\" after the IPv6 address");
      } else if (close + 1 == text.length() || text.charAt(close + 1) != ':') {
        throw invalid(text, "missing \":port\" after \"]\"");
      }
      String literal = text.substring(1, close);
      int port = parsePort(text, text.substring(close + 2));
      try {
        Inet6Address.ofLiteral(literal);
      } catch (IllegalArgumentException e) {
        throw invalid(text, "\"" + literal + "\" is not an IPv6 address");
      }
      return new HostPort(literal, port);
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(text, "missing \":port\"");
    }
    String host = text.substring(0, colon);
    int port = parsePort(text, text.substring(colon + 1));
    if (host.isEmpty()) {
      throw invalid(text, "missing host (use 0.0.0.0 or [::] for all interfaces)");
    } else if (host.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
      throw invalid(text, "an IPv6 address needs brackets, as in [::1]:3000");
    } else if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
      checkIpv4(text, host);
    } else {
      checkDnsName(text, host);
    }
    return new HostPort(host, port);
  }

  /**
   * The address to bind or connect to. Literal hosts need no lookup; a DNS name is resolved here,
   * which may block.
   */
  public InetSocketAddress toInetSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  /**
   * The address to bind in one address family: a literal as it is, a DNS name resolved to its
   * first address of {@code family} (which may block).
   *
   * @param key the config key, for the error
   * @throws UnknownHostException naming the key if the name has no address of that family
   */
  public InetSocketAddress toInetSocketAddress(SocketAddressKey.Family family, String key)
      throws UnknownHostException {
    for (InetAddress address : InetAddress.getAllByName(host)) {
      final boolean ipv6 = address instanceof Inet6Address;
      if (family == SocketAddressKey.Family.ANY
          || ipv6 == (family == SocketAddressKey.Family.IPV6)) {
        return new InetSocketAddress(address, port);
      }
    }
    throw new UnknownHostException(
        key + ": \"" + host + "\" has no " + familyName(family) + " address");
  }

  /**
   * Checks that a literal host is of {@code family} (a DNS name is checked when it is resolved).
   *
   * @param key the key's name, e.g. {@code address_ipv4}, for the message
   * @throws IllegalArgumentException saying which family the key takes
   */
  HostPort requireFamily(SocketAddressKey.Family family, String key) {
    final boolean ipv6Literal = host.indexOf(':') >= 0;
    final boolean ipv4Literal =
        !ipv6Literal && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if ((family == SocketAddressKey.Family.IPV4 && ipv6Literal)
        || (family == SocketAddressKey.Family.IPV6 && ipv4Literal)) {
      throw new IllegalArgumentException(
          "\""
              + this
              + "\" is an "
              + (ipv6Literal ? "IPv6" : "IPv4")
              + " address, but "
              + key
              + " takes an "
              + familyName(family)
              + " address such as "
              + (family == SocketAddressKey.Family.IPV4 ? "0.0.0.0:3000" : "[::]:3000"));
    }
    return this;
  }

  private static String familyName(SocketAddressKey.Family family) {
    return switch (family) {
      case IPV4 -> "IPv4";
      case IPV6 -> "IPv6";
      case ANY -> "IPv4 or IPv6";
    };
  }

  /** The config spelling, brackets included for IPv6: parsing it gives this record back. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  private static int parsePort(String text, String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(text, "port must be a number from 0 to 65535");
    }
    int value = Integer.parseInt(port);
    if (value > 65_535) {
      throw invalid(text, "port must be a number from 0 to 65535");
    }
    return value;
  }

  private static void checkIpv4(String text, String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      throw invalid(text, "\"" + host + "\" is not an IPv4 address");
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
        throw invalid(text, "\"" + host + "\" is not an IPv4 address");
      }
    }
  }

  private static void checkDnsName(String text, String host) {
    if (host.length() > 253) {
      throw invalid(text, "host name longer than 253 characters");
    }
    for (String label : host.split("\\.", -1)) {
      boolean valid =
          !label.isEmpty()
              && label.length() <= 63
              && label.charAt(0) != '-'
              && label.charAt(label.length() - 1) != '-'
              && label.chars().allMatch(HostPort::isLabelChar);
      if (!valid) {
        throw invalid(text, "\"" + host + "\" is not a valid host name");
      }
    }
  }

  private static boolean isLabelChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }

  private static IllegalArgumentException invalid(String text, String reason) {
    return new IllegalArgumentException(
        "\"" + text + "\" is not host:port or [ipv6]:port: " + reason);
  }
}
