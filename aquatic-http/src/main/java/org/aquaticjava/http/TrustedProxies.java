package org.aquaticjava.http;

import java.net.InetAddress;
import java.util.List;

/**
 * The networks whose connections may name the client in a proxy header. Immutable and
 * thread-safe; consulted once per connection.
 */
final class TrustedProxies {
  private final List<Cidr> networks;

  TrustedProxies(List<String> cidrs) {
    this.networks = cidrs.stream().map(Cidr::parse).toList();
  }

  boolean contains(InetAddress address) {
    final byte[] bytes = address.getAddress();
    for (Cidr network : networks) {
      if (network.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return networks.toString();
  }
}
