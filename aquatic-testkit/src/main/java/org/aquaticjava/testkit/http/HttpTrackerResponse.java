package org.aquaticjava.testkit.http;

import java.nio.charset.StandardCharsets;
import org.aquaticjava.http.protocol.BencodeException;
import org.aquaticjava.http.protocol.BencodeReader;
import org.aquaticjava.http.protocol.BencodeValue;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP response from a tracker: status, the headers a test looks at, and the body with strict
 * bencode decoding on demand. Immutable.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header, or null
 * @param connection the {@code Connection} header, or null
 * @param body the body bytes; owned by this record
 */
public record HttpTrackerResponse(
    int status, @Nullable String contentType, @Nullable String connection, byte[] body) {

  /** The body decoded as a bencoded dictionary; anything else fails the test. */
  public BencodeValue.Dict dict() {
    try {
      if (new BencodeReader().read(body) instanceof BencodeValue.Dict dict) {
        return dict;
      }
    } catch (BencodeException e) {
      throw new AssertionError("body is not valid bencode: " + text(), e);
    }
    throw new AssertionError("body is not a bencoded dictionary: " + text());
  }

  /** The {@code failure reason}, or null if the response has none. */
  public @Nullable String failureReason() {
    return dict().get("failure reason") instanceof BencodeValue.Bytes bytes ? bytes.utf8() : null;
  }

  /** The body as ISO-8859-1 text, for failure messages. */
  public String text() {
    return new String(body, StandardCharsets.ISO_8859_1);
  }
}
