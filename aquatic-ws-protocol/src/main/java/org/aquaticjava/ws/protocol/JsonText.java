package org.aquaticjava.ws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A string encoded once as a JSON string literal in UTF-8, quotes included, escaped the way {@code
 * JSON.stringify} does it; for failure reasons, warnings and (client side) SDPs that are written
 * many times. Immutable and thread-safe.
 */
public final class JsonText {
  private final String text;
  private final byte[] literal;

  private JsonText(String text, byte[] literal) {
    this.text = text;
    this.literal = literal;
  }

  /** Encodes {@code text}; unpaired surrogates become {@code \\uXXXX} escapes, like JSON.stringify. */
  public static JsonText of(String text) {
    final StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c < 0x80) {
        json.append(JsonOutput.escapedAscii(c));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        json.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        json.append("\\u").append(Integer.toHexString(c)); // unpaired: escaped, as JSON.stringify does
      } else {
        json.append(c);
      }
    }
    return new JsonText(text, json.append('"').toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The decoded text. */
  public String text() {
    return text;
  }

  /** Length in bytes of the literal, quotes included. */
  public int length() {
    return literal.length;
  }

  /** A copy of the literal's UTF-8 bytes, quotes included. */
  public byte[] literal() {
    return literal.clone();
  }

  /** The literal's bytes without copying; package-private because the array must stay unmodified. */
  byte[] literalBytes() {
    return literal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonText other && Arrays.equals(literal, other.literal);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(literal);
  }

  @Override
  public String toString() {
    return new String(literal, StandardCharsets.UTF_8);
  }
}
