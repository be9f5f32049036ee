package org.aquaticjava.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardedAddressTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X_FORWARDED_FOR | 192.0.2.7                          | 192.0.2.7",
        "X_FORWARDED_FOR | 198.51.100.1, 192.0.2.7            | 192.0.2.7",
        "X_FORWARDED_FOR | 198.51.100.1,2001:db8::7           | 2001:db8::7",
        "X_FORWARDED_FOR | 192.0.2.7:4711                     | 192.0.2.7",
        "X_FORWARDED_FOR | [2001:db8::7]:4711                 | 2001:db8::7",
        "X_FORWARDED_FOR | ::ffff:192.0.2.7                   | 192.0.2.7",
        "X_REAL_IP       | 192.0.2.7                          | 192.0.2.7",
        "FORWARDED       | for=192.0.2.7                      | 192.0.2.7",
        "FORWARDED       | For=\"[2001:db8::7]:4711\";proto=https | 2001:db8::7",
        "FORWARDED       | for=198.51.100.1, by=x;for=192.0.2.7 | 192.0.2.7",
      })
  void takesTheAddressTheProxyAdded(ReverseProxyHeader header, String value, String expected) {
    assertThat(ForwardedAddress.parse(header, List.of(value)))
        .isEqualTo(InetAddress.ofLiteral(expected));
  }

  @Test
  void takesTheLastOccurrenceOfARepeatedHeader() {
    assertThat(
            ForwardedAddress.parse(
                ReverseProxyHeader.X_FORWARDED_FOR, List.of("198.51.100.1", "192.0.2.7")))
        .isEqualTo(InetAddress.ofLiteral("192.0.2.7"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X_FORWARDED_FOR | ''",
        "X_FORWARDED_FOR | 192.0.2.7,",
        "X_FORWARDED_FOR | tracker.example.org",
        "X_FORWARDED_FOR | 192.0.2.300",
        "X_FORWARDED_FOR | 10.1",
        "X_FORWARDED_FOR | 0x7f.0.0.1",
        "X_FORWARDED_FOR | [2001:db8::7",
        "X_REAL_IP       | unknown",
        "FORWARDED       | for=unknown",
        "FORWARDED       | for=_hidden",
        "FORWARDED       | proto=https",
        "FORWARDED       | for=\"\"",
      })
  void refusesAnythingThatIsNotAnIpLiteral(ReverseProxyHeader header, String value) {
    assertThat(ForwardedAddress.parse(header, List.of(value))).isNull();
  }

  @Test
  void missingHeaderHasNoAddress() {
    assertThat(ForwardedAddress.parse(ReverseProxyHeader.X_REAL_IP, List.of())).isNull();
  }
}
