package org.aquaticjava.udp.protocol;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reusable result slot of {@link UdpRequestParser#parse}: one per worker, overwritten by every
 * parse. Not thread-safe; the fields are only meaningful for the outcome of the last parse:
 *
 * <table>
 *   <caption>Which accessors are valid</caption>
 *   <tr><th>Outcome</th><th>Valid accessors</th></tr>
 *   <tr><td>CONNECT</td><td>{@link #transactionId()}</td></tr>
 *   <tr><td>ANNOUNCE</td><td>ids and every announce field, URLData</td></tr>
 *   <tr><td>SCRAPE</td><td>ids, {@link #scrapeHashCount()}, the scrape hash readers,
 *       {@link #scrapeHashesTruncated()}</td></tr>
 *   <tr><td>ERROR</td><td>{@link #connectionId()}, {@link #transactionId()},
 *       {@link #errorMessage()}</td></tr>
 *   <tr><td>DROP</td><td>{@link #dropReason()}</td></tr>
 * </table>
 *
 * <p>Info hashes are three primitives: {@code a} = bytes 0-7, {@code b} = bytes 8-15 (both
 * big-endian longs), {@code c} = bytes 16-19 (big-endian int). The peer id and the URLData are
 * copied into arrays owned by this slot. <b>Scrape hashes are read from the parsed datagram</b>: the
 * scrape readers are valid only while that datagram is not released (they use absolute offsets, so
 * moving its reader index does not matter).
 */
public final class UdpRequest {
  /**
   * Most URLData bytes kept per announce (BEP 41 lets a client split a long path over several
   * options); the rest is cut off and {@link #urlDataTruncated()} is set.
   */
  public static final int URL_DATA_CAPACITY = 1024;

  private final byte[] peerId = new byte[UdpProtocol.PEER_ID_LENGTH];
  private final byte[] urlData = new byte[URL_DATA_CAPACITY];

  private UdpParseOutcome outcome = UdpParseOutcome.DROP;
  private UdpDropReason dropReason = UdpDropReason.TOO_SHORT;
  private UdpErrorMessage errorMessage = UdpErrorMessage.PORT_ZERO;
  private long connectionId;
  private int transactionId;

  private long infoHashA;
  private long infoHashB;
  private int infoHashC;
  private long downloaded;
  private long left;
  private long uploaded;
  private UdpAnnounceEvent event = UdpAnnounceEvent.NONE;
  private int ipAddress;
  private int key;
  private int numWant;
  private int port;
  private boolean urlDataPresent;
  private boolean urlDataTruncated;
  private int urlDataLength;

  private @Nullable ByteBuf scrapeDatagram;
  private int scrapeHashesOffset;
  private int scrapeHashCount;
  private int scrapeHashesTruncated;

  // ---- written by the parser (same package) ----

  UdpParseOutcome drop(UdpDropReason reason) {
    dropReason = reason;
    return outcome = UdpParseOutcome.DROP;
  }

  UdpParseOutcome error(UdpErrorMessage message) {
    errorMessage = message;
    return outcome = UdpParseOutcome.ERROR;
  }

  UdpParseOutcome connect(int transactionId) {
    this.connectionId = 0;
    this.transactionId = transactionId;
    return outcome = UdpParseOutcome.CONNECT;
  }

  /** Sets the ids first, so that an ERROR found later still carries them. */
  void ids(long connectionId, int transactionId) {
    this.connectionId = connectionId;
    this.transactionId = transactionId;
  }

  void announce(
      ByteBuf datagram,
      int infoHashIndex,
      long downloaded,
      long left,
      long uploaded,
      UdpAnnounceEvent event,
      int ipAddress,
      int key,
      int numWant,
      int port) {
    infoHashA = datagram.getLong(infoHashIndex);
    infoHashB = datagram.getLong(infoHashIndex + 8);
    infoHashC = datagram.getInt(infoHashIndex + 16);
    ByteBufCopy.copy(
        datagram, infoHashIndex + UdpProtocol.INFO_HASH_LENGTH, peerId, 0, UdpProtocol.PEER_ID_LENGTH);
    this.downloaded = downloaded;
    this.left = left;
    this.uploaded = uploaded;
    this.event = event;
    this.ipAddress = ipAddress;
    this.key = key;
    this.numWant = numWant;
    this.port = port;
    urlDataPresent = false;
    urlDataTruncated = false;
    urlDataLength = 0;
  }

  UdpParseOutcome announced() {
    return outcome = UdpParseOutcome.ANNOUNCE;
  }

  /** Appends one URLData option's bytes, keeping at most {@link #URL_DATA_CAPACITY} in total. */
  void appendUrlData(ByteBuf datagram, int index, int length) {
    urlDataPresent = true;
    final int kept = Math.min(length, URL_DATA_CAPACITY - urlDataLength);
    ByteBufCopy.copy(datagram, index, urlData, urlDataLength, kept);
    urlDataLength += kept;
    if (kept < length) {
      urlDataTruncated = true;
    }
  }

  /** Records that an option ran past the end of the datagram; what came before is kept. */
  void markUrlDataTruncated() {
    urlDataTruncated = true;
  }

  UdpParseOutcome scrape(ByteBuf datagram, int hashesIndex, int hashCount, int truncated) {
    scrapeDatagram = datagram;
    scrapeHashesOffset = hashesIndex;
    scrapeHashCount = hashCount;
    scrapeHashesTruncated = truncated;
    return outcome = UdpParseOutcome.SCRAPE;
  }

  // ---- read by the server ----

  /** Outcome of the last parse. */
  public UdpParseOutcome outcome() {
    return outcome;
  }

  /** Why the last datagram was dropped (outcome DROP). */
  public UdpDropReason dropReason() {
    return dropReason;
  }

  /** The action-3 message to send if the connection id is valid (outcome ERROR). */
  public UdpErrorMessage errorMessage() {
    return errorMessage;
  }

  /** Connection id of an announce or scrape (also for ERROR); 0 after a connect. */
  public long connectionId() {
    return connectionId;
  }

  public int transactionId() {
    return transactionId;
  }

  /** Info hash bytes 0-7, big-endian. */
  public long infoHashA() {
    return infoHashA;
  }

  /** Info hash bytes 8-15, big-endian. */
  public long infoHashB() {
    return infoHashB;
  }

  /** Info hash bytes 16-19, big-endian. */
  public int infoHashC() {
    return infoHashC;
  }

  /** The 20-byte peer id, owned by this slot and overwritten by the next announce: copy to keep. */
  public byte[] peerId() {
    return peerId;
  }

  public long downloaded() {
    return downloaded;
  }

  /** Bytes left to download: 0 means seeder; negative (unknown size) counts as a leecher. */
  public long left() {
    return left;
  }

  public long uploaded() {
    return uploaded;
  }

  /** The event; values outside 0..3 (e.g. libtorrent's 4 = paused) read as {@code NONE}. */
  public UdpAnnounceEvent event() {
    return event;
  }

  /** The IPv4 {@code ip} field as sent (unsigned in an int); trackers normally ignore it. */
  public int ipAddress() {
    return ipAddress;
  }

  public int key() {
    return key;
  }

  /** Peers wanted as sent: -1 (or any value ≤ 0) asks for the tracker default. */
  public int numWant() {
    return numWant;
  }

  /** The peer's listen port, 1..65535 for an ANNOUNCE outcome. */
  public int port() {
    return port;
  }

  /** Whether the announce carried at least one BEP 41 URLData option (even an empty one). */
  public boolean urlDataPresent() {
    return urlDataPresent;
  }

  /**
   * Whether the URLData is incomplete: longer than {@link #URL_DATA_CAPACITY}, or an option ran
   * past the end of the datagram. A server that authenticates by URL should refuse it then.
   */
  public boolean urlDataTruncated() {
    return urlDataTruncated;
  }

  /** Number of valid bytes in {@link #urlData()}. */
  public int urlDataLength() {
    return urlDataLength;
  }

  /**
   * Concatenated URLData (path and query of the tracker URL), valid up to {@link #urlDataLength()};
   * owned by this slot and overwritten by the next announce.
   */
  public byte[] urlData() {
    return urlData;
  }

  /** Hashes kept in the scrape (at most the parser's limit, at least 1). */
  public int scrapeHashCount() {
    return scrapeHashCount;
  }

  /** Hashes beyond the parser's limit that were cut off (0 if none); count them. */
  public int scrapeHashesTruncated() {
    return scrapeHashesTruncated;
  }

  /** Bytes 0-7 of scrape hash {@code i}; reads the datagram, which must still be alive. */
  public long scrapeInfoHashA(int i) {
    return scrapeBuffer().getLong(scrapeHashIndex(i));
  }

  /** Bytes 8-15 of scrape hash {@code i}; reads the datagram, which must still be alive. */
  public long scrapeInfoHashB(int i) {
    return scrapeBuffer().getLong(scrapeHashIndex(i) + 8);
  }

  /** Bytes 16-19 of scrape hash {@code i}; reads the datagram, which must still be alive. */
  public int scrapeInfoHashC(int i) {
    return scrapeBuffer().getInt(scrapeHashIndex(i) + 16);
  }

  private int scrapeHashIndex(int i) {
    Objects.checkIndex(i, scrapeHashCount);
    return scrapeHashesOffset + i * UdpProtocol.INFO_HASH_LENGTH;
  }

  private ByteBuf scrapeBuffer() {
    final ByteBuf datagram = scrapeDatagram;
    if (outcome != UdpParseOutcome.SCRAPE || datagram == null) {
      throw new IllegalStateException("last parse was not a scrape: " + outcome);
    }
    return datagram;
  }
}
