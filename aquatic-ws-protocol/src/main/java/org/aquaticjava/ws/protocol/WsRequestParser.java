package org.aquaticjava.ws.protocol;

import static org.aquaticjava.ws.protocol.WsRequest.ID;

import io.netty.buffer.ByteBuf;
import org.aquaticjava.ws.protocol.WsRequest.InfoHashForm;
import org.jspecify.annotations.Nullable;

/**
 * Reads one client message (protocols.md §6.3) into a reusable {@link WsRequest}, with a
 * hand-written JSON cursor ({@link JsonCursor}) made for these shapes. Never throws for any
 * content: every problem is an {@link WsParseOutcome#ERROR} with a {@link ReadError}, and the action and
 * info hash are kept whenever they were readable, wherever they sit in the object (aquatic #15),
 * so the reply can carry them.
 *
 * <p>Shapes: {@code {action:"announce", info_hash, peer_id, event?, left?, numwant?, offers?:
 * [{offer:{type,sdp}, offer_id}], answer?:{type,sdp}, to_peer_id?, offer_id?}} and {@code
 * {action:"scrape", info_hash?: "<20>" | ["<20>", …] | null}}. Keys may come in any order and may
 * be written with escapes; unknown keys are skipped whatever their value (which is still
 * validated); for a key given twice the last value counts, but any invalid occurrence is an error.
 * Leniency (aquatic #14): see {@link WsAnnounceEvent} and {@link WsRequest#left()}. An offer's or
 * answer's {@code type} is not checked; only its {@code sdp} string is required (the tracker relays
 * it). An offer that cannot be relayed is skipped and counted by {@link OfferSkip} reason while
 * the announce is served, as the reference tracker does. Errors in announce-only keys ({@code
 * peer_id}, answer) do not refuse a scrape.
 *
 * <p>Until this reader, jackson-core read these messages; what it accepted and refused, and how
 * far a broken message was read, is unchanged (the tests hold the two side by side), except that
 * raw UTF-8 is checked strictly (see {@link JsonCursor}).
 *
 * <p>Cost: the message is copied once into the slot (so SDP ranges survive the frame), then read
 * in place: no String, no parser object, no per-message allocation at all. SDPs are validated
 * (UTF-8, escapes) and kept as byte ranges of the raw literal, which the writer copies verbatim.
 * Limits are those of {@link ReadLimits}; deep nesting is refused before it can recurse.
 *
 * <p>Immutable and thread-safe; each thread brings its own {@link WsRequest} (which holds the
 * cursor). Keep one reader per worker.
 */
public final class WsRequestParser {
  private static final int ACTION = 0;
  private static final int INFO_HASH = 1;
  private static final int PEER_ID = 2;
  private static final int EVENT = 3;
  private static final int LEFT = 4;
  private static final int NUM_WANT = 5;
  private static final int OFFERS = 6;
  private static final int ANSWER = 7;
  private static final int TO_PEER_ID = 8;
  private static final int OFFER_ID = 9;
  /** Top-level keys, at the indexes above. */
  private static final byte[][] KEYS = JsonOutput.asciiAll(
      "action", "info_hash", "peer_id", "event", "left", "numwant", "offers", "answer",
      "to_peer_id", "offer_id");

  /** Keys of an offers entry. */
  private static final byte[][] OFFER_KEYS = JsonOutput.asciiAll("offer", "offer_id");

  private final ReadLimits limits;

  public WsRequestParser(ReadLimits limits) {
    this.limits = limits;
  }

  public ReadLimits limits() {
    return limits;
  }

  /** A slot sized for this reader's limits. */
  public WsRequest newMessage() {
    return new WsRequest(limits);
  }

