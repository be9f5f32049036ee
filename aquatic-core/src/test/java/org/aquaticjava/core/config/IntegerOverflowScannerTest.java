package org.aquaticjava.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntegerOverflowScannerTest {

  @Test
  void acceptsTheFullRangeOfLong() {
    assertThat(
            IntegerOverflowScanner.scan(
                "a = 9223372036854775807\nb = -9223372036854775808\nc = 0x7fff_ffff_ffff_ffff\n"))
        .isEmpty();
  }

  @Test
  void findsDecimalHexOctalAndBinaryOverflowsWithTheirLines() {
    assertThat(
            IntegerOverflowScanner.scan(
                "a = 9223372036854775808\nb = -9_223_372_036_854_775_809\n"
                    + "c = 0x1_0000_0000_0000_0000\nd = 0o2000000000000000000000\n"
                    + "e = [1, 0b"
                    + "1".repeat(64)
                    + "]\n"))
        .containsExactly(
            "line 1: integer 9223372036854775808 does not fit in 64 bits",
            "line 2: integer -9_223_372_036_854_775_809 does not fit in 64 bits",
            "line 3: integer 0x1_0000_0000_0000_0000 does not fit in 64 bits",
            "line 4: integer 0o2000000000000000000000 does not fit in 64 bits",
            "line 5: integer 0b" + "1".repeat(64) + " does not fit in 64 bits");
  }

  @Test
  void ignoresDigitsInStringsCommentsKeysFloatsAndDates() {
    String big = "99999999999999999999999";
    assertThat(
            IntegerOverflowScanner.scan(
                "a = \""
                    + big
                    + "\\\" "
                    + big
                    + "\"\n# "
                    + big
                    + "\nb = '"
                    + big
                    + "'\nc = \"\"\"\n"
                    + big
                    + "\"\"\"\nd = '''"
                    + big
                    + "'''\n"
                    + big
                    + " = 1\ne = "
                    + big
                    + ".5\nf = 1979-05-27T07:32:00Z\ng = 1e400\n"))
        .isEmpty();
  }
}
