package org.aquaticjava.core.config;

/**
 * The address keys every tracker's {@code [network]} section has, so the code that opens the
 * listeners serves all of them. The config records implement it with their components.
 */
public interface NetworkAddresses {
  /** {@code use_ipv4}. */
  boolean useIpv4();

  /** {@code use_ipv6}. */
  boolean useIpv6();

  /** {@code address_ipv4}, an IPv4 {@link SocketAddressKey}. */
  String addressIpv4();

  /** {@code address_ipv6}, an IPv6 {@link SocketAddressKey}. */
  String addressIpv6();

  /** {@code set_only_ipv6}: IPV6_V6ONLY on the IPv6 listener. */
  boolean setOnlyIpv6();
}