  /**
   * Reads the readable bytes of {@code content} (UTF-8, e.g. a text frame's content) without moving
   * its indices. Never throws for any content.
   *
   * @throws IllegalArgumentException if {@code out} was made for other limits (a wiring bug)
   */
  public WsParseOutcome parse(ByteBuf content, WsRequest out) {
    checkSlot(out);
    final int length = content.readableBytes();
    if (length > limits.maxMessageSize()) {
      return tooLarge(out);
    }
    JsonCursor.copyReadable(content, out.message, length);
    return parse(out, length);
  }

  /** Reads {@code bytes[offset..offset+length)} (UTF-8). Never throws for any content. */
  public WsParseOutcome parse(byte[] bytes, int offset, int length, WsRequest out) {
    checkSlot(out);
    if (length > limits.maxMessageSize()) {
      return tooLarge(out);
    }
    System.arraycopy(bytes, offset, out.message, 0, length);
    return parse(out, length);
  }

  private void checkSlot(WsRequest out) {
    if (!out.limits.equals(limits)) {
      throw new IllegalArgumentException("slot made for " + out.limits + ", reader has " + limits);
    }
  }

  private static WsParseOutcome tooLarge(WsRequest out) {
    out.reset(0);
    out.fail(ReadError.MESSAGE_TOO_LARGE);
    return out.outcome = WsParseOutcome.ERROR;
  }

  private WsParseOutcome parse(WsRequest out, int length) {
    out.reset(length);
    if (!JsonCursor.isPlainUtf8Start(out.message, length)) {
      out.fail(ReadError.MALFORMED_JSON);
      return out.outcome = WsParseOutcome.ERROR;
    }
    final JsonCursor c = out.cursor;
    c.reset(out.message, length);
    try {
      if (!c.rootIsObject()) {
        out.fail(ReadError.NOT_AN_OBJECT);
        return out.outcome = WsParseOutcome.ERROR;
      }
      for (boolean more = c.objectStart(); more; more = c.objectNext()) {
        c.fieldName();
        readField(c, c.stringIndex(KEYS), out);
      }
      if (c.more()) {
        out.fail(ReadError.MALFORMED_JSON); // a second value after the object
      }
    } catch (JsonCursor.Stop stop) {
      out.fail(stop.reason);
    }
    return out.outcome = decide(out);
  }

  /** Reads the value of one top-level key ({@code key} an index of {@link #KEYS} or -1). */
  private void readField(JsonCursor c, int key, WsRequest out) {
    switch (key) {
      case ACTION -> out.action = c.value() == JsonCursor.STRING ? action(c) : skipAs(c, MessageAction.NONE);
      case INFO_HASH -> readInfoHash(c, out);
      case PEER_ID -> out.peerIdPresent = readOptionalId(c, out.peerId, ReadError.INVALID_PEER_ID, out);
      case EVENT -> out.event = c.value() == JsonCursor.STRING ? event(c) : skipAs(c, WsAnnounceEvent.UPDATE);
      case LEFT -> out.left = readLeft(c);
      case NUM_WANT -> out.numWant = readNumWant(c);
      case OFFERS -> readOffers(c, out);
      case ANSWER -> readAnswer(c, out);
      case TO_PEER_ID ->
          out.toPeerIdPresent = readOptionalId(c, out.toPeerId, ReadError.INVALID_TO_PEER_ID, out);
      case OFFER_ID ->
          out.answerOfferIdPresent =
              readOptionalId(c, out.answerOfferId, ReadError.INVALID_OFFER_ID, out);
      default -> c.skipValue();
    }
  }

  private static <T> T skipAs(JsonCursor c, T value) {
    c.skipValue();
    return value;
  }

  private static MessageAction action(JsonCursor c) {
    c.string();
    return MessageAction.named(c);
  }

  private static WsAnnounceEvent event(JsonCursor c) {
    c.string();
    return WsAnnounceEvent.named(c);
  }

