package org.aquaticjava.core.config;

/**
 * The listening-socket settings of the TCP protocols (HTTP, WebTorrent), {@link Inline inlined}
 * into their {@code [network]} tables.
 */
public record TcpConfig(
    @Doc("Pending connections the kernel queues per listening socket (listen backlog).")
        @Range(min = 1, max = 65_535)
        int tcpBacklog) {

  public static final TcpConfig DEFAULTS = new TcpConfig(1024);
}
