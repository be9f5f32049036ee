package org.aquaticjava.netty;

import java.util.List;

/**
 * What the stats page says about one running protocol.
 *
 * @param protocol {@code udp}, {@code http} or {@code ws}
 * @param addresses the bound listen addresses, {@code host:port} ({@code [v6]:port})
 * @param socketWorkers its event loops
 * @param transport the I/O transport: {@code io_uring}, {@code epoll} or {@code nio}
 */
public record ServedProtocol(
    String protocol, List<String> addresses, int socketWorkers, String transport) {
  public ServedProtocol {
    addresses = List.copyOf(addresses);
  }
}
