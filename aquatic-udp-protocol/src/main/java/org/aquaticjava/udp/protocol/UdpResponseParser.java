package org.aquaticjava.udp.protocol;

import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_ANNOUNCE;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_CONNECT;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_ERROR;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_SCRAPE;
import static org.aquaticjava.udp.protocol.UdpProtocol.ANNOUNCE_RESPONSE_HEADER_LENGTH;
import static org.aquaticjava.udp.protocol.UdpProtocol.CONNECT_RESPONSE_LENGTH;
import static org.aquaticjava.udp.protocol.UdpProtocol.ERROR_RESPONSE_HEADER_LENGTH;
import static org.aquaticjava.udp.protocol.UdpProtocol.SCRAPE_ENTRY_LENGTH;
import static org.aquaticjava.udp.protocol.UdpProtocol.SCRAPE_RESPONSE_HEADER_LENGTH;

import io.netty.buffer.ByteBuf;

/**
 * Parses tracker responses, client side, into a reusable {@link UdpResponse}. Never throws for any
 * byte content; allocates nothing. Layouts are drawn on {@link UdpResponseWriter}. Stateless and
 * thread-safe.
 *
 * <p>Checks what BEP 15 asks clients to check, plus that the body is whole: connect ≥ 16 bytes,
 * announce ≥ 20 bytes with a whole number of peers of the expected family, scrape a whole number
 * of 12-byte entries, error ≥ 8 bytes. Matching the transaction id is the caller's job.
 */
public final class UdpResponseParser {
  private UdpResponseParser() {}

  /**
   * Parses the readable bytes of {@code datagram} without moving any index.
   *
   * @param family the address family of the exchange, which decides the peer format
   */
  public static UdpResponseOutcome parse(ByteBuf datagram, AddressFamily family, UdpResponse out) {
    final int length = datagram.readableBytes();
    if (length < ERROR_RESPONSE_HEADER_LENGTH) {
      return out.malformed();
    }
    final int base = datagram.readerIndex();
    final int transactionId = datagram.getInt(base + 4);
    return switch (datagram.getInt(base)) {
      case ACTION_CONNECT ->
          length < CONNECT_RESPONSE_LENGTH
              ? out.malformed()
              : out.connect(transactionId, datagram.getLong(base + 8));
      case ACTION_ANNOUNCE -> parseAnnounce(datagram, family, base, length, transactionId, out);
      case ACTION_SCRAPE -> {
        final int body = length - SCRAPE_RESPONSE_HEADER_LENGTH;
        yield body % SCRAPE_ENTRY_LENGTH != 0
            ? out.malformed()
            : out.scrape(
                datagram,
                transactionId,
                base + SCRAPE_RESPONSE_HEADER_LENGTH,
                body / SCRAPE_ENTRY_LENGTH);
      }
      case ACTION_ERROR ->
          out.error(
              datagram,
              transactionId,
              base + ERROR_RESPONSE_HEADER_LENGTH,
              length - ERROR_RESPONSE_HEADER_LENGTH);
      default -> out.malformed();
    };
  }

  private static UdpResponseOutcome parseAnnounce(
      ByteBuf datagram,
      AddressFamily family,
      int base,
      int length,
      int transactionId,
      UdpResponse out) {
    final int body = length - ANNOUNCE_RESPONSE_HEADER_LENGTH;
    if (body < 0 || body % family.peerLength() != 0) {
      return out.malformed();
    }
    return out.announce(
        datagram,
        family,
        transactionId,
        datagram.getInt(base + 8),
        datagram.getInt(base + 12),
        datagram.getInt(base + 16),
        base + ANNOUNCE_RESPONSE_HEADER_LENGTH,
        body / family.peerLength());
  }
}
