/**
 * BEP 15 UDP tracker wire format with BEP 41 options: parsing requests and writing responses for
 * the tracker, writing requests and parsing responses for clients (load tester, test client).
 *
 * <p>Everything here works on caller-owned {@link io.netty.buffer.ByteBuf}s. The server side
 * ({@link org.aquaticjava.udp.protocol.UdpRequestParser}, {@link
 * org.aquaticjava.udp.protocol.UdpResponseWriter}) allocates nothing per datagram. Parsers never
 * throw on malformed input: they return an outcome and, for a silent drop, a {@link
 * org.aquaticjava.udp.protocol.UdpDropReason}, or for a reply the client should see, a {@link
 * org.aquaticjava.udp.protocol.UdpErrorMessage}. No threads and no channels: the tracker and the
 * load tester share this package. All wire integers are big-endian.
 */
@NullMarked
package org.aquaticjava.udp.protocol;

import org.jspecify.annotations.NullMarked;
