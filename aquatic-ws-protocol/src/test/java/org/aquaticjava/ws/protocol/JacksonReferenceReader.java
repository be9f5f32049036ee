package org.aquaticjava.ws.protocol;

import static org.aquaticjava.ws.protocol.WsRequest.ID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import org.aquaticjava.ws.protocol.WsRequest.InfoHashForm;
import org.jspecify.annotations.Nullable;

/**
 * The jackson-core reader that {@link WsRequestParser} replaced, kept verbatim as the oracle
 * of the property tests: what it accepted, refused and kept of a broken message is what the tracker
 * did before. Test code only; jackson-core is a test dependency.
 */
final class JacksonReferenceReader {
  private final ReadLimits limits;
  private final JsonFactory factory;

  JacksonReferenceReader(ReadLimits limits) {
    this.limits = limits;
    this.factory = JsonInput.factory(limits.maxMessageSize(), limits.maxNestingDepth());
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
      return tooLarge(out, length);
    }
    content.getBytes(content.readerIndex(), out.message, 0, length);
    return parse(out, length);
  }

  /** Reads {@code bytes[offset..offset+length)} (UTF-8). Never throws for any content. */
  public WsParseOutcome parse(byte[] bytes, int offset, int length, WsRequest out) {
    checkSlot(out);
    if (length > limits.maxMessageSize()) {
      return tooLarge(out, length);
    }
    System.arraycopy(bytes, offset, out.message, 0, length);
    return parse(out, length);
  }

  private void checkSlot(WsRequest out) {
    if (!out.limits.equals(limits)) {
      throw new IllegalArgumentException("slot made for " + out.limits + ", reader has " + limits);
    }
  }

  private static WsParseOutcome tooLarge(WsRequest out, int length) {
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
    try (JsonParser parser = factory.createParser(out.message, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        out.fail(ReadError.NOT_AN_OBJECT);
        return out.outcome = WsParseOutcome.ERROR;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        final String name = parser.currentName();
        parser.nextToken();
        readField(parser, name, out);
      }
      if (JsonInput.anythingAfterTheObject(parser)) {
        out.fail(ReadError.MALFORMED_JSON); // a second value after the object
      }
    } catch (StreamConstraintsException e) {
      out.fail(ReadError.LIMIT_EXCEEDED);
    } catch (IOException e) {
      out.fail(ReadError.MALFORMED_JSON);
    }
    return out.outcome = decide(out);
  }

  /** Reads the value of one top-level key; leaves the parser on the value's last token. */
  private void readField(JsonParser parser, String name, WsRequest out) throws IOException {
    switch (name) {
      case "action" -> readAction(parser, out);
      case "info_hash" -> readInfoHash(parser, out);
      case "peer_id" -> out.peerIdPresent = readOptionalId(parser, out.peerId, 0, ReadError.INVALID_PEER_ID, out);
      case "event" -> readEvent(parser, out);
      case "left" -> out.left = readLeft(parser);
      case "numwant" -> out.numWant = readNumWant(parser);
      case "offers" -> readOffers(parser, out);
      case "answer" -> readAnswer(parser, out);
      case "to_peer_id" ->
          out.toPeerIdPresent = readOptionalId(parser, out.toPeerId, 0, ReadError.INVALID_TO_PEER_ID, out);
      case "offer_id" ->
          out.answerOfferIdPresent =
              readOptionalId(parser, out.answerOfferId, 0, ReadError.INVALID_OFFER_ID, out);
      default -> parser.skipChildren();
    }
  }

  private static void readAction(JsonParser parser, WsRequest out) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      out.action = JsonInput.action(
          parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    } else {
      parser.skipChildren();
      out.action = MessageAction.NONE;
    }
  }

  private void readInfoHash(JsonParser parser, WsRequest out) throws IOException {
    out.scrapeHashCount = 0;
    out.scrapeHashesIgnored = 0;
    switch (parser.currentToken()) {
      case VALUE_NULL -> out.infoHashForm = InfoHashForm.ABSENT;
      case VALUE_STRING ->
          out.infoHashForm = JsonInput.readBinary(parser, out.infoHash, 0)
              ? InfoHashForm.SINGLE
              : invalidInfoHash(out);
      case START_ARRAY -> out.infoHashForm = readHashList(parser, out);
      default -> {
        parser.skipChildren();
        out.infoHashForm = invalidInfoHash(out);
      }
    }
  }

  private static InfoHashForm invalidInfoHash(WsRequest out) {
    out.fail(ReadError.INVALID_INFO_HASH);
    return InfoHashForm.INVALID;
  }

  private InfoHashForm readHashList(JsonParser parser, WsRequest out) throws IOException {
    boolean valid = true;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (out.scrapeHashCount == limits.maxScrapeHashes()) {
        parser.skipChildren();
        out.scrapeHashesIgnored++;
      } else if (JsonInput.readBinary(parser, out.scrapeHashes, out.scrapeHashCount * ID)) {
        out.scrapeHashCount++;
      } else {
        valid = false;
        if (token.isStructStart()) {
          parser.skipChildren();
        }
      }
    }
    return valid ? InfoHashForm.LIST : invalidInfoHash(out);
  }

  /**
   * Reads an optional id: {@code null} means absent; anything but a valid binary string records
   * {@code invalid} as an announce error.
   *
   * @return whether a valid id was read into {@code dst}
   */
  private static boolean readOptionalId(
      JsonParser parser, byte[] dst, int offset, ReadError invalid, WsRequest out) throws IOException {
    final JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    if (JsonInput.readBinary(parser, dst, offset)) {
      return true;
    }
    parser.skipChildren();
    out.failAnnounce(invalid);
    return false;
  }

  private static void readEvent(JsonParser parser, WsRequest out) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      out.event = JsonInput.event(
          parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    } else {
      parser.skipChildren();
      out.event = WsAnnounceEvent.UPDATE;
    }
  }

  private static long readLeft(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      parser.skipChildren();
      return WsRequest.LEFT_UNKNOWN;
    }
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      // Beyond a long: only the sign matters, and reading it from the text avoids a BigInteger.
      return parser.getTextCharacters()[parser.getTextOffset()] == '-'
          ? WsRequest.LEFT_UNKNOWN
          : Long.MAX_VALUE;
    }
    final long left = parser.getLongValue();
    return left < 0 ? WsRequest.LEFT_UNKNOWN : left;
  }

  private static int readNumWant(JsonParser parser) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() == JsonParser.NumberType.INT) {
      return parser.getIntValue();
    }
    parser.skipChildren();
    return WsRequest.NUM_WANT_ABSENT;
  }

  /**
   * Reads {@code offers} leniently: an entry that cannot be relayed is skipped and counted by
   * {@link OfferSkip} reason, never failing the announce (only malformed JSON does).
   */
  private void readOffers(JsonParser parser, WsRequest out) throws IOException {
    out.offerCount = 0;
    out.offersIgnored = 0;
    java.util.Arrays.fill(out.offersSkipped, 0);
    final JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      out.offersSkipped[OfferSkip.NOT_A_LIST.ordinal()]++;
      return;
    }
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (out.offerCount == limits.maxOffers()) {
        parser.skipChildren();
        out.offersIgnored++;
        continue;
      }
      final OfferSkip skip = readOffer(parser, out, out.offerCount);
      if (skip == null) {
        out.offerCount++;
      } else {
        out.offersSkipped[skip.ordinal()]++;
      }
    }
  }

  /**
   * Reads {@code {offer:{type,sdp}, offer_id}} into offer slot {@code i}; leaves the parser on the
   * entry's last token.
   *
   * @return null if the offer was kept, else why it was skipped
   */
  private @Nullable OfferSkip readOffer(JsonParser parser, WsRequest out, int i) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return OfferSkip.NOT_AN_OBJECT;
    }
    long sdp = JsonInput.INVALID_SDP;
    boolean id = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      final String name = parser.currentName();
      parser.nextToken();
      switch (name) {
        case "offer" ->
            sdp = JsonInput.readSdpHolder(parser, out.message, out.messageLength, limits.maxSdpSize());
        case "offer_id" -> {
          id = parser.currentToken() != JsonToken.VALUE_NULL
              && JsonInput.readBinary(parser, out.offerIds, i * ID);
          if (!id) {
            parser.skipChildren();
          }
        }
        default -> parser.skipChildren();
      }
    }
    if (sdp == JsonInput.SDP_TOO_LARGE) {
      return OfferSkip.SDP_TOO_LARGE;
    } else if (sdp < 0) {
      return OfferSkip.NO_SDP;
    } else if (!id) {
      return OfferSkip.NO_OFFER_ID;
    }
    out.offerSdpOffsets[i] = JsonInput.rangeOffset(sdp);
    out.offerSdpLengths[i] = JsonInput.rangeLength(sdp);
    return null;
  }

  private void readAnswer(JsonParser parser, WsRequest out) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      out.answerPresent = false;
      return;
    }
    final long range = readSdpHolder(parser, out, ReadError.INVALID_ANSWER);
    out.answerPresent = range >= 0;
    if (out.answerPresent) {
      out.answerSdpOffset = JsonInput.rangeOffset(range);
      out.answerSdpLength = JsonInput.rangeLength(range);
    }
  }

  /** Reads {@code {type, sdp}} and returns the packed SDP range, or -1 after recording why not. */
  private long readSdpHolder(JsonParser parser, WsRequest out, ReadError invalid) throws IOException {
    final long range =
        JsonInput.readSdpHolder(parser, out.message, out.messageLength, limits.maxSdpSize());
    if (range == JsonInput.SDP_TOO_LARGE) {
      out.failAnnounce(ReadError.SDP_TOO_LARGE);
    } else if (range < 0) {
      out.failAnnounce(invalid);
    }
    return range;
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
