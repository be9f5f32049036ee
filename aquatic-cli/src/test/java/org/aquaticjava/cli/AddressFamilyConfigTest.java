package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each tracker's address keys take their own family only: the real commands, in-process. */
class AddressFamilyConfigTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"udp", "http", "ws"})
  void anAddressOfTheOtherFamilyIsAConfigErrorNamingTheKey(String protocol) throws IOException {
    final Path file = dir.resolve(protocol + ".toml");
    Files.writeString(
        file,
        """
        [network]
        address_ipv4 = "[::1]:3000"
        address_ipv6 = "127.0.0.1:3000"
        """);

    final CliRun run = CliRun.of(AquaticMain.trackerCommands(), protocol, "-c", file.toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            file + ": network.address_ipv4: \"[::1]:3000\" is an IPv6 address, but address_ipv4"
                + " takes an IPv4 address such as 0.0.0.0:3000",
            file + ": network.address_ipv6: \"127.0.0.1:3000\" is an IPv4 address, but"
                + " address_ipv6 takes an IPv6 address such as [::]:3000");
  }
}
