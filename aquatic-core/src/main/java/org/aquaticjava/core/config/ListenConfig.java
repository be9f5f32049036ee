package org.aquaticjava.core.config;

import org.aquaticjava.core.config.SocketAddressKey.Family;

/**
 * Where a tracker listens: the address families and their addresses. One record for every
 * protocol, {@link Inline inlined} into its {@code [network]} table so the keys stay where they
 * always were ({@code network.use_ipv4}, ...). Port 0 picks a free port (tests). The compact
 * constructor rejects both families off.
 */
public record ListenConfig(
    @Doc("Listen on IPv4.") boolean useIpv4,
    @Doc("Listen on IPv6.") boolean useIpv6,
    @Doc("IPv4 address and port to listen on.") @SocketAddressKey(family = Family.IPV4)
        String addressIpv4,
    @Doc("IPv6 address and port to listen on.") @SocketAddressKey(family = Family.IPV6)
        String addressIpv6,
    @Doc(
            "Set IPV6_V6ONLY on the IPv6 socket (epoll and io_uring; NIO sockets are always"
                + " dual-stack). IPv4 clients reaching the IPv6 socket are served as IPv4.")
        boolean setOnlyIpv6) {

  public ListenConfig {
    new ConfigChecks().anAddressFamily(useIpv4, useIpv6).throwIfAny();
  }

  /** Both families on the wildcard addresses, at {@code port}, IPV6_V6ONLY set. */
  public static ListenConfig everywhere(int port) {
    return new ListenConfig(true, true, "0.0.0.0:" + port, "[::]:" + port, true);
  }
}
