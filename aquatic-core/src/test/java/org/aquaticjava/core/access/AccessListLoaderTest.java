package org.aquaticjava.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aquaticjava.core.config.AccessListMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessListLoaderTest {
  static final String HASH_1 = "0123456789abcdef0123456789abcdef01234567";
  static final String HASH_2 = "FEDCBA9876543210FEDCBA9876543210FEDCBA98";

  @TempDir Path dir;

  @Test
  void readsHashesInEitherCaseSkippingBlanksAndComments() throws Exception {
    final Path file =
        write("# comment\n\n" + HASH_1 + "\r\n   \t\n  " + HASH_2 + "  \n  # indented comment\n");
    final AccessList list = AccessListLoader.load(file, AccessListMode.ALLOW);
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.allows(0x0123456789abcdefL, 0x0123456789abcdefL, 0x01234567)).isTrue();
    assertThat(list.allows(0xFEDCBA9876543210L, 0xFEDCBA9876543210L, 0xFEDCBA98)).isTrue();
    assertThat(list.mode()).isEqualTo(AccessListMode.ALLOW);
  }

  @Test
  void acceptsAnEmptyFile() throws Exception {
    assertThat(AccessListLoader.load(write(""), AccessListMode.DENY).size()).isZero();
  }

  @Test
  void readsALastLineWithoutNewline() throws Exception {
    assertThat(AccessListLoader.load(write(HASH_1), AccessListMode.ALLOW).size()).isEqualTo(1);
  }

  @Test
  void failsOnAShortLineNamingFileAndLine() throws Exception {
    final Path file = write(HASH_1 + "\n" + HASH_2.substring(1) + "\n");
    assertThatThrownBy(() -> AccessListLoader.load(file, AccessListMode.ALLOW))
        .isInstanceOf(AccessListException.class)
        .hasMessageContaining(file + ":2:")
        .hasMessageContaining(HASH_2.substring(1));
  }

  @Test
  void failsOnANonHexCharacter() throws Exception {
    final Path file = write(HASH_1.replace('a', 'g') + "\n");
    assertThatThrownBy(() -> AccessListLoader.load(file, AccessListMode.ALLOW))
        .hasMessageContaining(":1:");
  }

  @Test
  void failsOnAnInlineComment() throws Exception {
    final Path file = write(HASH_1 + " # ubuntu\n");
    assertThatThrownBy(() -> AccessListLoader.load(file, AccessListMode.ALLOW))
        .hasMessageContaining(":1:");
  }

  @Test
  void quotesBinaryGarbageEscapedAndTruncated() throws Exception {
    final byte[] garbage = new byte[200];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i % 7 == 0 ? 0x01 : 0xE9);
    }
    final Path file = dir.resolve("binary.txt");
    Files.write(file, garbage);
    assertThatThrownBy(() -> AccessListLoader.load(file, AccessListMode.ALLOW))
        .isInstanceOf(AccessListException.class)
        .hasMessageContaining("\\x01\\xe9")
        .hasMessageContaining("(200 characters)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u00e9").hasSizeLessThan(500));
  }

  @Test
  void failsWhenTheFileIsMissing() {
    final Path missing = dir.resolve("missing.txt");
    assertThatThrownBy(() -> AccessListLoader.load(missing, AccessListMode.ALLOW))
        .isInstanceOf(AccessListException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void rejectsUnicodeDigitsThatLookLikeHex() throws Exception {
    // U+FF10 FULLWIDTH DIGIT ZERO would pass Character.digit; the file is read as bytes.
    final Path file = dir.resolve("fullwidth.txt");
    Files.writeString(file, "\uff10" + HASH_1.substring(1) + "\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AccessListLoader.load(file, AccessListMode.ALLOW))
        .hasMessageContaining(":1:");
  }

  private Path write(String content) throws Exception {
    final Path file = dir.resolve("list.txt");
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    return file;
  }
}
