package org.aquaticjava.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.255.1.2, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "192.0.2.1, 192.0.2.1, true",
    "192.0.2.1, 192.0.2.2, false",
    "192.0.2.128/25, 192.0.2.200, true",
    "192.0.2.128/25, 192.0.2.127, false",
    "0.0.0.0/0, 203.0.113.9, true",
    "0.0.0.0/0, ::1, false",
    "127.0.0.1/32, ::ffff:127.0.0.1, true",
    "::1/128, ::1, true",
    "::1/128, 127.0.0.1, false",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/33, 2001:db8:8000::1, false",
    "10.1.2.3/8, 10.9.9.9, true",
  })
  void matchesAddressesInsideTheNetworkOnly(String cidr, String address, boolean inside) {
    assertThat(Cidr.parse(cidr).contains(InetAddress.ofLiteral(address).getAddress()))
        .isEqualTo(inside);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "tracker.example/8", "10.0.0/8", "''"})
  void refusesWhatIsNotACidrNamingTheEntry(String text) {
    assertThatThrownBy(() -> Cidr.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"");
  }

  @ParameterizedTest
  @CsvSource({"10.1.2.3/8, 10.0.0.0/8", "2001:db8::1/32, 2001:db8:0:0:0:0:0:0/32"})
  void clearsHostBits(String text, String printed) {
    assertThat(Cidr.parse(text)).hasToString(printed);
  }
}
