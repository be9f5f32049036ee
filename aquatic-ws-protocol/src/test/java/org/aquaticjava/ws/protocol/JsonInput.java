package org.aquaticjava.ws.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/** The jackson-core reading primitives of {@link JacksonReferenceReader} (test oracle). Stateless. */
final class JsonInput {
  /** Returned by {@link #literalEnd} when the token does not start with a quote. */
  static final int NOT_A_LITERAL = -1;
  /** {@link #readSdpHolder}: not an object with an {@code sdp} string. */
  static final long INVALID_SDP = -1;
  /** {@link #readSdpHolder}: the {@code sdp} literal is longer than allowed. */
  static final long SDP_TOO_LARGE = -2;

  private JsonInput() {}

  /**
   * A factory that parses UTF-8 only within the given limits: no interning of hostile field names,
   * no source snippets in exception messages (they would copy client bytes).
   */
  static JsonFactory factory(int maxMessageSize, int maxNestingDepth) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxDocumentLength(maxMessageSize)
                .maxStringLength(maxMessageSize)
                .maxNameLength(maxMessageSize)
                .maxNumberLength(100)
                .build())
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .build();
  }

  /**
   * Whether anything follows the top-level object. What follows does not matter: a second value
   * is malformed however long it is, so jackson's number-length limit tripping on it (a trailing
   * run of 101 digits) is not a limit the message exceeded.
   */
  static boolean anythingAfterTheObject(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() != null;
    } catch (StreamConstraintsException e) {
      return true;
    }
  }

  static MessageAction action(char[] chars, int offset, int len) {
    for (MessageAction action : new MessageAction[] {MessageAction.ANNOUNCE, MessageAction.SCRAPE}) {
      if (equalsAscii(chars, offset, len, action.wireName())) {
        return action;
      }
    }
    return MessageAction.UNKNOWN;
  }

  static WsAnnounceEvent event(char[] chars, int offset, int len) {
    for (WsAnnounceEvent event : WsAnnounceEvent.values()) {
      if (equalsAscii(chars, offset, len, event.wireName())) {
        return event;
      }
    }
    return WsAnnounceEvent.UPDATE;
  }

  static boolean equalsAscii(char[] chars, int offset, int len, String ascii) {
    if (len != ascii.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (chars[offset + i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the current token as a binary string into {@code dst[offset..offset+20)} without creating
   * a String: it must be a string of exactly 20 chars, each at most U+00FF (aquatic #13: no
   * silently ignored extra chars).
   *
   * @return whether it was one; on false {@code dst} may hold part of it
   */
  static boolean readBinary(JsonParser parser, byte[] dst, int offset) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING
        || parser.getTextLength() != JsonOutput.BINARY_LENGTH) {
      return false;
    }
    final char[] chars = parser.getTextCharacters();
    final int from = parser.getTextOffset();
    for (int i = 0; i < JsonOutput.BINARY_LENGTH; i++) {
      final char c = chars[from + i];
      if (c > 0xFF) {
        return false;
      }
      dst[offset + i] = (byte) c;
    }
    return true;
  }

  /**
   * Start of the current string token's literal (its opening quote) in the parsed bytes. Call
   * {@link JsonParser#getTextLength()} first: that decodes the string, so jackson has checked its
   * UTF-8 and escapes.
   */
  static int literalStart(JsonParser parser) {
    // One small JsonLocation per SDP. ParserBase.getTokenCharacterOffset() would avoid it but
    // points at the key, not the value, for values that follow a key.
    return (int) parser.currentTokenLocation().getByteOffset();
  }

  /**
   * End (exclusive) of the string literal whose opening quote is at {@code start}, or {@link
   * #NOT_A_LITERAL}. Only called on a literal jackson has already decoded, so the closing quote is
   * there; the bound check keeps a mismatch from reading past the message.
   */
  static int literalEnd(byte[] bytes, int start, int limit) {
    if (start < 0 || start >= limit || bytes[start] != '"') {
      return NOT_A_LITERAL;
    }
    int i = start + 1;
    while (i < limit) {
      final byte b = bytes[i];
      if (b == '"') {
        return i + 1;
      }
      i += b == '\\' ? 2 : 1;
    }
    return NOT_A_LITERAL;
  }

  /**
   * Reads an {@code {type, sdp}} object (other keys skipped; {@code type} not checked: the tracker
   * relays opaquely) and returns its {@code sdp} literal's range in {@code bytes} packed as {@code
   * offset << 32 | length}, or {@link #INVALID_SDP} or {@link #SDP_TOO_LARGE}. Leaves the parser on
   * the object's end.
   */
  static long readSdpHolder(JsonParser parser, byte[] bytes, int length, int maxSdpSize)
      throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return INVALID_SDP;
    }
    long range = INVALID_SDP;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      final boolean isSdp = "sdp".equals(parser.currentName());
      if (parser.nextToken() != JsonToken.VALUE_STRING || !isSdp) {
        parser.skipChildren();
        range = isSdp ? INVALID_SDP : range;
        continue;
      }
      parser.getTextLength(); // decodes the string: jackson checks its UTF-8 and escapes
      final int start = literalStart(parser);
      final int end = literalEnd(bytes, start, length);
      if (end == NOT_A_LITERAL) {
        range = INVALID_SDP;
      } else if (end - start > maxSdpSize) {
        range = SDP_TOO_LARGE;
      } else {
        range = ((long) start << 32) | (end - start);
      }
    }
    return range;
  }

  static int rangeOffset(long range) {
    return (int) (range >>> 32);
  }

  static int rangeLength(long range) {
    return (int) range;
  }
}
