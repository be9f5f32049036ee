package org.aquaticjava.http.protocol;

import static org.aquaticjava.http.protocol.Bencode.ascii;

import io.netty.buffer.ByteBuf;

/**
 * Writes bencoded announce responses (protocols.md §3.5) at the writer index of a caller-provided
 * buffer, streaming peers from primitives: no peer objects, no intermediate buffers, no
 * allocation. Stateless and thread-safe. Keys come out in bencode's sorted order.
 *
 * <p><b>Compact</b> (BEP 23 / BEP 7), what aquatic sends, plus {@code min interval}; both peer keys
 * are always present, the one not of the requester's family usually empty:
 *
 * <pre>
 * d 8:complete i&lt;seeders&gt;e 10:incomplete i&lt;leechers&gt;e 8:interval i&lt;s&gt;e 12:min interval i&lt;s&gt;e
 *   5:peers &lt;6n&gt;:(ip4 port)*  6:peers6 &lt;18m&gt;:(ip16 port)*  [15:warning message &lt;len&gt;:&lt;text&gt;] e
 * </pre>
 *
 * Call {@link #writeCompactHeader}, {@link #startIpv4Peers} with the exact count, that many {@link
 * #writeIpv4Peer}, {@link #startIpv6Peers} with the exact count, that many {@link #writeIpv6Peer},
 * then {@link #endCompact}. A count that does not match the peers written corrupts the response.
 *
 * <p><b>Dictionary list</b> (BEP 3, for {@code compact=0}); IPv4 and IPv6 peers share the list,
 * {@code ip} is text, and {@code peer id} appears only when the server passes one:
 *
 * <pre>
 * d ...same four integers... 5:peers l (d 2:ip &lt;len&gt;:&lt;text&gt; [7:peer id 20:&lt;id&gt;] 4:port i&lt;port&gt;e e)* e
 *   [15:warning message &lt;len&gt;:&lt;text&gt;] e
 * </pre>
 *
 * Call {@link #writeDictionaryHeader}, any number of {@code write*PeerDictionary}, then {@link
 * #endDictionary}.
 *
 * <p>All addresses are big-endian: IPv4 {@code a.b.c.d} is {@code a << 24 | b << 16 | c << 8 | d},
 * IPv6 is bytes 0-7 and 8-15 as two longs. Ports are 0..65535.
 */
public final class AnnounceResponseWriter {
  /** Bytes of a compact response besides the peers and the warning, with room to spare. */
  public static final int COMPACT_FIXED_MAX_LENGTH = 160;
  /** Most bytes of one dictionary-list IPv6 peer with a peer id (IPv4 peers are shorter). */
  public static final int DICTIONARY_PEER_MAX_LENGTH = 80;

  private static final byte[] COMPLETE = ascii("d8:completei");
  private static final byte[] INCOMPLETE = ascii("e10:incompletei");
  private static final byte[] INTERVAL = ascii("e8:intervali");
  private static final byte[] MIN_INTERVAL = ascii("e12:min intervali");
  private static final byte[] PEERS = ascii("e5:peers");
  private static final byte[] PEERS_LIST = ascii("e5:peersl");
  private static final byte[] PEERS6 = ascii("6:peers6");
  private static final byte[] WARNING = ascii("15:warning message");
  private static final byte[] IP = ascii("2:ip");
  private static final byte[] PEER_ID = ascii("7:peer id");
  private static final byte[] PORT = ascii("4:porti");
  private static final byte[] PEER_END = ascii("ee");

  private AnnounceResponseWriter() {}

  /** Upper bound of a compact response's length, for sizing the buffer once. */
  public static int compactMaxLength(int ipv4Peers, int ipv6Peers, int warningLength) {
    return COMPACT_FIXED_MAX_LENGTH + 6 * ipv4Peers + 18 * ipv6Peers + warningLength;
  }

  /** Starts a compact response: the dictionary and its four integers. */
  public static void writeCompactHeader(
      ByteBuf out, int seeders, int leechers, int intervalSeconds, int minIntervalSeconds) {
    writeCounts(out, seeders, leechers, intervalSeconds, minIntervalSeconds);
    out.writeBytes(PEERS);
  }

  /** Starts the {@code peers} string; exactly {@code count} {@link #writeIpv4Peer} calls follow. */
  public static void startIpv4Peers(ByteBuf out, int count) {
    Bencode.writeStringHeader(out, count * 6);
  }

  public static void writeIpv4Peer(ByteBuf out, int ip, int port) {
    out.writeInt(ip).writeShort(port);
  }

