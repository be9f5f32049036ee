package org.aquaticjava.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decoding rules of protocols.md §3.3 as a table: 19 raw bytes {@code a} followed by the
 * encoded piece under test make a {@code peer_id}; the decoded 20th byte (in hex) or the failure is
 * expected. Each row is checked on text targets and on buffer targets.
 */
class PercentDecodingTest {
  private static final String PREFIX = "/announce?info_hash=" + "%00".repeat(20) + "&port=1&peer_id=";
  private static final String NINETEEN = "a".repeat(19);

  private final HttpQueryParser parser = new HttpQueryParser();
  private final HttpQuery query = new HttpQuery(1);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "%41        | 41",
        "%4a        | 4a",
        "%4A        | 4a",
        "%00        | 00",
        "%ff        | ff",
        "%Ff        | ff",
        "+          | 2b",
        "%2B        | 2b",
        "%20        | 20",
        "z          | 7a",
        "~          | 7e",
        "\u00e9     | e9",
        "\u00ff     | ff",
        "%          | MALFORMED_PERCENT_ENCODING",
        "%4         | MALFORMED_PERCENT_ENCODING",
        "%G0        | MALFORMED_PERCENT_ENCODING",
        "%0G        | MALFORMED_PERCENT_ENCODING",
        "%%41       | MALFORMED_PERCENT_ENCODING",
        "%-1        | MALFORMED_PERCENT_ENCODING",
        "''         | PEER_ID_NOT_20_BYTES",
        "bb         | PEER_ID_NOT_20_BYTES",
        "%41%41     | PEER_ID_NOT_20_BYTES",
      })
  void decodesOnePieceOnTextAndBytes(String encoded, String expected) {
    check(PREFIX + NINETEEN + encoded, expected);
    final byte[] latin1 = (PREFIX + NINETEEN + encoded).getBytes(StandardCharsets.ISO_8859_1);
    final HttpParseOutcome outcome = parser.parse(Unpooled.wrappedBuffer(latin1), query);
    assertOutcome(outcome, expected);
  }

  @ParameterizedTest(name = "U+{0}")
  @CsvSource({"0100", "20ac", "d83d"})
  void refusesCharactersThatAreNotBytes(String codePoint) {
    final char c = (char) Integer.parseInt(codePoint, 16);
    check(PREFIX + NINETEEN + c, "MALFORMED_PERCENT_ENCODING");
  }

  private void check(String target, String expected) {
    assertOutcome(parser.parse(target, query), expected);
  }

  private void assertOutcome(HttpParseOutcome outcome, String expected) {
    if (expected.length() == 2) {
      assertThat(outcome).as(() -> String.valueOf(query.failure())).isEqualTo(HttpParseOutcome.ANNOUNCE);
      assertThat(query.announce().peerId()[19]).isEqualTo(HexFormat.of().parseHex(expected)[0]);
      assertThat(new String(query.announce().peerId(), 0, 19, StandardCharsets.US_ASCII)).isEqualTo(NINETEEN);
    } else {
      assertThat(outcome).isEqualTo(HttpParseOutcome.FAILURE);
      assertThat(query.failure()).isEqualTo(FailureReason.valueOf(expected));
    }
  }
}
