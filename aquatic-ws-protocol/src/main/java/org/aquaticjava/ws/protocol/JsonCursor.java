package org.aquaticjava.ws.protocol;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A validating, allocation-free pull cursor over one JSON text in a byte array, for the readers of
 * this package. It accepts exactly what jackson-core's UTF-8 parser accepts with its default
 * features and the readers' former {@code StreamReadConstraints} (RFC 8259: no comments, no
 * trailing commas, no leading zeros, no unescaped control characters in strings, only the eight
 * one-letter escapes and {@code \}{@code uXXXX}, whose surrogates need not pair), with one
 * exception: raw UTF-8 is checked strictly (Unicode Table 3-7), where jackson lets overlong forms
 * and sequences above U+10FFFF through. A WebSocket text frame is strict UTF-8 before it gets here
 * ({@code TextFrameUtf8Check}), so that only refuses binary frames jackson would have passed on.
 *
 * <p>Every string is validated where it stands, skipped or read, and the cursor reads nothing
 * outside {@code [0, length)} of the array it was given. Problems end the read by throwing one of
 * two preallocated, stackless {@link Stop}s: {@link #MALFORMED} or {@link #LIMIT} (nesting deeper
 * than the reader allows, a number of more than {@value #MAX_NUMBER_LENGTH} digits), the same
 * split jackson made between {@code JsonParseException} and {@code StreamConstraintsException}.
 *
 * <p>Positions: after {@link #value()} the cursor stands on a value's first byte; {@code
 * objectStart}/{@code objectNext} leave it on a field name's quote, {@link #fieldName()} on the
 * value after the colon. The last string scanned (a name or a value) is {@code [stringStart,
 * stringEnd)}, quotes included. Not thread-safe; one per reader slot, reset for each message.
 */
final class JsonCursor {
  /** How a read ended early; preallocated, so throwing one allocates nothing. */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final ReadError reason;

    private Stop(ReadError reason) {
      super(reason.label(), null, false, false);
      this.reason = reason;
    }
  }

  static final Stop MALFORMED = new Stop(ReadError.MALFORMED_JSON);
  static final Stop LIMIT = new Stop(ReadError.LIMIT_EXCEEDED);

  /** jackson's {@code maxNumberLength} as the readers configured it: digits, signs excluded. */
  static final int MAX_NUMBER_LENGTH = 100;

  // Value kinds, by first byte.
  static final int OBJECT = 1;
  static final int ARRAY = 2;
  static final int STRING = 3;
  static final int NUMBER = 4;
  static final int LITERAL = 5;

  // Number kinds (jackson's NumberType, and FLOAT for any fraction or exponent).
  static final int INT = 1;
  static final int LONG = 2;
  static final int BIG_INTEGER = 3;
  static final int FLOAT = 4;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
  private static final byte[] LONG_MAX_DIGITS = {'9', '2', '2', '3', '3', '7', '2', '0', '3', '6',
      '8', '5', '4', '7', '7', '5', '8', '0', '7'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private final int maxDepth;
  private byte[] bytes = new byte[0];
  private int end;
  int pos;
  private int depth;

  /** The last string scanned: opening quote, end after the closing quote, any backslash in it. */
  int stringStart;
  int stringEnd;
  boolean stringEscaped;

  /** The last number scanned: its kind, its value unless BIG_INTEGER or FLOAT, its sign. */
  int numberKind;
  long numberValue;
  boolean numberNegative;

  /** The last literal scanned: 't', 'f' or 'n'. */
  byte literal;

  JsonCursor(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /**
   * Copies the {@code length} readable bytes of {@code content} into {@code dst}, indices
   * untouched. Through {@code readBytes}, which Netty's direct buffers serve from their cached NIO
   * view: their {@code getBytes} into an array allocates a {@code ByteBuffer} duplicate per call
   * when Netty runs without Unsafe.
   */
  static void copyReadable(ByteBuf content, byte[] dst, int length) {
    final int readerIndex = content.readerIndex();
    content.readBytes(dst, 0, length);
    content.readerIndex(readerIndex);
  }

  /** Starts on {@code bytes[0..length)}. */
  void reset(byte[] bytes, int length) {
    this.bytes = bytes;
    this.end = length;
    this.pos = 0;
    this.depth = 0;
  }

  /** Skips whitespace; whether anything follows. */
  boolean more() {
    skipWhitespace();
    return pos < end;
  }

  private void skipWhitespace() {
    int i = pos;
    while (i < end) {
      final byte b = bytes[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        break;
      }
      i++;
    }
    pos = i;
  }

  /** Skips whitespace and names the value starting there; MALFORMED if none can. */
  int value() {
    skipWhitespace();
    if (pos >= end) {
      throw MALFORMED;
    }
    return switch (bytes[pos]) {
      case '{' -> OBJECT;
      case '[' -> ARRAY;
      case '"' -> STRING;
      case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> NUMBER;
      case 't', 'f', 'n' -> LITERAL;
      default -> throw MALFORMED;
    };
  }

  /** Whether the value at the cursor is {@code null} (then it is consumed). */
  boolean nullValue() {
    if (value() == LITERAL && bytes[pos] == 'n') {
      literal();
      return true;
    }
    return false;
  }

  // ---- structure ----

  /** On '{': enters the object; whether it has a field (then the cursor is on its name). */
  boolean objectStart() {
    enter();
    skipWhitespace();
    if (pos < end && bytes[pos] == '}') {
      pos++;
      depth--;
      return false;
    }
    requireQuote();
    return true;
  }

  /** After a field's value: whether another field follows (the cursor on its name). */
  boolean objectNext() {
    skipWhitespace();
    if (pos < end) {
      final byte b = bytes[pos++];
      if (b == ',') {
        skipWhitespace();
        requireQuote();
        return true;
      }
      if (b == '}') {
        depth--;
        return false;
      }
    }
    throw MALFORMED;
  }

  /** On a field name's quote: scans the name (see {@link #stringEquals}) and the colon. */
  void fieldName() {
    string();
    skipWhitespace();
    if (pos >= end || bytes[pos] != ':') {
      throw MALFORMED;
    }
    pos++;
  }

  /** On '[': enters the array; whether it has an element (then the cursor is before it). */
  boolean arrayStart() {
    enter();
    skipWhitespace();
    if (pos < end && bytes[pos] == ']') {
      pos++;
      depth--;
      return false;
    }
    return true;
  }

  /** After an element: whether another one follows. */
  boolean arrayNext() {
    skipWhitespace();
    if (pos < end) {
      final byte b = bytes[pos++];
      if (b == ',') {
        return true;
      }
      if (b == ']') {
        depth--;
        return false;
      }
    }
    throw MALFORMED;
  }

  private void enter() {
    pos++;
    if (++depth > maxDepth) {
      throw LIMIT;
    }
  }

  private void requireQuote() {
    if (pos >= end || bytes[pos] != '"') {
      throw MALFORMED;
    }
  }

  /** Skips the value at the cursor, validating all of it; recursion is bounded by the depth limit. */
  void skipValue() {
    switch (value()) {
      case OBJECT -> {
        for (boolean more = objectStart(); more; more = objectNext()) {
          fieldName();
          skipValue();
        }
      }
      case ARRAY -> {
        for (boolean more = arrayStart(); more; more = arrayNext()) {
          skipValue();
        }
      }
      case STRING -> string();
      case NUMBER -> number();
      default -> literal();
    }
  }

  // ---- strings ----

  /**
   * On a quote: scans and validates the string (UTF-8, escapes, no raw control characters) and
   * moves past it. Reads ASCII eight bytes at a time.
   */
  void string() {
    final byte[] b = bytes;
    final int limit = end;
    stringStart = pos;
    boolean escaped = false;
    int i = pos + 1;
    while (true) {
      if (i + Long.BYTES <= limit) {
        final long word = (long) LONGS.get(b, i);
        // Flags bytes that are non-ASCII, below 0x20, '"' or '\'. False flags only ever follow a
        // true one (borrows run upward), so the lowest flag is exact.
        final long special =
            (word | (word - 0x20 * ONES) | hasZero(word ^ ('"' * ONES)) | hasZero(word ^ ('\\' * ONES)))
                & HIGH_BITS;
        if (special == 0) {
          i += Long.BYTES;
          continue;
        }
        i += Long.numberOfTrailingZeros(special) >>> 3;
      } else if (i >= limit) {
        throw MALFORMED;
      }
      final int c = b[i] & 0xFF;
      if (c == '"') {
        break;
      } else if (c == '\\') {
        escaped = true;
        i = escape(i);
      } else if (c < 0x20) {
        throw MALFORMED;
      } else if (c < 0x80) {
        i++;
      } else {
        i = utf8(i, c);
      }
    }
    stringEscaped = escaped;
    stringEnd = i + 1;
    pos = i + 1;
  }

  /** Bit 7 of each byte of the result is set where {@code x} has a zero byte, or above one. */
  private static long hasZero(long x) {
    return (x - ONES) & ~x;
  }

  /** At a backslash: validates the escape; returns the index after it. */
  private int escape(int i) {
    if (i + 1 >= end) {
      throw MALFORMED;
    }
    switch (bytes[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
        return i + 2;
      }
      case 'u' -> {
        hex4(i + 2);
        return i + 6;
      }
      default -> throw MALFORMED;
    }
  }

  /** The four hex digits from {@code i} as a char value. */
  private int hex4(int i) {
    if (i + 4 > end) {
      throw MALFORMED;
    }
    int value = 0;
    for (int k = i; k < i + 4; k++) {
      final int c = bytes[k];
      final int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        throw MALFORMED;
      }
      value = value << 4 | digit;
    }
    return value;
  }

  /** At a non-ASCII lead byte {@code lead}: validates the sequence; returns the index after it. */
  private int utf8(int i, int lead) {
    if (lead < 0xC2 || lead > 0xF4) {
      throw MALFORMED;
    }
    if (lead < 0xE0) {
      continuation(i + 1, 0x80, 0xBF);
      return i + 2;
    }
    if (lead < 0xF0) {
      continuation(i + 1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
      continuation(i + 2, 0x80, 0xBF);
      return i + 3;
    }
    continuation(i + 1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
    continuation(i + 2, 0x80, 0xBF);
    continuation(i + 3, 0x80, 0xBF);
    return i + 4;
  }

  private void continuation(int i, int min, int max) {
    if (i >= end) {
      throw MALFORMED;
    }
    final int c = bytes[i] & 0xFF;
    if (c < min || c > max) {
      throw MALFORMED;
    }
  }

  /** Whether the last string scanned decodes to {@code ascii} (an ASCII constant). */
  boolean stringEquals(byte[] ascii) {
    int i = stringStart + 1;
    final int e = stringEnd - 1;
    if (!stringEscaped) {
      return Arrays.equals(bytes, i, e, ascii, 0, ascii.length);
    }
    int k = 0;
    while (i < e) {
      int c = bytes[i];
      if (c == '\\') {
        c = escapedChar(i);
        i += bytes[i + 1] == 'u' ? 6 : 2;
      } else {
        i++; // a non-ASCII byte is negative and never matches
      }
      if (k == ascii.length || ascii[k++] != c) {
        return false;
      }
    }
    return k == ascii.length;
  }

  /** Index in {@code keys} of the constant the last string decodes to, or -1. */
  int stringIndex(byte[][] keys) {
    for (int k = 0; k < keys.length; k++) {
      if (stringEquals(keys[k])) {
        return k;
      }
    }
    return -1;
  }

  /** The char value of the (validated) escape at the backslash {@code i}. */
  private int escapedChar(int i) {
    return switch (bytes[i + 1]) {
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> hex4(i + 2);
      default -> bytes[i + 1]; // '"', '\\', '/'
    };
  }

  /**
   * Decodes the last string as a binary string into {@code dst[offset..offset+20)}: it must be
   * exactly 20 chars, each at most U+00FF (aquatic #13).
   *
   * @return whether it was one; on false {@code dst} may hold part of it
   */
  boolean binaryString(byte[] dst, int offset) {
    int i = stringStart + 1;
    final int e = stringEnd - 1;
    if (!stringEscaped && e - i == JsonOutput.BINARY_LENGTH) {
      for (int k = i; k < e; k++) {
        if (bytes[k] < 0) {
          return false; // 20 bytes holding a multi-byte char are fewer than 20 chars
        }
      }
      System.arraycopy(bytes, i, dst, offset, JsonOutput.BINARY_LENGTH);
      return true;
    }
    int n = 0;
    while (i < e) {
      final int b = bytes[i] & 0xFF;
      final int c;
      if (b == '\\') {
        c = escapedChar(i);
        i += bytes[i + 1] == 'u' ? 6 : 2;
      } else if (b < 0x80) {
        c = b;
        i++;
      } else if (b <= 0xC3) { // U+0080..U+00FF (the string is valid UTF-8: C2 or C3)
        c = (b & 0x1F) << 6 | bytes[i + 1] & 0x3F;
        i += 2;
      } else {
        return false;
      }
      if (c > 0xFF || n == JsonOutput.BINARY_LENGTH) {
        return false;
      }
      dst[offset + n++] = (byte) c;
    }
    return n == JsonOutput.BINARY_LENGTH;
  }

  /** The last string decoded (for client-side text such as a failure reason; allocates). */
  String stringValue() {
    final StringBuilder text = new StringBuilder(stringEnd - stringStart);
    int i = stringStart + 1;
    final int e = stringEnd - 1;
    while (i < e) {
      final int b = bytes[i] & 0xFF;
      if (b == '\\') {
        text.append((char) escapedChar(i));
        i += bytes[i + 1] == 'u' ? 6 : 2;
      } else {
        final int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        text.append(new String(bytes, i, n, java.nio.charset.StandardCharsets.UTF_8));
        i += n;
      }
    }
    return text.toString();
  }

  // ---- numbers and literals ----

  /**
   * On '-' or a digit: scans a number as jackson does (no leading zeros, a digit after '.' and
   * after the exponent mark) and sets {@link #numberKind}, {@link #numberValue} and {@link
   * #numberNegative}. LIMIT beyond {@value #MAX_NUMBER_LENGTH} digits (integer part alone for an
   * integer; integer, fraction and exponent digits together otherwise).
   */
  void number() {
    number(false);
  }

  /** {@link #number()}; at the top level, as jackson, whitespace or the end must follow it first. */
  private void number(boolean root) {
    final byte[] b = bytes;
    int i = pos;
    final boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    final int intStart = i;
    if (i >= end || !isDigit(b[i])) {
      throw MALFORMED;
    }
    if (b[i] == '0') {
      i++;
      if (i < end && isDigit(b[i])) {
        throw MALFORMED; // leading zero
      }
    } else {
      i = digits(i);
    }
    final int intLength = i - intStart;
    int fractionLength = 0;
    int exponentLength = 0;
    boolean isFloat = false;
    if (i < end && b[i] == '.') {
      isFloat = true;
      final int from = i + 1;
      i = digits(from);
      fractionLength = i - from;
      if (fractionLength == 0) {
        throw MALFORMED;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      isFloat = true;
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      final int from = i;
      i = digits(from);
      exponentLength = i - from;
      if (exponentLength == 0) {
        throw MALFORMED;
      }
    }
    if (root && i < end && b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t') {
      throw MALFORMED; // "1]"; "1 ]" is a number, then trouble jackson never read
    }
    if (intLength + fractionLength + exponentLength > MAX_NUMBER_LENGTH) {
      throw LIMIT;
    }
    pos = i;
    numberNegative = negative;
    if (isFloat) {
      numberKind = FLOAT;
    } else if (intLength > LONG_MAX_DIGITS.length
        || intLength == LONG_MAX_DIGITS.length && beyondLong(intStart, negative)) {
      numberKind = BIG_INTEGER;
    } else {
      long value = 0; // accumulated negative, so Long.MIN_VALUE fits
      for (int k = intStart; k < intStart + intLength; k++) {
        value = value * 10 - (b[k] - '0');
      }
      numberValue = negative ? value : -value;
      numberKind = numberValue == (int) numberValue ? INT : LONG;
    }
  }

  private boolean beyondLong(int from, boolean negative) {
    final int cmp = Arrays.compare(bytes, from, from + LONG_MAX_DIGITS.length, LONG_MAX_DIGITS, 0,
        LONG_MAX_DIGITS.length);
    return negative ? cmp > 0 && !isLongMinDigits(from) : cmp > 0;
  }

  /** Whether the 19 digits from {@code from} are 9223372036854775808 (Long.MIN_VALUE's). */
  private boolean isLongMinDigits(int from) {
    return Arrays.equals(bytes, from, from + 18, LONG_MAX_DIGITS, 0, 18) && bytes[from + 18] == '8';
  }

  private int digits(int i) {
    while (i < end && isDigit(bytes[i])) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /**
   * On 't', 'f' or 'n': scans {@code true}, {@code false} or {@code null} and sets {@link
   * #literal}. Like jackson, refuses one followed by a character that could continue an
   * identifier ({@code truex}, {@code null1}).
   */
  void literal() {
    final byte first = bytes[pos];
    final byte[] word = first == 't' ? TRUE : first == 'f' ? FALSE : NULL;
    final int after = pos + word.length;
    if (after > end || !Arrays.equals(bytes, pos, after, word, 0, word.length)) {
      throw MALFORMED;
    }
    if (after < end) {
      final int next = bytes[after] & 0xFF;
      if (next >= '0' && next != ']' && next != '}' && Character.isJavaIdentifierPart(charAt(after, next))) {
        throw MALFORMED;
      }
    }
    literal = first;
    pos = after;
  }

  /** The char starting at {@code i} (as jackson decodes it for this check; MALFORMED if not UTF-8). */
  private char charAt(int i, int lead) {
    if (lead < 0x80) {
      return (char) lead;
    }
    final int next = utf8(i, lead);
    int cp = lead & (0xFF >>> (next - i + 1));
    for (int k = i + 1; k < next; k++) {
      cp = cp << 6 | bytes[k] & 0x3F;
    }
    return (char) cp;
  }

  /**
   * At the start: whether the text is an object (then the cursor is on its '{'). Otherwise reads
   * what jackson's first token read, so the same texts are MALFORMED rather than not an object:
   * nothing or a bracket or quote is not an object at once, a number or literal only if it is one
   * (a number only if whitespace or the end follows it), anything else MALFORMED.
   */
  boolean rootIsObject() {
    if (!more()) {
      return false;
    }
    switch (value()) {
      case OBJECT -> {
        return true;
      }
      case NUMBER -> number(true);
      case LITERAL -> literal();
      default -> { }
    }
    return false;
  }

  /**
   * Whether {@code bytes[0..length)} starts as UTF-8 JSON text: not empty, no BOM or other non-ASCII
   * first byte, no 0x00 among the first four bytes. These made jackson sniff another encoding, so
   * they stay refused as MALFORMED_JSON (a JSON object in UTF-8 has none of them).
   */
  static boolean isPlainUtf8Start(byte[] bytes, int length) {
    if (length == 0 || bytes[0] <= 0) {
      return false;
    }
    for (int i = 1; i < Math.min(length, 4); i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    return true;
  }

  // ---- the one shape both readers share ----

  /** {@link #sdpHolder}: not an object with an {@code sdp} string. */
  static final long INVALID_SDP = -1;
  /** {@link #sdpHolder}: the {@code sdp} literal is longer than allowed. */
  static final long SDP_TOO_LARGE = -2;

  private static final byte[] SDP = {'s', 'd', 'p'};

  /**
   * Reads an {@code {type, sdp}} object (other keys skipped; {@code type} not checked: the tracker
   * relays opaquely) and returns its {@code sdp} literal's range (quotes included) packed as {@code
   * offset << 32 | length}, or {@link #INVALID_SDP} or {@link #SDP_TOO_LARGE} (longer than {@code
   * maxSdpSize} bytes). The literal is validated, never decoded. The last {@code sdp} key counts.
   */
  long sdpHolder(int maxSdpSize) {
    if (value() != OBJECT) {
      skipValue();
      return INVALID_SDP;
    }
    long range = INVALID_SDP;
    for (boolean more = objectStart(); more; more = objectNext()) {
      fieldName();
      final boolean isSdp = stringEquals(SDP);
      if (!isSdp || value() != STRING) {
        skipValue();
        range = isSdp ? INVALID_SDP : range;
        continue;
      }
      string();
      final int length = stringEnd - stringStart;
      range = length > maxSdpSize ? SDP_TOO_LARGE : ((long) stringStart << 32) | length;
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
