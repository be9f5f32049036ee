/**
 * {@code aquatic-load-test udp}: BEP 15 load over plain non-blocking, connected {@link
 * java.nio.channels.DatagramChannel}s, with real connect handshakes, connection-id renewal,
 * pipelined requests attributed by transaction id, and validation of every reply. Requests are
 * written and replies parsed by the client side of {@code aquatic-udp-protocol}. The sockets may be
 * bound to many loopback source addresses ({@code [sources]}), and {@code mode =
 * "connect_flood"} sends a spoofed-source connect flood instead ({@link
 * org.aquaticjava.loadtest.udp.UdpConnectFloodWorker}).
 *
 * <p>{@link org.aquaticjava.loadtest.udp.UdpLoadTest#run} is the in-process entry point for tests.
 */
@NullMarked
package org.aquaticjava.loadtest.udp;

import org.jspecify.annotations.NullMarked;
