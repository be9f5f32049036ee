package org.aquaticjava.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTargetTest {
  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:3000", "127.1.2.3:1", "[::1]:65535", "localhost:6969"})
  void acceptsLoopback(String address) {
    final InetSocketAddress resolved = LoopbackTarget.resolve(address);
    assertThat(resolved.getAddress().isLoopbackAddress()).isTrue();
    assertThat(resolved.getPort()).isEqualTo(Integer.parseInt(address.replaceAll(".*:", "")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1:3000", "192.0.2.7:3000", "[2001:db8::1]:3000", "0.0.0.0:3000",
      "[::]:3000", "[::ffff:192.0.2.1]:3000"})
  void refusesEverythingElse(String address) {
    assertThatThrownBy(() -> LoopbackTarget.resolve(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to load-test")
        .hasMessageContaining("only loopback targets");
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.1:", ":3000", "::1:3000", "127.0.0.1:0",
      "127.0.0.1:70000", "127.0.0.1:http"})
  void refusesMalformedAddresses(String address) {
    assertThatThrownBy(() -> LoopbackTarget.resolve(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(address);
  }
}
