package org.aquaticjava.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Corners where a hand-written reader most easily parts from jackson, each held against {@link
 * JacksonReferenceReader}: top-level values that are not objects, literals and numbers run into
 * other characters, number lengths at the limit, escaped keys and values, surrogates in escapes,
 * what a broken message keeps. {@link JacksonOracleTest} covers the space at random; these stay as
 * named regressions (the first came from the fuzz test).
 */
class JacksonParityTest {
  private static final String IDS = "\"info_hash\":\"abcdefghijklmnopqrst\",\"peer_id\":\"ABCDEFGHIJKLMNOPQRST\"";
  private final WsRequestParser reader = new WsRequestParser(ReadLimits.DEFAULTS);
  private final JacksonReferenceReader oracle = new JacksonReferenceReader(ReadLimits.DEFAULTS);
  private final WsRequest read = reader.newMessage();
  private final WsRequest expected = reader.newMessage();

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "\n\t\r ", "[", "]", "}", "\"abc", "\"\\x\"", "1", "1 ", "1]", "1 ]", "-", "-0", "01", "1.", "1e",
      "true", "true]", "true:", "truex", "true1", "true\u00e9", "nul", "null", "x",
      "4444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444455%",
      "4444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444444455 ",
      "{}", "{} ", "{}x", "{}{}", "{} \"", "{,}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\" : 1 }",
      "{\"action\":\"announce\"x", "{\"action\":truex}", "{\"action\":\"announce\",\"action\":true\u00e9}",
      "{\"action\":\"announce\",\"action\":5x}", "{\"action\":\"announce\",\"x\":[1 2]}",
      "{\"\\u0061ction\":\"\\u0061nnounce\"," + IDS + "}",
      "{\"action\":\"announce\",\"info_hash\":\"\\u0061bcdefghijklmnopqrs\\u00ff\",\"peer_id\":\"ABCDEFGHIJKLMNOPQRS\\/\"}",
      "{\"action\":\"announce\",\"info_hash\":\"\\uD83D\\uDE00bcdefghijklmnopqrs\",\"peer_id\":\"ABCDEFGHIJKLMNOPQRST\"}",
      "{\"action\":\"announce\",\"info_hash\":\"\\uDC00bcdefghijklmnopqrst\",\"peer_id\":\"ABCDEFGHIJKLMNOPQRST\"}",
      "{\"action\":\"announce\"," + IDS + ",\"left\":-0}",
      "{\"action\":\"announce\"," + IDS + ",\"left\":-9223372036854775808,\"numwant\":-2147483648}",
      "{\"action\":\"announce\"," + IDS + ",\"left\":9223372036854775808,\"numwant\":2147483648}",
      "{\"action\":\"announce\"," + IDS + ",\"left\":1E+2,\"numwant\":1.0}",
      "{\"action\":\"announce\"," + IDS + ",\"x\":1.99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999}",
      "{\"action\":\"announce\"," + IDS + ",\"x\":1.999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999}",
      "{\"action\":\"announce\"," + IDS + ",\"answer\":{\"sdp\":\"a\\u00e9\\\"\\\\\\r\\n\\uDC00\",\"sdp\":\"b\"},\"to_peer_id\":\"abcdefghijklmnopqrst\",\"offer_id\":\"abcdefghijklmnopqrst\"}",
      "{\"action\":\"announce\"," + IDS + ",\"answer\":{\"sdp\":\"b\",\"sdp\":1},\"to_peer_id\":\"abcdefghijklmnopqrst\",\"offer_id\":\"abcdefghijklmnopqrst\"}",
      "{\"action\":\"announce\"," + IDS + ",\"offers\":[{\"\\u006fffer\":{\"s\\u0064p\":\"v=0\"},\"offer_id\":\"abcdefghijklmnopqrst\"}]}",
      "{\"action\":\"scrape\",\"info_hash\":[\"abcdefghijklmnopqrst\",]}",
      "{\"action\":\"scrape\",\"info_hash\":\"abcdefghijklmnopqrst\",\"info_hash\":[\"abcdefghijklmnopqrst\",1}",
  })
  void readsAsJacksonDid(String json) {
    final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    reader.parse(bytes, 0, bytes.length, read);
    oracle.parse(bytes, 0, bytes.length, expected);
    assertThat(Summaries.of(read)).isEqualTo(Summaries.of(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"c080", "c1bf", "e08080", "f0808080", "f4908080", "f5808080"})
  void utf8ThatJacksonLetThroughIsRefused(String hex) {
    final byte[] bad = java.util.HexFormat.of().parseHex(hex);
    final byte[] head = "{\"action\":\"announce\",\"x\":\"".getBytes(StandardCharsets.US_ASCII);
    final byte[] bytes = new byte[head.length + bad.length + 2];
    System.arraycopy(head, 0, bytes, 0, head.length);
    System.arraycopy(bad, 0, bytes, head.length, bad.length);
    bytes[bytes.length - 2] = '"';
    bytes[bytes.length - 1] = '}';
    oracle.parse(bytes, 0, bytes.length, expected);
    assertThat(expected.error()).as("jackson").isEqualTo(ReadError.MISSING_INFO_HASH);
    reader.parse(bytes, 0, bytes.length, read);
    assertThat(read.error()).isEqualTo(ReadError.MALFORMED_JSON);
    assertThat(read.action()).isEqualTo(MessageAction.ANNOUNCE);
  }
}
