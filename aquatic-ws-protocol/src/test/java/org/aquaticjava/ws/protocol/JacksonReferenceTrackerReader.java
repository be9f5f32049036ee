package org.aquaticjava.ws.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * The jackson-core {@link TrackerMessageParser} as it was before {@link JsonCursor}, kept as the
 * oracle of the property tests. Test code only.
 */
final class JacksonReferenceTrackerReader {
  private static final int MAX_NESTING_DEPTH = 8;
  private final JsonFactory factory;
  private final int maxMessageSize;
  private final int maxSdpSize;

  JacksonReferenceTrackerReader(int maxMessageSize, int maxSdpSize) {
    this.maxMessageSize = maxMessageSize;
    this.maxSdpSize = maxSdpSize;
    this.factory = JsonInput.factory(maxMessageSize, MAX_NESTING_DEPTH);
  }

  /** Reads the readable bytes of {@code content} without moving its indices. */
  public TrackerMessageKind parse(ByteBuf content, TrackerMessage out) {
    final int length = content.readableBytes();
    if (length > Math.min(maxMessageSize, out.message.length)) {
      out.reset(0);
      return out.invalid("message too large: " + length);
    }
    content.getBytes(content.readerIndex(), out.message, 0, length);
    out.reset(length);
    if (!JsonCursor.isPlainUtf8Start(out.message, length)) {
      return out.invalid("not UTF-8 JSON");
    }
    try (JsonParser parser = factory.createParser(out.message, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return out.invalid("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        final String name = parser.currentName();
        parser.nextToken();
        readField(parser, name, out);
      }
      if (JsonInput.anythingAfterTheObject(parser)) {
        return out.invalid("content after the object");
      }
    } catch (IOException e) {
      return out.invalid("malformed JSON: " + e.getClass().getSimpleName());
    }
    return out.kind = classify(out);
  }

  private void readField(JsonParser parser, String name, TrackerMessage out) throws IOException {
    switch (name) {
      case "action" -> out.action =
          parser.currentToken() == JsonToken.VALUE_STRING
              ? JsonInput.action(
                  parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())
              : MessageAction.NONE;
      case "info_hash" -> out.infoHashPresent = JsonInput.readBinary(parser, out.infoHash, 0);
      case "peer_id" -> out.peerIdPresent = JsonInput.readBinary(parser, out.peerId, 0);
      case "offer_id" -> out.offerIdPresent = JsonInput.readBinary(parser, out.offerId, 0);
      case "offer" -> out.offerPresent = readSdp(parser, out);
      case "answer" -> out.answerPresent = readSdp(parser, out);
      case "complete" -> out.complete = readCount(parser);
      case "incomplete" -> out.incomplete = readCount(parser);
      case "interval" -> out.interval = readCount(parser);
      case "failure reason" -> out.failureReason = readText(parser);
      case "warning message" -> out.warningMessage = readText(parser);
      case "files" -> readFiles(parser, out);
      default -> { }
    }
    parser.skipChildren();
  }

  private boolean readSdp(JsonParser parser, TrackerMessage out) throws IOException {
    final long range = JsonInput.readSdpHolder(parser, out.message, out.messageLength, maxSdpSize);
    if (range < 0) {
      return false;
    }
    out.sdpOffset = JsonInput.rangeOffset(range);
    out.sdpLength = JsonInput.rangeLength(range);
    return true;
  }

  private static long readCount(JsonParser parser) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NUMBER_INT
            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
        ? parser.getLongValue()
        : TrackerMessage.ABSENT;
  }

  private static String readText(JsonParser parser) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : "";
  }

  /** {@code {IH:{complete,incomplete,downloaded}, …}}; entries with a bad hash are skipped. */
  private static void readFiles(JsonParser parser, TrackerMessage out) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return;
    }
    out.filesPresent = true;
    out.scrapeEntryCount = 0;
    out.scrapeEntriesIgnored = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      final int i = out.scrapeEntryCount;
      final boolean kept = i < out.maxScrapeEntries && readName(parser, out.scrapeHashes, i * 20);
      parser.nextToken();
      if (!kept || parser.currentToken() != JsonToken.START_OBJECT) {
        out.scrapeEntriesIgnored++;
        parser.skipChildren();
        continue;
      }
      out.scrapeCounts[3 * i] = TrackerMessage.ABSENT;
      out.scrapeCounts[3 * i + 1] = TrackerMessage.ABSENT;
      out.scrapeCounts[3 * i + 2] = TrackerMessage.ABSENT;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        final String key = parser.currentName();
        parser.nextToken();
        final int slot = switch (key) {
          case "complete" -> 0;
          case "incomplete" -> 1;
          case "downloaded" -> 2;
          default -> -1;
        };
        if (slot >= 0) {
          out.scrapeCounts[3 * i + slot] = readCount(parser);
        }
        parser.skipChildren();
      }
      out.scrapeEntryCount++;
    }
  }

  /** A field name as a binary string (names are strings too, so the same rules apply). */
  private static boolean readName(JsonParser parser, byte[] dst, int offset) throws IOException {
    final String name = parser.currentName();
    if (name.length() != JsonOutput.BINARY_LENGTH) {
      return false;
    }
    for (int j = 0; j < JsonOutput.BINARY_LENGTH; j++) {
      final char c = name.charAt(j);
      if (c > 0xFF) {
        return false;
      }
      dst[offset + j] = (byte) c;
    }
    return true;
  }

  private static TrackerMessageKind classify(TrackerMessage out) {
    if (out.failureReason != null) {
      return TrackerMessageKind.ERROR;
    }
    switch (out.action) {
      case ANNOUNCE -> {
        if (!out.infoHashPresent) {
          return out.invalid("announce without a valid info_hash");
        }
        if (out.offerPresent || out.answerPresent) {
          return out.peerIdPresent && out.offerIdPresent
              ? (out.offerPresent ? TrackerMessageKind.OFFER : TrackerMessageKind.ANSWER)
              : out.invalid("relay without peer_id or offer_id");
        }
        return TrackerMessageKind.ANNOUNCE_RESPONSE;
      }
      case SCRAPE -> {
        return out.filesPresent
            ? TrackerMessageKind.SCRAPE_RESPONSE
            : out.invalid("scrape response without files");
      }
      default -> {
        return out.invalid("missing or unknown action");
      }
    }
  }
}
