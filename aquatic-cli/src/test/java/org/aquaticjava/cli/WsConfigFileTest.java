package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.ConfigPrinter;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.ws.WsConfig;
import org.junit.jupiter.api.Test;

/** The WebTorrent config as a file: printed defaults match the golden file and load back unchanged. */
class WsConfigFileTest {

  @Test
  void printedDefaultsMatchTheGoldenFile() {
    Golden.assertMatches("config/ws-default.toml", ConfigPrinter.print(WsConfig.DEFAULTS));
  }

  @Test
  void wsDashPPrintsTheGoldenFile() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        AquaticMain.execute(
            new String[] {"ws", "-p"}, AquaticMain.trackerCommands(), new PrintWriter(out), new PrintWriter(err));

    assertThat(status).isZero();
    assertThat(err.toString()).isEmpty();
    Golden.assertMatches("config/ws-default.toml", out.toString());
  }

  @Test
  void printedDefaultsLoadBackToTheDefaults() throws ConfigException {
    String printed = ConfigPrinter.print(WsConfig.DEFAULTS);

    assertThat(ConfigLoader.parse(printed, WsConfig.class, WsConfig.DEFAULTS)).isEqualTo(WsConfig.DEFAULTS);
  }

  @Test
  void emptyFileIsTheDefaultsAndTyposAreRefused() throws ConfigException {
    assertThat(ConfigLoader.parse("", WsConfig.class, WsConfig.DEFAULTS)).isEqualTo(WsConfig.DEFAULTS);
    try {
      ConfigLoader.parse("[protocol]\nmax_ofers = 3\npeer_id_change = \"kick\"\n", WsConfig.class, WsConfig.DEFAULTS);
      throw new AssertionError("a bad file loaded");
    } catch (ConfigException e) {
      assertThat(e.problems()).hasSize(2);
      assertThat(String.join("\n", e.problems())).contains("max_ofers", "peer_id_change");
    }
  }

}
