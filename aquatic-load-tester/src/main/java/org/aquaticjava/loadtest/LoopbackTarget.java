package org.aquaticjava.loadtest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Resolves the load tester's target and refuses anything but loopback: a load generator must never
 * be pointed at someone else's tracker. The check runs on the resolved address, so a host name
 * that resolves elsewhere is refused too.
 */
public final class LoopbackTarget {
  private LoopbackTarget() {}

  /**
   * Resolves {@code hostAndPort} ({@code host:port}, {@code [v6]:port}) and returns it if it is a
   * loopback address (127.0.0.0/8 or ::1).
   *
   * @throws IllegalArgumentException with a message for the user if the text is malformed, the
   *     host does not resolve or the address is not loopback
   */
  public static InetSocketAddress resolve(String hostAndPort) {
    final int colon = hostAndPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostAndPort.length() - 1) {
      throw new IllegalArgumentException(
          "server address '" + hostAndPort + "' is not host:port or [ipv6]:port");
    }
    String host = hostAndPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "server address '" + hostAndPort + "': write IPv6 addresses in brackets, e.g. [::1]:3000");
    }
    final int port;
    try {
      port = Integer.parseInt(hostAndPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("server address '" + hostAndPort + "': bad port", e);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "server address '" + hostAndPort + "': port must be 1..65535");
    }
    final InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "server address '" + hostAndPort + "': cannot resolve " + host, e);
    }
    if (!address.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "refusing to load-test "
              + address.getHostAddress()
              + " (from '"
              + hostAndPort
              + "'): only loopback targets (127.0.0.0/8, ::1) are allowed");
    }
    return new InetSocketAddress(address, port);
  }
}
