package org.aquaticjava.ws.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reusable result slot of {@link TrackerMessageParser#parse}, overwritten by every read; not
 * thread-safe. Numbers the tracker did not send read as {@link #ABSENT}. Ids are 20-byte arrays
 * owned by this slot; the SDP of an OFFER or ANSWER is the literal range {@link #sdpOffset()},
 * {@link #sdpLength()} of {@link #messageBytes()}. Failure and warning texts are Strings: this is
 * the client side, where they are rare.
 */
public final class TrackerMessage {
  /** Value of a number the message did not carry. */
  public static final long ABSENT = -1;

  static final int ID = JsonOutput.BINARY_LENGTH;

  // Written by TrackerMessageParser (same package).
  final byte[] message;
  /** The reader's scratch for this slot. */
  final JsonCursor cursor = new JsonCursor(TrackerMessageParser.MAX_NESTING_DEPTH);
  final int maxScrapeEntries;
  int messageLength;
  TrackerMessageKind kind = TrackerMessageKind.INVALID;
  @Nullable String invalidReason;
  MessageAction action = MessageAction.NONE;
  final byte[] infoHash = new byte[ID];
  boolean infoHashPresent;
  final byte[] peerId = new byte[ID];
  boolean peerIdPresent;
  final byte[] offerId = new byte[ID];
  boolean offerIdPresent;
  boolean offerPresent;
  boolean answerPresent;
  int sdpOffset;
  int sdpLength;
  long complete = ABSENT;
  long incomplete = ABSENT;
  long interval = ABSENT;
  @Nullable String failureReason;
  @Nullable String warningMessage;
  boolean filesPresent;
  final byte[] scrapeHashes;
  final long[] scrapeCounts;
  int scrapeEntryCount;
  int scrapeEntriesIgnored;

  /**
   * @param maxMessageSize largest message kept
   * @param maxScrapeEntries most {@code files} entries kept
   */
  public TrackerMessage(int maxMessageSize, int maxScrapeEntries) {
    message = new byte[maxMessageSize];
    this.maxScrapeEntries = maxScrapeEntries;
    scrapeHashes = new byte[maxScrapeEntries * ID];
    scrapeCounts = new long[maxScrapeEntries * 3];
  }

  void reset(int length) {
    messageLength = length;
    kind = TrackerMessageKind.INVALID;
    invalidReason = null;
    action = MessageAction.NONE;
    infoHashPresent = false;
    peerIdPresent = false;
    offerIdPresent = false;
    offerPresent = false;
    answerPresent = false;
    complete = ABSENT;
    incomplete = ABSENT;
    interval = ABSENT;
    failureReason = null;
    warningMessage = null;
    filesPresent = false;
    scrapeEntryCount = 0;
    scrapeEntriesIgnored = 0;
  }

  TrackerMessageKind invalid(String reason) {
    invalidReason = reason;
    return kind = TrackerMessageKind.INVALID;
  }

  public TrackerMessageKind kind() {
    return kind;
  }

  /** Why the message is INVALID; null otherwise. */
  public @Nullable String invalidReason() {
    return invalidReason;
  }

  public MessageAction action() {
    return action;
  }

  public boolean infoHashPresent() {
    return infoHashPresent;
  }

  public byte[] infoHash() {
    return infoHash;
  }

  /** Sender of a relayed OFFER or ANSWER. */
  public byte[] peerId() {
    return peerId;
  }

  public byte[] offerId() {
    return offerId;
  }

  public int sdpOffset() {
    return sdpOffset;
  }

  public int sdpLength() {
    return sdpLength;
  }

  public byte[] messageBytes() {
    return message;
  }

  public long complete() {
    return complete;
  }

  public long incomplete() {
    return incomplete;
  }

  public long interval() {
    return interval;
  }

  public @Nullable String failureReason() {
    return failureReason;
  }

  public @Nullable String warningMessage() {
    return warningMessage;
  }

  public int scrapeEntryCount() {
    return scrapeEntryCount;
  }

  /** {@code files} entries beyond the slot's capacity, skipped. */
  public int scrapeEntriesIgnored() {
    return scrapeEntriesIgnored;
  }

  /** Scrape entry hashes, entry {@code i} at {@code i * 20}. */
  public byte[] scrapeHashes() {
    return scrapeHashes;
  }

  public long scrapeComplete(int i) {
    return scrapeCounts[3 * Objects.checkIndex(i, scrapeEntryCount)];
  }

  public long scrapeIncomplete(int i) {
    return scrapeCounts[3 * Objects.checkIndex(i, scrapeEntryCount) + 1];
  }

  public long scrapeDownloaded(int i) {
    return scrapeCounts[3 * Objects.checkIndex(i, scrapeEntryCount) + 2];
  }
}
