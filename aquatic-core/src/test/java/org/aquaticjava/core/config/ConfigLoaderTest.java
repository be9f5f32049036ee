package org.aquaticjava.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static SampleConfig load(String toml) throws ConfigException {
    return ConfigLoader.parse(toml, SampleConfig.class, SampleConfig.DEFAULTS);
  }

  private static List<String> problemsOf(String toml) {
    try {
      load(toml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the config to be rejected:\n" + toml);
  }

  @Test
  void emptyTextGivesTheDefaults() throws ConfigException {
    assertThat(load("")).isEqualTo(SampleConfig.DEFAULTS);
  }

  @Test
  void missingKeysKeepTheirDefaultsAtEveryLevel() throws ConfigException {
    SampleConfig config =
        load(
            """
            count = 9
            [listener.limits]
            high = 20
            """);

    assertThat(config)
        .isEqualTo(
            new SampleConfig(
                true,
                9,
                1L << 40,
                0.5,
                "sample",
                LogLevel.WARN,
                List.of("a", "b"),
                new SampleConfig.Listener(
                    "127.0.0.1:3000", IoTransportChoice.IO_URING, new SampleConfig.Limits(1, 20))));
  }

  @Test
  void readsEveryKindOfValue() throws ConfigException {
    SampleConfig config =
        load(
            """
            enabled = false
            total = -9_000_000_000
            ratio = 1
            name = 'literal'
            log_level = "trace"
            tags = ["x"]
            listener = { address = "[::]:65535", transport = "epoll" }
            """);

    assertThat(config.enabled()).isFalse();
    assertThat(config.total()).isEqualTo(-9_000_000_000L);
    assertThat(config.ratio()).isEqualTo(1.0);
    assertThat(config.name()).isEqualTo("literal");
    assertThat(config.logLevel()).isEqualTo(LogLevel.TRACE);
    assertThat(config.tags()).containsExactly("x");
    assertThat(config.listener().address()).isEqualTo("[::]:65535");
    assertThat(config.listener().transport()).isEqualTo(IoTransportChoice.EPOLL);
  }

  @Test
  void unknownKeyNamesItsFullPathAndTheLikelyIntendedKey() {
    assertThat(problemsOf("[listener]\nadress = \"1.2.3.4:5\"\n"))
        .containsExactly("listener.adress: unknown key; did you mean address?");
  }

  @Test
  void unknownKeyFarFromAnyKnownKeyGetsNoSuggestion() {
    assertThat(problemsOf("completely_different = 1\n[listener.limits]\n\"odd key\" = 2\n"))
        .containsExactly(
            "completely_different: unknown key", "listener.limits.\"odd key\": unknown key");
  }

  @Test
  void unknownSectionIsAnUnknownKey() {
    assertThat(problemsOf("[listner]\naddress = \"1.2.3.4:5\"\n"))
        .containsExactly("listner: unknown key; did you mean listener?");
  }

  @Test
  void wrongTypesSayWhatWasExpectedAndWhatWasFound() {
    assertThat(
            problemsOf(
                """
                enabled = "yes"
                count = "x"
                total = 1.5
                ratio = true
                name = 5
                tags = "a"
                listener = 3
                """))
        .containsExactly(
            "enabled: expected a boolean, found string \"yes\"",
            "count: expected an integer, found string \"x\"",
            "total: expected an integer, found float 1.5",
            "ratio: expected a number, found boolean true",
            "name: expected a string, found integer 5",
            "tags: expected an array of strings, found string \"a\"",
            "listener: expected a table, found integer 3");
  }

  @Test
  void arrayElementOfTheWrongTypeIsNamedByIndex() {
    assertThat(problemsOf("tags = [\"a\", 2]\n"))
        .containsExactly("tags: expected an array of strings, found integer 2 at index 1");
  }

  @Test
  void valuesOutsideTheirRangeAreRejected() {
    assertThat(problemsOf("count = 101\nratio = 1.5\n[listener.limits]\nlow = -1\n"))
        .containsExactly(
            "count: must be between 0 and 100, found 101",
            "ratio: must be between 0 and 1, found 1.5");
    assertThat(problemsOf("count = -1\n")).containsExactly("count: must be between 0 and 100, found -1");
  }

  @Test
  void integerBeyondIntRangeIsRejectedForAnIntField() {
    assertThat(problemsOf("[listener.limits]\nhigh = 3000000000\n"))
        .containsExactly(
            "listener.limits.high: must be between -2147483648 and 2147483647, found 3000000000");
  }

  @Test
  void integerBeyondSixtyFourBitsIsRejectedInsteadOfWrappingAround() {
    assertThat(problemsOf("name = \"x\"\n\ntotal = 99999999999999999999999\n"))
        .containsExactly("line 3: integer 99999999999999999999999 does not fit in 64 bits");
  }

  @Test
  void nanIsNotANumber() {
    assertThat(problemsOf("ratio = nan\n")).containsExactly("ratio: expected a number, found float nan");
  }

  @Test
  void badEnumValueListsTheAllowedOnes() {
    assertThat(problemsOf("log_level = \"INFO\"\n[listener]\ntransport = 1\n"))
        .containsExactly(
            "log_level: expected one of off, error, warn, info, debug, trace; found string \"INFO\"",
            "listener.transport: expected one of auto, io_uring, epoll, nio; found integer 1");
  }

  @Test
  void malformedSocketAddressIsRejectedWithTheReason() {
    assertThat(problemsOf("[listener]\naddress = \"127.0.0.1\"\n"))
        .containsExactly(
            "listener.address: \"127.0.0.1\" is not host:port or [ipv6]:port: missing \":port\"");
    assertThat(problemsOf("[listener]\naddress = \"::1:3000\"\n")).hasSize(1);
    assertThat(problemsOf("[listener]\naddress = \"1.2.3.4:65536\"\n")).hasSize(1);
  }

  @Test
  void portZeroAsksForAnEphemeralPortAndIsAccepted() throws ConfigException {
    assertThat(load("[listener]\naddress = \"127.0.0.1:0\"\n").listener().address())
        .isEqualTo("127.0.0.1:0");
  }

  @Test
  void recordConstructorObjectionIsReportedForItsTable() {
    assertThat(problemsOf("[listener.limits]\nlow = 50\n"))
        .containsExactly("listener.limits: low (50) must not exceed high (10)");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThat(
            problemsOf(
                """
                cont = 1
                log_level = "loud"
                [listener]
                address = "nowhere"
                [listener.limits]
                high = "many"
                """))
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).startsWith("cont: unknown key; did you mean count?"))
        .anySatisfy(p -> assertThat(p).startsWith("log_level: expected one of"))
        .anySatisfy(p -> assertThat(p).startsWith("listener.address: "))
        .anySatisfy(p -> assertThat(p).startsWith("listener.limits.high: expected an integer"));
  }

  @Test
  void syntaxErrorNamesItsLine() {
    assertThat(problemsOf("count = 1\nname = \n"))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("line 2: "));
    assertThat(problemsOf("count = 1\n\n\ncount = 2\n"))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("line 4: ").contains("count"));
    assertThat(problemsOf("[listener\naddress = \"1.2.3.4:5\"\n"))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("line 1: ").doesNotContain("\n").contains("\\n"));
  }

  @Test
  void loadsAFile(@TempDir Path dir) throws IOException, ConfigException {
    Path file = dir.resolve("config.toml");
    Files.writeString(file, "count = 3\n");

    assertThat(ConfigLoader.load(file, SampleConfig.class, SampleConfig.DEFAULTS).count())
        .isEqualTo(3);
  }

  @Test
  void missingFileIsOneProblem(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    dir.resolve("absent.toml"), SampleConfig.class, SampleConfig.DEFAULTS))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).containsExactly("cannot read the file: it does not exist"));
  }
}
