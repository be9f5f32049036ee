package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.ConfigPrinter;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.udp.UdpConfig;
import org.junit.jupiter.api.Test;

/** The UDP config as a file: printed defaults match the golden file and load back unchanged. */
class UdpConfigFileTest {

  @Test
  void printedDefaultsMatchTheGoldenFile() {
    Golden.assertMatches("config/udp-default.toml", ConfigPrinter.print(UdpConfig.DEFAULTS));
  }

  @Test
  void printedDefaultsLoadBackToTheDefaults() throws ConfigException {
    String printed = ConfigPrinter.print(UdpConfig.DEFAULTS);

    assertThat(ConfigLoader.parse(printed, UdpConfig.class, UdpConfig.DEFAULTS))
        .isEqualTo(UdpConfig.DEFAULTS);
  }

  @Test
  void emptyFileIsTheDefaults() throws ConfigException {
    assertThat(ConfigLoader.parse("", UdpConfig.class, UdpConfig.DEFAULTS))
        .isEqualTo(UdpConfig.DEFAULTS);
  }
}
