package org.aquaticjava.udp.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reusable result slot of {@link UdpResponseParser#parse} (client side). Not thread-safe; holds
 * the outcome of the last parse only. Peers, scrape entries and the error text are <b>read from the
 * parsed datagram</b> at absolute offsets: those readers are valid only while that datagram is not
 * released.
 */
public final class UdpResponse {
  private UdpResponseOutcome outcome = UdpResponseOutcome.MALFORMED;
  private AddressFamily family = AddressFamily.IPV4;
  private int transactionId;
  private long connectionId;
  private int interval;
  private int leechers;
  private int seeders;
  private int count;
  private int bodyIndex;
  private int bodyLength;
  private @Nullable ByteBuf datagram;

  UdpResponseOutcome malformed() {
    datagram = null;
    count = 0;
    return outcome = UdpResponseOutcome.MALFORMED;
  }

  UdpResponseOutcome connect(int transactionId, long connectionId) {
    this.transactionId = transactionId;
    this.connectionId = connectionId;
    return outcome = UdpResponseOutcome.CONNECT;
  }

  UdpResponseOutcome announce(
      ByteBuf datagram,
      AddressFamily family,
      int transactionId,
      int interval,
      int leechers,
      int seeders,
      int peersIndex,
      int peerCount) {
    this.transactionId = transactionId;
    this.interval = interval;
    this.leechers = leechers;
    this.seeders = seeders;
    return body(UdpResponseOutcome.ANNOUNCE, datagram, family, peersIndex, peerCount, 0);
  }

  UdpResponseOutcome scrape(ByteBuf datagram, int transactionId, int entriesIndex, int entryCount) {
    this.transactionId = transactionId;
    return body(UdpResponseOutcome.SCRAPE, datagram, family, entriesIndex, entryCount, 0);
  }

  UdpResponseOutcome error(ByteBuf datagram, int transactionId, int messageIndex, int messageLength) {
    this.transactionId = transactionId;
    return body(UdpResponseOutcome.ERROR, datagram, family, messageIndex, 0, messageLength);
  }

  private UdpResponseOutcome body(
      UdpResponseOutcome outcome,
      ByteBuf datagram,
      AddressFamily family,
      int index,
      int count,
      int length) {
    this.datagram = datagram;
    this.family = family;
    this.bodyIndex = index;
    this.count = count;
    this.bodyLength = length;
    return this.outcome = outcome;
  }

  public UdpResponseOutcome outcome() {
    return outcome;
  }

  /** Transaction id echoed by the tracker (all outcomes but MALFORMED): match it to the request. */
  public int transactionId() {
    return transactionId;
  }

  /** The connection id granted (CONNECT). */
  public long connectionId() {
    return connectionId;
  }

  /** Seconds until the next regular announce (ANNOUNCE). */
  public int interval() {
    return interval;
  }

  public int leechers() {
    return leechers;
  }

  public int seeders() {
    return seeders;
  }

  /** The family the peers were parsed as (ANNOUNCE). */
  public AddressFamily family() {
    return family;
  }

  /** Number of peers (ANNOUNCE). */
  public int peerCount() {
    return outcome == UdpResponseOutcome.ANNOUNCE ? count : 0;
  }

  /** Peer {@code i}'s IPv4 address as a big-endian int (IPV4 family). */
  public int peerIpv4(int i) {
    return buffer().getInt(peerIndex(i, AddressFamily.IPV4));
  }

  /** Bytes 0-7 of peer {@code i}'s IPv6 address (IPV6 family). */
  public long peerIpv6High(int i) {
    return buffer().getLong(peerIndex(i, AddressFamily.IPV6));
  }

  /** Bytes 8-15 of peer {@code i}'s IPv6 address (IPV6 family). */
  public long peerIpv6Low(int i) {
    return buffer().getLong(peerIndex(i, AddressFamily.IPV6) + 8);
  }

  /** Copies peer {@code i}'s address bytes (4 or 16, per family) into a new array. */
  public byte[] peerAddress(int i) {
    final byte[] address = new byte[family.peerLength() - 2];
    buffer().getBytes(peerIndex(i, family), address);
    return address;
  }

  /** Peer {@code i}'s port, 0..65535. */
  public int peerPort(int i) {
    return buffer().getUnsignedShort(peerIndex(i, family) + family.peerLength() - 2);
  }

  /** Number of scrape entries (SCRAPE). */
  public int scrapeEntryCount() {
    return outcome == UdpResponseOutcome.SCRAPE ? count : 0;
  }

  public int scrapeSeeders(int i) {
    return buffer().getInt(scrapeIndex(i));
  }

  public int scrapeCompleted(int i) {
    return buffer().getInt(scrapeIndex(i) + 4);
  }

  public int scrapeLeechers(int i) {
    return buffer().getInt(scrapeIndex(i) + 8);
  }

  /** The error text, decoded as UTF-8 (ERROR). Allocates. */
  public String errorMessage() {
    if (outcome != UdpResponseOutcome.ERROR) {
      throw new IllegalStateException("last parse was not an error: " + outcome);
    }
    return buffer().toString(bodyIndex, bodyLength, StandardCharsets.UTF_8);
  }

  private int peerIndex(int i, AddressFamily expected) {
    if (outcome != UdpResponseOutcome.ANNOUNCE || family != expected) {
      throw new IllegalStateException("no " + expected + " announce parsed: " + outcome);
    }
    Objects.checkIndex(i, count);
    return bodyIndex + i * family.peerLength();
  }

  private int scrapeIndex(int i) {
    if (outcome != UdpResponseOutcome.SCRAPE) {
      throw new IllegalStateException("last parse was not a scrape: " + outcome);
    }
    Objects.checkIndex(i, count);
    return bodyIndex + i * UdpProtocol.SCRAPE_ENTRY_LENGTH;
  }

  private ByteBuf buffer() {
    return Objects.requireNonNull(datagram, "no datagram parsed");
  }
}
