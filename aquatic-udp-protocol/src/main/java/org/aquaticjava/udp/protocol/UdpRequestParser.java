package org.aquaticjava.udp.protocol;

import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_ANNOUNCE;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_CONNECT;
import static org.aquaticjava.udp.protocol.UdpProtocol.ACTION_SCRAPE;
import static org.aquaticjava.udp.protocol.UdpProtocol.ANNOUNCE_REQUEST_MIN_LENGTH;
import static org.aquaticjava.udp.protocol.UdpProtocol.CONNECT_REQUEST_LENGTH;
import static org.aquaticjava.udp.protocol.UdpProtocol.INFO_HASH_LENGTH;
import static org.aquaticjava.udp.protocol.UdpProtocol.PROTOCOL_ID;
import static org.aquaticjava.udp.protocol.UdpProtocol.SCRAPE_REQUEST_HEADER_LENGTH;

import io.netty.buffer.ByteBuf;

/**
 * Parses BEP 15 requests into a reusable {@link UdpRequest}. Never throws for any byte content and
 * allocates nothing. Immutable and thread-safe; each thread brings its own {@link UdpRequest}.
 *
 * <pre>
 * every request
 *  0               8        12       16
 * +---------------+--------+--------+- - -
 * | conn id / magic| action |  txid  | body
 * |      i64      |  i32   |  i32   |
 * +---------------+--------+--------+- - -
 *
 * announce (action 1)
 *  16               36               56         64         72         80      84    88    92       96     98
 * +----------------+----------------+----------+----------+----------+-------+-----+-----+--------+------+- - - -
 * |   info_hash    |    peer_id     |downloaded|   left   | uploaded | event |  ip | key |num_want| port | BEP 41
 * |     20 B       |     20 B       |   i64    |   i64    |   i64    |  i32  | u32 | u32 |  i32   | u16  | options
 * +----------------+----------------+----------+----------+----------+-------+-----+-----+--------+------+- - - -
 *
 * scrape (action 2)
 *  16            36            56
 * +-------------+-------------+- - -
 * | info_hash 0 | info_hash 1 | ...   n = (length - 16) / 20
 * +-------------+-------------+- - -
 * </pre>
 *
 * <p>Tolerance (protocols.md §1.8): datagrams under 16 bytes, connects without the magic, announces
 * under 98 bytes and unknown actions are dropped with a {@link UdpDropReason}. Connects and announces
 * may be longer than their fixed part; announce options are parsed leniently ({@link
 * Bep41Options}); an {@code event} outside 0..3 reads as none. Port 0, an empty scrape and a scrape
 * whose hash bytes are not a multiple of 20 yield {@link UdpParseOutcome#ERROR} with the message
 * aquatic sends. A scrape with more hashes than {@code maxScrapeTorrents} keeps the first ones and
 * reports how many were cut.
 */
public final class UdpRequestParser {
  private static final int ACTION_OFFSET = 8;
  private static final int TRANSACTION_ID_OFFSET = 12;
  private static final int INFO_HASH_OFFSET = 16;
  private static final int DOWNLOADED_OFFSET = 56;
  private static final int LEFT_OFFSET = 64;
  private static final int UPLOADED_OFFSET = 72;
  private static final int EVENT_OFFSET = 80;
  private static final int IP_ADDRESS_OFFSET = 84;
  private static final int KEY_OFFSET = 88;
  private static final int NUM_WANT_OFFSET = 92;
  private static final int PORT_OFFSET = 96;

  private final int maxScrapeTorrents;

  /**
   * @param maxScrapeTorrents most info hashes answered per scrape (aquatic's default is 70: the
   *     response then stays at 848 bytes); must be at least 1
   */
  public UdpRequestParser(int maxScrapeTorrents) {
    if (maxScrapeTorrents < 1) {
      throw new IllegalArgumentException("maxScrapeTorrents must be >= 1: " + maxScrapeTorrents);
    }
    this.maxScrapeTorrents = maxScrapeTorrents;
  }

  public int maxScrapeTorrents() {
    return maxScrapeTorrents;
  }

  /**
   * Parses the readable bytes of {@code datagram} into {@code out} without moving any index.
   * Never throws for any byte content.
   *
   * @return the outcome, also stored in {@code out}
   */
  public UdpParseOutcome parse(ByteBuf datagram, UdpRequest out) {
    final int length = datagram.readableBytes();
    if (length < CONNECT_REQUEST_LENGTH) {
      return out.drop(UdpDropReason.TOO_SHORT);
    }
    final int base = datagram.readerIndex();
    return switch (datagram.getInt(base + ACTION_OFFSET)) {
      case ACTION_CONNECT ->
          datagram.getLong(base) == PROTOCOL_ID
              ? out.connect(datagram.getInt(base + TRANSACTION_ID_OFFSET))
              : out.drop(UdpDropReason.BAD_PROTOCOL_ID);
      case ACTION_ANNOUNCE -> parseAnnounce(datagram, base, length, out);
      case ACTION_SCRAPE -> parseScrape(datagram, base, length, out);
      default -> out.drop(UdpDropReason.UNKNOWN_ACTION);
    };
  }

  private static UdpParseOutcome parseAnnounce(ByteBuf datagram, int base, int length, UdpRequest out) {
    if (length < ANNOUNCE_REQUEST_MIN_LENGTH) {
      return out.drop(UdpDropReason.TRUNCATED_ANNOUNCE);
    }
    out.ids(datagram.getLong(base), datagram.getInt(base + TRANSACTION_ID_OFFSET));
    final int port = datagram.getUnsignedShort(base + PORT_OFFSET);
    if (port == 0) {
      return out.error(UdpErrorMessage.PORT_ZERO);
    }
    out.announce(
        datagram,
        base + INFO_HASH_OFFSET,
        datagram.getLong(base + DOWNLOADED_OFFSET),
        datagram.getLong(base + LEFT_OFFSET),
        datagram.getLong(base + UPLOADED_OFFSET),
        UdpAnnounceEvent.fromWireValue(datagram.getInt(base + EVENT_OFFSET)),
        datagram.getInt(base + IP_ADDRESS_OFFSET),
        datagram.getInt(base + KEY_OFFSET),
        datagram.getInt(base + NUM_WANT_OFFSET),
        port);
    Bep41Options.parse(datagram, base + ANNOUNCE_REQUEST_MIN_LENGTH, base + length, out);
    return out.announced();
  }

  private UdpParseOutcome parseScrape(ByteBuf datagram, int base, int length, UdpRequest out) {
    out.ids(datagram.getLong(base), datagram.getInt(base + TRANSACTION_ID_OFFSET));
    final int hashBytes = length - SCRAPE_REQUEST_HEADER_LENGTH;
    if (hashBytes == 0) {
      return out.error(UdpErrorMessage.FULL_SCRAPE);
    }
    final int hashes = hashBytes / INFO_HASH_LENGTH;
    // A list longer than the limit is truncated whatever its tail looks like: a datagram larger
    // than the receive buffer arrives cut off mid-hash, and the hashes kept are intact.
    if (hashBytes % INFO_HASH_LENGTH != 0 && hashes <= maxScrapeTorrents) {
      return out.error(UdpErrorMessage.INVALID_INFO_HASH_LIST);
    }
    final int kept = Math.min(hashes, maxScrapeTorrents);
    return out.scrape(datagram, base + SCRAPE_REQUEST_HEADER_LENGTH, kept, hashes - kept);
  }
}
