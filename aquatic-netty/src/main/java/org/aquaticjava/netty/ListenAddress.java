package org.aquaticjava.netty;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.HostPort;
import org.aquaticjava.core.config.SocketAddressKey.Family;

/**
 * One address a tracker listens on, in one address family: an AF_INET socket group for {@code
 * network.address_ipv4}, an AF_INET6 one for {@code network.address_ipv6}. Immutable.
 *
 * @param host the host as configured (for messages: {@code ::1}, not its expanded form)
 * @param address where to bind; a host name in the config is resolved in this family
 * @param ipv6 whether the sockets are AF_INET6
 * @param ipv6Only for IPv6: whether to set IPV6_V6ONLY ({@code network.set_only_ipv6})
 */
public record ListenAddress(
    String host, InetSocketAddress address, boolean ipv6, boolean ipv6Only) {
  /** The config key of the IPv4 address. */
  public static final String KEY_IPV4 = "network.address_ipv4";

  /** The config key of the IPv6 address. */
  public static final String KEY_IPV6 = "network.address_ipv6";

  /** The IPv4 listener of {@code configured} ({@code network.address_ipv4}). */
  public static ListenAddress ipv4(String configured) throws ConfigException {
    final HostPort hostPort = HostPort.parse(configured);
    return new ListenAddress(
        hostPort.host(), resolve(hostPort, Family.IPV4, KEY_IPV4), false, false);
  }

  /** The IPv6 listener of {@code configured} ({@code network.address_ipv6}). */
  public static ListenAddress ipv6(String configured, boolean ipv6Only) throws ConfigException {
    final HostPort hostPort = HostPort.parse(configured);
    return new ListenAddress(
        hostPort.host(), resolve(hostPort, Family.IPV6, KEY_IPV6), true, ipv6Only);
  }

  private static InetSocketAddress resolve(HostPort configured, Family family, String key)
      throws ConfigException {
    try {
      return configured.toInetSocketAddress(family, key);
    } catch (UnknownHostException e) {
      final String message = e.getMessage();
      throw new ConfigException(
          List.of(
              message != null && message.startsWith(key)
                  ? message
                  : key + ": cannot resolve \"" + configured + "\": " + message));
    }
  }

  /** This listener on {@code port}: later sockets of a group share the port the first one got. */
  public ListenAddress withPort(int port) {
    return new ListenAddress(
        host, new InetSocketAddress(address.getAddress(), port), ipv6, ipv6Only);
  }

  /** {@code "4"} or {@code "6"}, the {@code ip_version} metric label. */
  public String ipVersion() {
    return ipv6 ? "6" : "4";
  }

  /** The config key this address comes from. */
  public String key() {
    return ipv6 ? KEY_IPV6 : KEY_IPV4;
  }

  /** {@code host:port} or {@code [host]:port}, as in config files. */
  @Override
  public String toString() {
    return new HostPort(host, address.getPort()).toString();
  }
}
