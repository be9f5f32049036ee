package org.aquaticjava.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0:3000, 0.0.0.0, 3000",
    "127.0.0.1:0, 127.0.0.1, 0",
    "[::]:3000, ::, 3000",
    "[::1]:65535, ::1, 65535",
    "[::ffff:1.2.3.4]:80, ::ffff:1.2.3.4, 80",
    "localhost:9000, localhost, 9000",
    "tracker.example-1.org:6969, tracker.example-1.org, 6969"
  })
  void parsesHostAndPort(String text, String host, int port) {
    HostPort parsed = HostPort.parse(text);

    assertThat(parsed).isEqualTo(new HostPort(host, port));
    assertThat(HostPort.parse(parsed.toString())).isEqualTo(parsed);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "3000",
        ":3000",
        "1.2.3.4:",
        "1.2.3.4:65536",
        "1.2.3.4:-1",
        "1.2.3.4:+80",
        "1.2.3.4:http",
        "256.1.1.1:80",
        "1.2.3:80",
        "::1:3000",
        "[::1]",
        "[::1]3000",
        "[1.2.3.4]:80",
        "[nothex::]:80",
        "-bad.example:80",
        "a..b:80",
        "under_score:80",
        "1.2.3.4:99999999999"
      })
  void rejectsMalformedAddressesWithAMessage(String text) {
    assertThatThrownBy(() -> HostPort.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("\"" + text + "\" is not host:port or [ipv6]:port: ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[::1]      | missing \":port\" after \"]\"",
        "[::1]3000  | missing \":port\" after \"]\"",
        "[::1:3000  | missing \"]\" after the IPv6 address",
        "[::1]:port | port must be a number from 0 to 65535",
        "::1:3000   | an IPv6 address needs brackets, as in [::1]:3000"
      })
  void saysWhatIsWrongWithAnIpv6Address(String text, String reason) {
    assertThatThrownBy(() -> HostPort.parse(text)).hasMessageEndingWith(": " + reason);
  }
}
