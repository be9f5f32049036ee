package org.aquaticjava.ws.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** The values the golden files under {@code golden/ws/} were generated from (see their README). */
final class WsGoldens {
  static final byte[] IH = hex("000a1f225c7f80ff" + asciiHex("abcdefghijkl"));
  static final byte[] PA = hex(asciiHex("-WW0208-") + "0102030405c3e9e0f1f2f3f4");
  static final byte[] PB = hex(asciiHex("-WW0208-") + "090d0822272f3a7e7f9fa0bf");
  static final byte[] O1 = hex("101112131415161718191a1b1c1d1e1f20212223");
  static final byte[] O2 = hex("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedec");
  static final JsonText SDP_A = JsonText.of(
      "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
          + "a=ice-ufrag:\"quoted\"\\back€\r\n");
  static final JsonText SDP_A2 = JsonText.of("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n");
  static final JsonText SDP_B = JsonText.of("v=0\r\no=- 99 2 IN IP4 127.0.0.1\r\ns=-\r\na=setup:active\r\n");

  /** Golden paths of the client messages. */
  static final String[] CLIENT_FILES = {"ws/announce-with-offers.json", "ws/answer.json", "ws/scrape-request.json"};
  /** Golden paths of the tracker messages. */
  static final String[] TRACKER_FILES = {
    "ws/announce-response.json", "ws/offer-relay.json", "ws/answer-relay.json", "ws/scrape-response.json",
    "ws/error.json"
  };

  private WsGoldens() {}

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static String asciiHex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] range(byte[] bytes, int offset, int length) {
    return Arrays.copyOfRange(bytes, offset, offset + length);
  }

  static byte[] id(byte[] ids, int i) {
    return range(ids, i * 20, 20);
  }
}