  private void readInfoHash(JsonCursor c, WsRequest out) {
    out.scrapeHashCount = 0;
    out.scrapeHashesIgnored = 0;
    switch (c.value()) {
      case JsonCursor.STRING -> {
        c.string();
        out.infoHashForm = c.binaryString(out.infoHash, 0) ? InfoHashForm.SINGLE : invalidInfoHash(out);
      }
      case JsonCursor.ARRAY -> out.infoHashForm = readHashList(c, out);
      default -> {
        if (c.nullValue()) {
          out.infoHashForm = InfoHashForm.ABSENT;
        } else {
          c.skipValue();
          out.infoHashForm = invalidInfoHash(out);
        }
      }
    }
  }

  private static InfoHashForm invalidInfoHash(WsRequest out) {
    out.fail(ReadError.INVALID_INFO_HASH);
    return InfoHashForm.INVALID;
  }

  private InfoHashForm readHashList(JsonCursor c, WsRequest out) {
    boolean valid = true;
    for (boolean more = c.arrayStart(); more; more = c.arrayNext()) {
      if (out.scrapeHashCount == limits.maxScrapeHashes()) {
        c.skipValue();
        out.scrapeHashesIgnored++;
      } else if (binaryValue(c, out.scrapeHashes, out.scrapeHashCount * ID)) {
        out.scrapeHashCount++;
      } else {
        valid = false;
      }
    }
    return valid ? InfoHashForm.LIST : invalidInfoHash(out);
  }

  /** Reads the value at the cursor; whether it is a binary string (then it is in {@code dst}). */
  private static boolean binaryValue(JsonCursor c, byte[] dst, int offset) {
    if (c.value() != JsonCursor.STRING) {
      c.skipValue();
      return false;
    }
    c.string();
    return c.binaryString(dst, offset);
  }

  /**
   * Reads an optional id: {@code null} means absent; anything but a valid binary string records
   * {@code invalid} as an announce error.
   *
   * @return whether a valid id was read into {@code dst}
   */
  private static boolean readOptionalId(JsonCursor c, byte[] dst, ReadError invalid, WsRequest out) {
    if (c.nullValue()) {
      return false;
    }
    if (binaryValue(c, dst, 0)) {
      return true;
    }
    out.failAnnounce(invalid);
    return false;
  }

  private static long readLeft(JsonCursor c) {
    if (c.value() != JsonCursor.NUMBER) {
      c.skipValue();
      return WsRequest.LEFT_UNKNOWN;
    }
    c.number();
    return switch (c.numberKind) {
      case JsonCursor.FLOAT -> WsRequest.LEFT_UNKNOWN;
      // Beyond a long: only the sign matters.
      case JsonCursor.BIG_INTEGER -> c.numberNegative ? WsRequest.LEFT_UNKNOWN : Long.MAX_VALUE;
      default -> c.numberValue < 0 ? WsRequest.LEFT_UNKNOWN : c.numberValue;
    };
  }

  private static int readNumWant(JsonCursor c) {
    if (c.value() != JsonCursor.NUMBER) {
      c.skipValue();
      return WsRequest.NUM_WANT_ABSENT;
    }
    c.number();
    return c.numberKind == JsonCursor.INT ? (int) c.numberValue : WsRequest.NUM_WANT_ABSENT;
  }

  /**
   * Reads {@code offers} leniently: an entry that cannot be relayed is skipped and counted by
   * {@link OfferSkip} reason, never failing the announce (only malformed JSON does).
   */
  private void readOffers(JsonCursor c, WsRequest out) {
    out.offerCount = 0;
    out.offersIgnored = 0;
    java.util.Arrays.fill(out.offersSkipped, 0);
    if (c.nullValue()) {
      return;
    }
    if (c.value() != JsonCursor.ARRAY) {
      c.skipValue();
      out.offersSkipped[OfferSkip.NOT_A_LIST.ordinal()]++;
      return;
    }
    for (boolean more = c.arrayStart(); more; more = c.arrayNext()) {
      if (out.offerCount == limits.maxOffers()) {
        c.skipValue();
        out.offersIgnored++;
        continue;
      }
      final OfferSkip skip = readOffer(c, out, out.offerCount);
      if (skip == null) {
        out.offerCount++;
      } else {
        out.offersSkipped[skip.ordinal()]++;
      }
    }
  }

