package org.aquaticjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.Arrays;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.udp.protocol.AddressFamily;
import org.aquaticjava.udp.protocol.DropReason;
import org.aquaticjava.udp.protocol.ParseOutcome;
import org.aquaticjava.udp.protocol.ResponseOutcome;
import org.aquaticjava.udp.protocol.UdpErrorMessage;
import org.aquaticjava.udp.protocol.UdpRequest;
import org.aquaticjava.udp.protocol.UdpRequestParser;
import org.aquaticjava.udp.protocol.UdpResponse;
import org.aquaticjava.udp.protocol.UdpResponseParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** aquatic's all-lengths test on the goldens: every prefix gets the outcome its length allows. */
class UdpGoldenPrefixSweepTest {
  private final UdpRequestParser parser = new UdpRequestParser(70);
  private final UdpRequest request = new UdpRequest();
  private final UdpResponse response = new UdpResponse();

  private ParseOutcome parse(byte[] datagram) {
    return parser.parse(Unpooled.wrappedBuffer(datagram), request);
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp/connect-request.bin", "udp/announce-request-bep41.bin"})
  void connectAndAnnouncePrefixesDropUntilTheFixedPartIsComplete(String golden) {
    final byte[] full = Golden.bytes(golden);
    final ParseOutcome complete = parse(full);
    final int fixedPart = complete == ParseOutcome.CONNECT ? 16 : 98;
    for (int length = 0; length <= full.length; length++) {
      final ParseOutcome outcome = parse(Arrays.copyOf(full, length));
      if (length < 16) {
        assertThat(outcome).isEqualTo(ParseOutcome.DROP);
        assertThat(request.dropReason()).isEqualTo(DropReason.TOO_SHORT);
      } else if (length < fixedPart) {
        assertThat(outcome).isEqualTo(ParseOutcome.DROP);
        assertThat(request.dropReason()).isEqualTo(DropReason.TRUNCATED_ANNOUNCE);
      } else {
        assertThat(outcome).as("prefix of %d bytes", length).isEqualTo(complete);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp/scrape-request.bin"})
  void scrapePrefixesAreRefusedWithTheRightMessage(String golden) {
    final byte[] full = Golden.bytes(golden);
    for (int length = 0; length < full.length; length++) {
      final ParseOutcome outcome = parse(Arrays.copyOf(full, length));
      if (length < 16) {
        assertThat(outcome).isEqualTo(ParseOutcome.DROP);
      } else {
        assertThat(outcome).isEqualTo(ParseOutcome.ERROR);
        assertThat(request.errorMessage())
            .isEqualTo(length == 16 ? UdpErrorMessage.FULL_SCRAPE : UdpErrorMessage.INVALID_INFO_HASH_LIST);
      }
    }
    assertThat(parse(full)).isEqualTo(ParseOutcome.SCRAPE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "udp/connect-response.bin",
        "udp/announce-response-v4.bin",
        "udp/announce-response-v6.bin",
        "udp/scrape-response.bin",
        "udp/error-invalid-info-hash-list.bin"
      })
  void responsePrefixesNeverParseAsSomethingElse(String golden) {
    final byte[] full = Golden.bytes(golden);
    final AddressFamily family = golden.endsWith("v6.bin") ? AddressFamily.IPV6 : AddressFamily.IPV4;
    final ResponseOutcome complete = UdpResponseParser.parse(Unpooled.wrappedBuffer(full), family, response);
    assertThat(complete).isNotEqualTo(ResponseOutcome.MALFORMED);
    for (int length = 0; length < full.length; length++) {
      final ResponseOutcome outcome =
          UdpResponseParser.parse(Unpooled.wrappedBuffer(Arrays.copyOf(full, length)), family, response);
      assertThat(outcome).as("prefix of %d bytes", length).isIn(complete, ResponseOutcome.MALFORMED);
      if (length < 8) {
        assertThat(outcome).isEqualTo(ResponseOutcome.MALFORMED);
      }
    }
  }
}
