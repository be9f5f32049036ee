package org.aquaticjava.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's contract: exact comparison, and an update switch that only rewrites generated goldens. */
class GoldenTest {
  private final @Nullable String basedir = System.getProperty("basedir");

  @AfterEach
  void restoreProperties() {
    System.clearProperty("golden.update");
    if (basedir == null) {
      System.clearProperty("basedir");
    } else {
      System.setProperty("basedir", basedir);
    }
  }

  @Test
  void readsEveryFolder() {
    assertThat(Golden.bytes("udp/connect-request.bin")).hasSize(16);
    assertThat(Golden.latin1("http/failure.bencode")).startsWith("d14:failure reason");
    assertThat(Golden.text("ws/error.json")).startsWith("{");
    assertThat(Golden.text("config/udp-default.toml")).contains("[network]");
  }

  @Test
  void aMissingGoldenIsAClearError() {
    assertThatThrownBy(() -> Golden.bytes("udp/nope.bin"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/golden/udp/nope.bin");
  }

  @Test
  void aDifferenceByOneByteFails() {
    final byte[] almost = Golden.bytes("udp/connect-request.bin");
    almost[15] ^= 1;
    assertThatThrownBy(() -> Golden.assertMatches("udp/connect-request.bin", almost))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("golden/udp/connect-request.bin");
    Golden.assertMatches("udp/connect-request.bin", Golden.bytes("udp/connect-request.bin"));
  }

  @Test
  void updateRewritesGeneratedGoldensButStillComparesOracles(@TempDir Path checkout) throws IOException {
    final Path module = Files.createDirectories(checkout.resolve("aquatic-golden/src/main/resources/golden"));
    System.setProperty("basedir", Files.createDirectories(checkout.resolve("aquatic-udp")).toString());
    System.setProperty("golden.update", "true");

    Golden.assertMatches("config/new.toml", "a = 1\n");
    assertThat(module.resolve("config/new.toml")).hasContent("a = 1\n");

    assertThatThrownBy(() -> Golden.assertMatches("udp/connect-request.bin", new byte[] {1}))
        .isInstanceOf(AssertionError.class);
    assertThat(module.resolve("udp")).doesNotExist();
  }
}
