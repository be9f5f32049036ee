package org.aquaticjava.udp.protocol;

import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_ANNOUNCE;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_CONNECT;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_ERROR;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_SCRAPE;

import io.netty.buffer.ByteBuf;

/**
 * Writes BEP 15 responses at the writer index of a caller-provided buffer. Allocates nothing (size
 * the buffer with {@link UdpProtocol#announceResponseLength} / {@link
 * UdpProtocol#scrapeResponseLength} to avoid growth). Stateless and thread-safe.
 *
 * <pre>
 * connect   | action=0 | txid | connection_id i64 |                                   16 B
 * announce  | action=1 | txid | interval | leechers | seeders | peer* |          20 + 6n / 18n
 *             peer v4: | ip 4 B | port u16 |     peer v6: | ip 16 B | port u16 |
 * scrape    | action=2 | txid | (seeders | completed | leechers)* |               8 + 12n
 * error     | action=3 | txid | message bytes, no length, no NUL |                8 + len
 * </pre>
 *
 * A multi-part message (announce, scrape) is a header call followed by one call per peer or
 * entry, in order.
 */
public final class UdpResponseWriter {
  private UdpResponseWriter() {}

  public static void writeConnect(ByteBuf out, int transactionId, long connectionId) {
    out.writeInt(ACTION_CONNECT).writeInt(transactionId).writeLong(connectionId);
  }

  /** Starts an announce response; follow with the peers, all of the request's family. */
  public static void writeAnnounceHeader(
      ByteBuf out, int transactionId, int interval, int leechers, int seeders) {
    out.writeInt(ACTION_ANNOUNCE)
        .writeInt(transactionId)
        .writeInt(interval)
        .writeInt(leechers)
        .writeInt(seeders);
  }

  /** One IPv4 peer: the address as a big-endian int (a.b.c.d = a &lt;&lt; 24 | ...), then port. */
  public static void writeIpv4Peer(ByteBuf out, int ip, int port) {
    out.writeInt(ip).writeShort(port);
  }

  /** One IPv6 peer: address bytes 0-7 and 8-15 as big-endian longs, then port. */
  public static void writeIpv6Peer(ByteBuf out, long ipHigh, long ipLow, int port) {
    out.writeLong(ipHigh).writeLong(ipLow).writeShort(port);
  }

  /** Starts a scrape response; follow with one entry per requested hash, in request order. */
  public static void writeScrapeHeader(ByteBuf out, int transactionId) {
    out.writeInt(ACTION_SCRAPE).writeInt(transactionId);
  }

  /** One scrape entry; note BEP 15's order: seeders, completed, leechers. */
  public static void writeScrapeEntry(ByteBuf out, int seeders, int completed, int leechers) {
    out.writeInt(seeders).writeInt(completed).writeInt(leechers);
  }

  public static void writeError(ByteBuf out, int transactionId, UdpErrorMessage message) {
    out.writeInt(ACTION_ERROR).writeInt(transactionId);
    message.writeTo(out);
  }

  /** An error with any message bytes (UTF-8 text by convention). */
  public static void writeError(ByteBuf out, int transactionId, byte[] message) {
    out.writeInt(ACTION_ERROR).writeInt(transactionId).writeBytes(message);
  }
}