  /** Starts the {@code peers6} string; exactly {@code count} {@link #writeIpv6Peer} calls follow. */
  public static void startIpv6Peers(ByteBuf out, int count) {
    out.writeBytes(PEERS6);
    Bencode.writeStringHeader(out, count * 18);
  }

  public static void writeIpv6Peer(ByteBuf out, long ipHigh, long ipLow, int port) {
    out.writeLong(ipHigh).writeLong(ipLow).writeShort(port);
  }

  /** Ends a compact response. */
  public static void endCompact(ByteBuf out) {
    out.writeByte('e');
  }

  /** Ends a compact response with a {@code warning message} the client shows its user. */
  public static void endCompact(ByteBuf out, byte[] warningMessage) {
    out.writeBytes(WARNING);
    Bencode.writeString(out, warningMessage);
    out.writeByte('e');
  }

  /** Starts a dictionary-list response: the dictionary, its four integers and the open list. */
  public static void writeDictionaryHeader(
      ByteBuf out, int seeders, int leechers, int intervalSeconds, int minIntervalSeconds) {
    writeCounts(out, seeders, leechers, intervalSeconds, minIntervalSeconds);
    out.writeBytes(PEERS_LIST);
  }

  /** One IPv4 peer without peer id. */
  public static void writeIpv4PeerDictionary(ByteBuf out, int ip, int port) {
    startPeerDictionary(out, IpText.ipv4Length(ip));
    IpText.writeIpv4(out, ip);
    endPeerDictionary(out, port);
  }

  /** One IPv4 peer with the 20-byte peer id at {@code peerId[offset]}. */
  public static void writeIpv4PeerDictionary(
      ByteBuf out, int ip, int port, byte[] peerId, int offset) {
    startPeerDictionary(out, IpText.ipv4Length(ip));
    IpText.writeIpv4(out, ip);
    writePeerId(out, peerId, offset);
    endPeerDictionary(out, port);
  }

  /** One IPv6 peer without peer id. */
  public static void writeIpv6PeerDictionary(ByteBuf out, long ipHigh, long ipLow, int port) {
    startPeerDictionary(out, IpText.ipv6Length(ipHigh, ipLow));
    IpText.writeIpv6(out, ipHigh, ipLow);
    endPeerDictionary(out, port);
  }

  /** One IPv6 peer with the 20-byte peer id at {@code peerId[offset]}. */
  public static void writeIpv6PeerDictionary(
      ByteBuf out, long ipHigh, long ipLow, int port, byte[] peerId, int offset) {
    startPeerDictionary(out, IpText.ipv6Length(ipHigh, ipLow));
    IpText.writeIpv6(out, ipHigh, ipLow);
    writePeerId(out, peerId, offset);
    endPeerDictionary(out, port);
  }

  /** Ends a dictionary-list response. */
  public static void endDictionary(ByteBuf out) {
    out.writeBytes(PEER_END);
  }

  /** Ends a dictionary-list response with a {@code warning message}. */
  public static void endDictionary(ByteBuf out, byte[] warningMessage) {
    out.writeByte('e');
    endCompact(out, warningMessage);
  }

  private static void writeCounts(
      ByteBuf out, int seeders, int leechers, int intervalSeconds, int minIntervalSeconds) {
    out.ensureWritable(COMPACT_FIXED_MAX_LENGTH);
    out.writeBytes(COMPLETE);
    Bencode.writeDecimal(out, seeders);
    out.writeBytes(INCOMPLETE);
    Bencode.writeDecimal(out, leechers);
    out.writeBytes(INTERVAL);
    Bencode.writeDecimal(out, intervalSeconds);
    out.writeBytes(MIN_INTERVAL);
    Bencode.writeDecimal(out, minIntervalSeconds);
  }

  private static void startPeerDictionary(ByteBuf out, int ipTextLength) {
    out.ensureWritable(DICTIONARY_PEER_MAX_LENGTH);
    out.writeByte('d').writeBytes(IP);
    Bencode.writeStringHeader(out, ipTextLength);
  }

  private static void writePeerId(ByteBuf out, byte[] peerId, int offset) {
    out.writeBytes(PEER_ID);
    Bencode.writeString(out, peerId, offset, InfoHashes.LENGTH);
  }

  private static void endPeerDictionary(ByteBuf out, int port) {
    out.writeBytes(PORT);
    Bencode.writeDecimal(out, port);
    out.writeBytes(PEER_END);
  }
}