  /**
   * Reads {@code {offer:{type,sdp}, offer_id}} into offer slot {@code i}.
   *
   * @return null if the offer was kept, else why it was skipped
   */
  private @Nullable OfferSkip readOffer(JsonCursor c, WsRequest out, int i) {
    if (c.value() != JsonCursor.OBJECT) {
      c.skipValue();
      return OfferSkip.NOT_AN_OBJECT;
    }
    long sdp = JsonCursor.INVALID_SDP;
    boolean id = false;
    for (boolean more = c.objectStart(); more; more = c.objectNext()) {
      c.fieldName();
      switch (c.stringIndex(OFFER_KEYS)) {
        case 0 -> sdp = c.sdpHolder(limits.maxSdpSize());
        case 1 -> id = !c.nullValue() && binaryValue(c, out.offerIds, i * ID);
        default -> c.skipValue();
      }
    }
    if (sdp == JsonCursor.SDP_TOO_LARGE) {
      return OfferSkip.SDP_TOO_LARGE;
    } else if (sdp < 0) {
      return OfferSkip.NO_SDP;
    } else if (!id) {
      return OfferSkip.NO_OFFER_ID;
    }
    out.offerSdpOffsets[i] = JsonCursor.rangeOffset(sdp);
    out.offerSdpLengths[i] = JsonCursor.rangeLength(sdp);
    return null;
  }

  private void readAnswer(JsonCursor c, WsRequest out) {
    if (c.nullValue()) {
      out.answerPresent = false;
      return;
    }
    final long range = c.sdpHolder(limits.maxSdpSize());
    if (range == JsonCursor.SDP_TOO_LARGE) {
      out.failAnnounce(ReadError.SDP_TOO_LARGE);
    } else if (range < 0) {
      out.failAnnounce(ReadError.INVALID_ANSWER);
    }
    out.answerPresent = range >= 0;
    if (out.answerPresent) {
      out.answerSdpOffset = JsonCursor.rangeOffset(range);
      out.answerSdpLength = JsonCursor.rangeLength(range);
    }
  }

  /** Turns what was read into the outcome; errors in the order a client can best act on. */
  private static WsParseOutcome decide(WsRequest out) {
    if (out.error != null) {
      return WsParseOutcome.ERROR;
    }
    switch (out.action) {
      case NONE -> out.fail(ReadError.MISSING_ACTION);
      case UNKNOWN -> out.fail(ReadError.UNKNOWN_ACTION);
      case ANNOUNCE -> {
        if (out.infoHashForm == InfoHashForm.ABSENT) {
          out.fail(ReadError.MISSING_INFO_HASH);
        } else if (out.infoHashForm == InfoHashForm.LIST) {
          out.fail(ReadError.INVALID_INFO_HASH);
        } else if (out.announceError != null) {
          out.fail(out.announceError);
        } else if (!out.peerIdPresent) {
          out.fail(ReadError.MISSING_PEER_ID);
        } else if (out.answerPresent && !(out.toPeerIdPresent && out.answerOfferIdPresent)) {
          out.fail(ReadError.INCOMPLETE_ANSWER);
        } else {
          return WsParseOutcome.ANNOUNCE;
        }
      }
      case SCRAPE -> {
        if (out.infoHashForm == InfoHashForm.SINGLE) {
          System.arraycopy(out.infoHash, 0, out.scrapeHashes, 0, ID);
          out.scrapeHashCount = 1;
        } else if (out.infoHashForm == InfoHashForm.ABSENT) {
          out.scrapeHashCount = 0;
        }
        return WsParseOutcome.SCRAPE;
      }
    }
    return WsParseOutcome.ERROR;
  }
}
