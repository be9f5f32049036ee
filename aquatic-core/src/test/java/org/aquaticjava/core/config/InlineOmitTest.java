package org.aquaticjava.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@link Inline#omit}: a whole record inlined into a table without some of its keys, at its own
 * level and inside its tables. Omitted keys are neither printed nor accepted and keep the default.
 */
class InlineOmitTest {

  /** A table holding a {@link SampleConfig} without its name, log level and limits' upper bound. */
  @Doc("Wrapper.")
  record Wrapper(
      @Doc("On or off.") boolean on,
      @Inline(omit = {"name", "log_level", "listener.limits.high"}) SampleConfig sample) {
    static final Wrapper DEFAULTS = new Wrapper(true, SampleConfig.DEFAULTS);
  }

  @Doc("Root.")
  record Root(Wrapper part) {
    static final Root DEFAULTS = new Root(Wrapper.DEFAULTS);
  }

  @Test
  void omittedKeysAreNotPrintedAndTheOthersAreWhereTheRecordPutsThem() {
    final String printed = ConfigPrinter.print(Root.DEFAULTS);

    assertThat(printed)
        .contains("[part]\n", "on = true", "count = 7", "[part.listener.limits]\n# Lower bound.\nlow = 1")
        .doesNotContain("name =", "log_level", "high =");
  }

  @Test
  void omittedKeysAreUnknownAndKeepTheirDefaults() throws ConfigException {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    "[part]\nname = \"x\"\n[part.listener.limits]\nhigh = 3\n",
                    Root.class,
                    Root.DEFAULTS))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactlyInAnyOrder(
                        "part.name: unknown key", "part.listener.limits.high: unknown key"));

    final Root loaded =
        ConfigLoader.parse(
            "[part]\non = false\ncount = 9\n[part.listener.limits]\nlow = 2\n",
            Root.class,
            Root.DEFAULTS);
    assertThat(loaded.part().on()).isFalse();
    assertThat(loaded.part().sample().count()).isEqualTo(9);
    assertThat(loaded.part().sample().name()).isEqualTo(SampleConfig.DEFAULTS.name());
    assertThat(loaded.part().sample().listener().limits()).isEqualTo(new SampleConfig.Limits(2, 10));
  }
}
