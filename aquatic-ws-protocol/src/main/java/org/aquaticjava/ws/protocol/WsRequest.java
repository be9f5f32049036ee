package org.aquaticjava.ws.protocol;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reusable result slot of {@link WsRequestParser#parse}: one per socket worker (or
 * connection), overwritten by every read. Not thread-safe. It holds a copy of the message, so it
 * stays valid after the frame is released, until the next read.
 *
 * <table>
 *   <caption>Which accessors are valid</caption>
 *   <tr><th>Outcome</th><th>Valid accessors</th></tr>
 *   <tr><td>ANNOUNCE</td><td>{@link #infoHash()}, {@link #peerId()}, {@link #event()},
 *       {@link #left()}, {@link #numWant()}, the offers; the answer if {@link #hasAnswer()}</td></tr>
 *   <tr><td>SCRAPE</td><td>{@link #fullScrape()}, {@link #scrapeHashCount()},
 *       {@link #scrapeHashes()}, {@link #scrapeHashesIgnored()}</td></tr>
 *   <tr><td>ERROR</td><td>{@link #error()}, {@link #action()}, and {@link #infoHash()} if
 *       {@link #infoHashKnown()}</td></tr>
 * </table>
 *
 * <p>Binary strings (ids) are 20 bytes in arrays owned by this slot: entry {@code i} of {@link
 * #offerIds()} and {@link #scrapeHashes()} starts at {@code i * 20}. An SDP is the range {@code
 * [offset, offset + length)} of {@link #messageBytes()}: the raw JSON string literal, quotes and
 * escapes included, ready to be copied into a relayed message. Copy what must outlive the next read.
 */
public final class WsRequest {
  /** {@link #left()} when the client sent none, {@code null}, a negative or a fractional number. */
  public static final long LEFT_UNKNOWN = -1;
  /** {@link #numWant()} when the client sent no integer. */
  public static final int NUM_WANT_ABSENT = -1;

  static final int ID = JsonOutput.BINARY_LENGTH;

  // Written by WsRequestParser (same package) during a read; see reset().
  final ReadLimits limits;
  final byte[] message;
  int messageLength;
  /** The reader's scratch for this slot: one per slot keeps the reader itself stateless. */
  final JsonCursor cursor;

  WsParseOutcome outcome = WsParseOutcome.ERROR;
  @Nullable ReadError error;
  /** First error in an announce-only field; only fatal if the message turns out an announce. */
  @Nullable ReadError announceError;
  MessageAction action = MessageAction.NONE;

  final byte[] infoHash = new byte[ID];
  InfoHashForm infoHashForm = InfoHashForm.ABSENT;
  final byte[] peerId = new byte[ID];
  boolean peerIdPresent;
  WsAnnounceEvent event = WsAnnounceEvent.UPDATE;
  long left = LEFT_UNKNOWN;
  int numWant = NUM_WANT_ABSENT;

  final byte[] offerIds;
  final int[] offerSdpOffsets;
  final int[] offerSdpLengths;
  int offerCount;
  int offersIgnored;
  final int[] offersSkipped = new int[OfferSkip.values().length];

  boolean answerPresent;
  int answerSdpOffset;
  int answerSdpLength;
  final byte[] toPeerId = new byte[ID];
  boolean toPeerIdPresent;
  final byte[] answerOfferId = new byte[ID];
  boolean answerOfferIdPresent;

  final byte[] scrapeHashes;
  int scrapeHashCount;
  int scrapeHashesIgnored;

  /** The shapes an {@code info_hash} value can take. */
  enum InfoHashForm {
    ABSENT,
    /** One valid binary string, in {@code infoHash}. */
    SINGLE,
    /** An array of valid binary strings, in {@code scrapeHashes}; may be empty. */
    LIST,
    INVALID
  }

  /** A slot for messages read within {@code limits}; its arrays are sized once, here. */
  public WsRequest(ReadLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    message = new byte[limits.maxMessageSize()];
    cursor = new JsonCursor(limits.maxNestingDepth());
    offerIds = new byte[limits.maxOffers() * ID];
    offerSdpOffsets = new int[limits.maxOffers()];
    offerSdpLengths = new int[limits.maxOffers()];
    scrapeHashes = new byte[limits.maxScrapeHashes() * ID];
  }

  void reset(int length) {
    messageLength = length;
    outcome = WsParseOutcome.ERROR;
    error = null;
    announceError = null;
    action = MessageAction.NONE;
    infoHashForm = InfoHashForm.ABSENT;
    peerIdPresent = false;
    event = WsAnnounceEvent.UPDATE;
    left = LEFT_UNKNOWN;
    numWant = NUM_WANT_ABSENT;
    offerCount = 0;
    offersIgnored = 0;
    java.util.Arrays.fill(offersSkipped, 0);
    answerPresent = false;
    toPeerIdPresent = false;
    answerOfferIdPresent = false;
    scrapeHashCount = 0;
    scrapeHashesIgnored = 0;
  }

  /** Records {@code reason} unless an earlier error is already recorded (the first one is precise). */
  void fail(ReadError reason) {
    if (error == null) {
      error = reason;
    }
  }

  void failAnnounce(ReadError reason) {
    if (announceError == null) {
      announceError = reason;
    }
  }

  // ---- read by the tracker ----

  /** The limits this slot was sized for. */
  public ReadLimits limits() {
    return limits;
  }

  /** Outcome of the last read. */
  public WsParseOutcome outcome() {
    return outcome;
  }

  /** Why the last message was refused; {@code null} unless the outcome is ERROR. */
  public @Nullable ReadError error() {
    return outcome == WsParseOutcome.ERROR ? error : null;
  }

  /**
   * The action as far as it could be read, for any outcome. For an ERROR reply, send it only if
   * {@link MessageAction#isWritable()}.
   */
  public MessageAction action() {
    return action;
  }

  /**
   * Whether {@link #infoHash()} holds the message's single, valid {@code info_hash}: always for
   * ANNOUNCE, for a one-hash SCRAPE given as a string, and for an ERROR when it was readable.
   */
  public boolean infoHashKnown() {
    return infoHashForm == InfoHashForm.SINGLE;
  }

  /** The 20-byte info hash; see {@link #infoHashKnown()}. */
  public byte[] infoHash() {
    return infoHash;
  }

  /** The announcer's 20-byte peer id. */
  public byte[] peerId() {
    return peerId;
  }

  public WsAnnounceEvent event() {
    return event;
  }

  /**
   * Bytes left: 0 means seeder; {@link #LEFT_UNKNOWN} (absent, null, negative, fractional, not a
   * number) counts as a leecher (aquatic #14); an integer beyond a long reads as {@link
   * Long#MAX_VALUE}.
   */
  public long left() {
    return left;
  }

  /** {@code numwant} as sent if it was an int, else {@link #NUM_WANT_ABSENT}; informational only. */
  public int numWant() {
    return numWant;
  }

  /** Offers kept (at most {@link ReadLimits#maxOffers()}). */
  public int offerCount() {
    return offerCount;
  }

  /** Offers beyond {@link ReadLimits#maxOffers()}: skipped unread; count them. */
  public int offersIgnored() {
    return offersIgnored;
  }

  /** Offers skipped because they cannot be relayed, for {@code reason}; the announce stands. */
  public int offersSkipped(OfferSkip reason) {
    return offersSkipped[reason.ordinal()];
  }

  /** Offer ids, offer {@code i} at {@code i * 20}. */
  public byte[] offerIds() {
    return offerIds;
  }

  /** Start of offer {@code i}'s SDP literal in {@link #messageBytes()}. */
  public int offerSdpOffset(int i) {
    return offerSdpOffsets[Objects.checkIndex(i, offerCount)];
  }

  /** Length of offer {@code i}'s SDP literal in bytes. */
  public int offerSdpLength(int i) {
    return offerSdpLengths[Objects.checkIndex(i, offerCount)];
  }

  /**
   * Whether this announce carries an answer; then {@link #toPeerId()}, {@link #answerOfferId()}
   * and the answer SDP are set.
   */
  public boolean hasAnswer() {
    return answerPresent;
  }

  /** The offerer the answer goes to. */
  public byte[] toPeerId() {
    return toPeerId;
  }

  /** The {@code offer_id} the answer replies to. */
  public byte[] answerOfferId() {
    return answerOfferId;
  }

  public int answerSdpOffset() {
    return answerSdpOffset;
  }

  public int answerSdpLength() {
    return answerSdpLength;
  }

  /** The message as read, valid up to {@link #messageLength()}; the SDP ranges index into it. */
  public byte[] messageBytes() {
    return message;
  }

  public int messageLength() {
    return messageLength;
  }

  /**
   * Whether the scrape names no hash ({@code info_hash} absent, {@code null} or {@code []}). aquatic
   * refuses full scrapes; the reader leaves that decision to the tracker.
   */
  public boolean fullScrape() {
    return scrapeHashCount == 0;
  }

  /** Hashes kept (at most {@link ReadLimits#maxScrapeHashes()}). */
  public int scrapeHashCount() {
    return scrapeHashCount;
  }

  /** Scrape hashes, hash {@code i} at {@code i * 20}. */
  public byte[] scrapeHashes() {
    return scrapeHashes;
  }

  /** Hashes beyond {@link ReadLimits#maxScrapeHashes()}: skipped unread; count them. */
  public int scrapeHashesIgnored() {
    return scrapeHashesIgnored;
  }
}
