package org.aquaticjava.ws.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Utf8Validator} agrees with the JDK's strict UTF-8 decoder (malformed input reported, not
 * replaced) on every short sequence, on the classic edge cases and on random messages, whole or
 * split into pieces anywhere, in heap and direct buffers at any offset.
 */
class Utf8ValidatorTest {
  /** Bytes where the ranges of Table 3-7 begin and end, plus ASCII. */
  private static final int[] BOUNDARY_BYTES = {
    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
    0xF0, 0xF4, 0xF5, 0xFF
  };

  private final CharsetDecoder jdk =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private final CharBuffer chars = CharBuffer.allocate(1024);

  /** The decoder's verdict, read from its results rather than thrown (millions of calls). */
  private boolean jdkAccepts(byte[] bytes) {
    jdk.reset();
    chars.clear();
    return !jdk.decode(ByteBuffer.wrap(bytes), chars, true).isError() && !jdk.flush(chars).isError();
  }

  private static boolean validates(byte[] bytes) {
    final ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
    final Utf8Validator validator = new Utf8Validator();
    return validator.update(buffer) && validator.isComplete();
  }

  /** Plain comparison first: AssertJ and the hex text only for a disagreement (millions of calls). */
  private void assertAgrees(byte[] bytes) {
    final boolean expected = jdkAccepts(bytes);
    if (validates(bytes) != expected) {
      assertThat(validates(bytes)).as(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
    }
  }

  @Test
  void everySequenceOfUpToTwoBytesAgrees() {
    for (int a = 0; a < 256; a++) {
      assertAgrees(new byte[] {(byte) a});
      for (int b = 0; b < 256; b++) {
        assertAgrees(new byte[] {(byte) a, (byte) b});
      }
    }
  }

  @Test
  void threeAndFourByteSequencesAgreeForEveryLeadAndSecondByte() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        for (int c : BOUNDARY_BYTES) {
          assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c});
          for (int d : BOUNDARY_BYTES) {
            if (a >= 0xE0) { // four-byte leads, and stray bytes after complete three-byte forms
              assertAgrees(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
            }
          }
        }
      }
    }
  }

  @Test
  void edgeCasesAreJudgedLikeTheJdk() {
    final String[] hex = {
      "", // empty message
      "c0af", "e080af", "f08080af", // overlong slash
      "c1bf", "e09fbf", "f08fbfbf", // largest overlong forms
      "c280", "e0a080", "f0908080", // smallest proper forms
      "eda080", "edbfbf", "edaf80edb080", // surrogates, single and paired
      "ed9fbf", "ee8080", // just below and above the surrogates
      "f48fbfbf", "f4908080", "f5808080", "f8888080", // U+10FFFF, above it
      "c3", "e282", "f09f98", // truncated at the end
      "c3c3a9", "e2e282ac", // truncated, then a new character
      "80", "bf", "fe", "ff", // stray continuation, never-valid bytes
      "efbbbf", // byte order mark is a character like any other
      "7f" + "41".repeat(15) + "c3a9", // non-ASCII right after a full word of ASCII
      "41".repeat(7) + "c3a9" + "41".repeat(7), // a two-byte character across a word boundary
      "41".repeat(7) + "c3" + "41".repeat(8), // a truncated character inside ASCII words
    };
    for (String h : hex) {
      assertAgrees(HexFormat.of().parseHex(h));
    }
  }

  @Test
  void randomMessagesAgreeWholeAndInPiecesInEveryKindOfBuffer() {
    final SplittableRandom random = new SplittableRandom(6455);
    int invalid = 0;
    for (int n = 0; n < 20_000; n++) {
      final byte[] message = randomMessage(random);
      final boolean expected = jdkAccepts(message);
      invalid += expected ? 0 : 1;
      assertAgrees(message);
      if (validatesInPieces(message, random, random.nextBoolean()) != expected) {
        throw new AssertionError("in pieces: " + HexFormat.of().formatHex(message) + " expected " + expected);
      }
    }
    assertThat(invalid).as("both outcomes are exercised").isBetween(2_000, 18_000);
  }

  @Test
  void staysInvalidUntilResetAndIsReusableAfterwards() {
    final Utf8Validator validator = new Utf8Validator();
    assertThat(validator.update(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff}))).isFalse();
    assertThat(validator.update(Unpooled.wrappedBuffer("ok".getBytes(StandardCharsets.US_ASCII)))).isFalse();
    assertThat(validator.isComplete()).isFalse();
    validator.reset();
    assertThat(validator.update(Unpooled.wrappedBuffer(new byte[] {(byte) 0xe2, (byte) 0x82}))).isTrue();
    assertThat(validator.isComplete()).as("mid-character").isFalse();
    assertThat(validator.update(Unpooled.wrappedBuffer(new byte[] {(byte) 0xac}))).isTrue();
    assertThat(validator.isComplete()).isTrue();
  }

  @Test
  void readsOnlyTheGivenRangeAndMovesNoIndex() {
    final ByteBuf buffer = Unpooled.wrappedBuffer(HexFormat.of().parseHex("ff41424344454647484950ff"));
    buffer.readerIndex(1).writerIndex(11);
    final Utf8Validator validator = new Utf8Validator();
    assertThat(validator.update(buffer)).isTrue();
    assertThat(validator.update(buffer, 0, 1)).isFalse();
    assertThat(buffer.readerIndex()).isEqualTo(1);
    assertThat(buffer.writerIndex()).isEqualTo(11);
  }

  /** Feeds the message in random pieces through one validator, in a heap or direct buffer. */
  private static boolean validatesInPieces(byte[] message, SplittableRandom random, boolean direct) {
    final int offset = random.nextInt(8);
    final ByteBuf buffer = direct ? Unpooled.directBuffer(offset + message.length) : Unpooled.buffer();
    try {
      buffer.writeZero(offset).writeBytes(message).readerIndex(offset);
      final Utf8Validator validator = new Utf8Validator();
      boolean valid = true;
      int i = offset;
      while (i < buffer.writerIndex()) {
        final int length = 1 + random.nextInt(Math.min(24, buffer.writerIndex() - i));
        valid &= validator.update(buffer, i, length);
        i += length;
      }
      return valid && validator.isComplete();
    } finally {
      buffer.release();
    }
  }

  /**
   * ASCII runs of any length (so characters land at every offset within a word) and characters of
   * every encoded length, sometimes damaged: a random byte put in, one dropped, or one changed.
   */
  private static byte[] randomMessage(SplittableRandom random) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final int parts = random.nextInt(1, 8);
    for (int p = 0; p < parts; p++) {
      if (random.nextBoolean()) {
        final int run = random.nextInt(20);
        for (int i = 0; i < run; i++) {
          out.write(random.nextInt(0x80));
        }
      } else {
        final int codePoint =
            switch (random.nextInt(3)) {
              case 0 -> random.nextInt(0x80, 0x800);
              case 1 -> random.nextInt(0x800, 0x10000);
              default -> random.nextInt(0x10000, 0x110000);
            };
        if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
          out.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    final byte[] bytes = out.toByteArray();
    if (bytes.length == 0 || random.nextInt(3) > 0) {
      return bytes;
    }
    final int at = random.nextInt(bytes.length);
    return switch (random.nextInt(3)) {
      case 0 -> splice(bytes, at, new byte[] {(byte) random.nextInt(256)}, 0);
      case 1 -> splice(bytes, at, new byte[0], 1);
      default -> {
        bytes[at] = (byte) random.nextInt(256);
        yield bytes;
      }
    };
  }

  private static byte[] splice(byte[] bytes, int at, byte[] insert, int remove) {
    final byte[] result = new byte[bytes.length + insert.length - remove];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(insert, 0, result, at, insert.length);
    System.arraycopy(bytes, at + remove, result, at + insert.length, bytes.length - at - remove);
    return result;
  }
}
