package org.aquaticjava.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A key renamed with {@link FormerKey}: the old name loads with a warning, both names are an error. */
class FormerKeyTest {

  @Doc("A config with a renamed key in a nested table.")
  record Renamed(@Doc("A count.") int count, Section section) {
    static final Renamed DEFAULTS = new Renamed(1, Section.DEFAULTS);
  }

  @Doc("A table.")
  record Section(
      @Doc("Seconds of warm-up.") @FormerKey("warmup_seconds") @Range(min = 0, max = 60)
          int warmupDuration) {
    static final Section DEFAULTS = new Section(5);
  }

  private final List<String> warnings = new ArrayList<>();

  private Renamed load(String toml) throws ConfigException {
    return ConfigLoader.parse(toml, Renamed.class, Renamed.DEFAULTS, warnings::add);
  }

  private List<String> problemsOf(String toml) {
    try {
      load(toml);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected the config to be rejected:\n" + toml);
  }

  @Test
  void theFormerKeyLoadsTheSameValueAndWarnsNamingBothKeys() throws ConfigException {
    final Renamed viaFormer = load("[section]\nwarmup_seconds = 7\n");
    final List<String> formerWarnings = List.copyOf(warnings);
    warnings.clear();
    final Renamed viaCurrent = load("[section]\nwarmup_duration = 7\n");

    assertThat(viaFormer).isEqualTo(viaCurrent).isEqualTo(new Renamed(1, new Section(7)));
    assertThat(formerWarnings)
        .containsExactly(
            "section.warmup_seconds is deprecated: it was renamed to section.warmup_duration;"
                + " the value is used, but rename the key in the file");
    assertThat(warnings).isEmpty();
  }

  @Test
  void theFormerKeyGetsTheSameChecksAndErrorsNameTheKeyAsWritten() {
    assertThat(problemsOf("[section]\nwarmup_seconds = 61\n"))
        .containsExactly("section.warmup_seconds: must be between 0 and 60, found 61");
    assertThat(warnings).as("no warning for a file that does not load").isEmpty();
  }

  @Test
  void bothKeysAtOnceIsAnErrorNamingBoth() {
    assertThat(problemsOf("[section]\nwarmup_seconds = 7\nwarmup_duration = 8\n"))
        .containsExactly(
            "section.warmup_seconds and section.warmup_duration: both set;"
                + " warmup_seconds is the former name of warmup_duration,"
                + " keep only warmup_duration");
  }

  @Test
  void suggestionsAndThePrinterOfferOnlyTheCurrentKey() {
    assertThat(problemsOf("[section]\nwarmup_second = 7\nwarmup_duratin = 7\n"))
        .containsExactly(
            "section.warmup_second: unknown key",
            "section.warmup_duratin: unknown key; did you mean warmup_duration?");
    assertThat(ConfigPrinter.print(Renamed.DEFAULTS))
        .contains("warmup_duration = 5")
        .doesNotContain("warmup_seconds");
  }

  @Test
  void thePublicLoaderLogsEachDeprecationOncePerProcess() throws ConfigException {
    // slf4j-simple looks System.err up for every line.
    final PrintStream stderr = System.err;
    final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    final String toml = "count = 2\n[section]\nwarmup_seconds = 3\n";
    try {
      assertThat(ConfigLoader.parse(toml, Renamed.class, Renamed.DEFAULTS))
          .isEqualTo(new Renamed(2, new Section(3)));
      assertThat(ConfigLoader.parse(toml, Renamed.class, Renamed.DEFAULTS))
          .isEqualTo(new Renamed(2, new Section(3)));
    } finally {
      System.setErr(stderr);
    }
    final List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("WARN")
        .contains("section.warmup_seconds is deprecated: it was renamed to section.warmup_duration");
  }
}
