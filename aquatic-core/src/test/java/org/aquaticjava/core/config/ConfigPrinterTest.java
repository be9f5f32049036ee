package org.aquaticjava.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigPrinterTest {

  @Test
  void printsScalarsFirstThenOneDocumentedTablePerNestedRecord() {
    assertThat(ConfigPrinter.print(SampleConfig.DEFAULTS))
        .isEqualTo(
            """
            # Sample config for tests.

            # A switch.
            enabled = true
            # A bounded count.
            count = 7
            # A long without bounds.
            total = 1099511627776
            # A fraction.
            ratio = 0.5
            # A name.
            name = "sample"
            # Log level.
            log_level = "warn"
            # Some tags.
            tags = ["a", "b"]

            # Where to listen.
            [listener]
            # Address and port.
            address = "127.0.0.1:3000"
            # Transport.
            transport = "io_uring"

            # Limits.
            [listener.limits]
            # Lower bound.
            low = 1
            # Upper bound.
            high = 10
            """);
  }

  @Test
  void defaultsSurviveAPrintAndLoadRoundTrip() throws ConfigException {
    String printed = ConfigPrinter.print(SampleConfig.DEFAULTS);

    assertThat(ConfigLoader.parse(printed, SampleConfig.class, SampleConfig.DEFAULTS))
        .isEqualTo(SampleConfig.DEFAULTS);
  }

  @Test
  void effectiveConfigWithEveryValueChangedLoadsBackEqual() throws ConfigException {
    SampleConfig changed =
        new SampleConfig(
            false,
            0,
            Long.MIN_VALUE,
            1.0,
            "quote \" back\\slash\nnewline",
            LogLevel.OFF,
            List.of(),
            new SampleConfig.Listener(
                "[::1]:0", IoTransportChoice.NIO, new SampleConfig.Limits(-5, -5)));

    String printed = ConfigPrinter.printEffective(changed);

    assertThat(printed).startsWith("# Effective configuration");
    assertThat(ConfigLoader.parse(printed, SampleConfig.class, SampleConfig.DEFAULTS))
        .isEqualTo(changed);
  }

  @Test
  void wrapsLongDocsAtOneHundredColumnsKeepingEveryWord() {
    String doc = "word ".repeat(60) + "end.";

    List<String> lines = ConfigPrinter.wrap(doc);

    assertThat(lines).hasSizeGreaterThan(2);
    assertThat(lines).allSatisfy(line -> assertThat(("#" + line).length()).isLessThanOrEqualTo(100));
    assertThat(lines.get(0).length()).isGreaterThan(90);
    assertThat(String.join("", lines).trim().split(" +")).hasSize(61);
  }

  @Test
  void keepsLineBreaksWrittenInTheDoc() {
    assertThat(ConfigPrinter.wrap("First.\nSecond.")).containsExactly(" First.", " Second.");
  }

  @Test
  void rejectsComponentTypesTheFormatCannotExpress() {
    record Unsupported(Map<String, String> map) {}

    assertThatThrownBy(() -> ConfigPrinter.print(new Unsupported(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("map")
        .hasMessageContaining("java.util.Map<java.lang.String, java.lang.String>");
  }

  @Test
  void namesKeysInSnakeCase() {
    assertThat(ConfigField.snakeCase("socketRecvBufferSize")).isEqualTo("socket_recv_buffer_size");
    assertThat(ConfigField.snakeCase("useIpv4")).isEqualTo("use_ipv4");
    assertThat(ConfigField.snakeCase("mode")).isEqualTo("mode");
  }
}
