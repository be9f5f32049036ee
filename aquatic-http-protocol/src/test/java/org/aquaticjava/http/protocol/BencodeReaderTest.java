package org.aquaticjava.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.aquaticjava.golden.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BencodeReaderTest {
  private final BencodeReader reader = new BencodeReader();

  private BencodeValue read(String text) throws BencodeException {
    return reader.read(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void readsEveryType() throws BencodeException {
    assertThat(read("i0e")).isEqualTo(new BencodeValue.Int(0));
    assertThat(read("i-42e")).isEqualTo(new BencodeValue.Int(-42));
    assertThat(read("i9223372036854775807e")).isEqualTo(new BencodeValue.Int(Long.MAX_VALUE));
    assertThat(read("i-9223372036854775808e")).isEqualTo(new BencodeValue.Int(Long.MIN_VALUE));
    assertThat(read("0:")).isEqualTo(new BencodeValue.Bytes(new byte[0]));
    assertThat(read("3:a\u0000\u00ff")).isEqualTo(new BencodeValue.Bytes(new byte[] {'a', 0, -1}));
    assertThat(read("le")).isEqualTo(new BencodeValue.ListValue(List.of()));
    assertThat(read("li1e1:xe"))
        .isEqualTo(new BencodeValue.ListValue(List.of(new BencodeValue.Int(1), new BencodeValue.Bytes(new byte[] {'x'}))));
    assertThat(read("d1:ai1e2:\u00ffxlee"))
        .isEqualTo(new BencodeValue.Dict(Map.of("a", new BencodeValue.Int(1), "\u00ffx", new BencodeValue.ListValue(List.of()))));
  }

  @Test
  void readsABufferWithoutMovingItsIndexes() throws BencodeException {
    final var buffer = Unpooled.wrappedBuffer("xxi5e".getBytes(StandardCharsets.US_ASCII)).readerIndex(2);
    assertThat(reader.read(buffer)).isEqualTo(new BencodeValue.Int(5));
    assertThat(buffer.readerIndex()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "i", "ie", "i-e", "i-0e", "i03e", "i00e", "i1", "i1.5e", "i+1e", "i9223372036854775808e",
        "i-9223372036854775809e", "01:a", "1:", "2:a", "-1:a", "1a", "l", "li1e", "d", "d1:a", "d1:ai1e",
        "di1ei1ee", "d1:bi1e1:ai2ee", "d1:ai1e1:ai2ee", "i1ei2e", "i1e ", "x", "e", ":", "99999999999:x",
        "4294967297:x"
      })
  void refusesNonCanonicalOrBrokenInputWithItsCheckedException(String text) {
    assertThatThrownBy(() -> read(text)).isInstanceOf(BencodeException.class);
  }

  @Test
  void limitsNestingAndInputLength() throws BencodeException {
    final BencodeReader small = new BencodeReader(100, 3);
    assertThat(small.read("llleee".getBytes(StandardCharsets.US_ASCII))).isNotNull();
    assertThatThrownBy(() -> small.read("lllleeee".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BencodeException.class)
        .hasMessageContaining("nesting");
    assertThatThrownBy(() -> small.read(new byte[101])).isInstanceOf(BencodeException.class);
    final byte[] deep = new byte[200_000];
    Arrays.fill(deep, (byte) 'l');
    assertThatThrownBy(() -> reader.read(deep)).isInstanceOf(BencodeException.class).hasMessageContaining("nesting");
  }

  @Test
  void dictionaryLookupsReportMissingKeysAndWrongTypes() throws BencodeException {
    final BencodeValue.Dict dict = (BencodeValue.Dict) read("d1:ai1e1:b1:xe");
    assertThat(dict.integer("a")).isEqualTo(1);
    assertThat(dict.bytes("b")).containsExactly('x');
    assertThat(dict.get("c")).isNull();
    assertThatThrownBy(() -> dict.integer("b")).isInstanceOf(BencodeException.class);
    assertThatThrownBy(() -> dict.list("a")).isInstanceOf(BencodeException.class);
    assertThatThrownBy(() -> dict.dict("c")).isInstanceOf(BencodeException.class).hasMessageContaining("missing");
  }

  /** Anything but a value or BencodeException fails the test: random, mutated and cut inputs. */
  @Test
  void garbageOnlyEverYieldsTheCheckedException() {
    final SplittableRandom random = new SplittableRandom(7);
    final byte[][] seeds = {
      Golden.bytes("http/announce-response-dictionary.bencode"),
      Golden.bytes("http/scrape-unknown-hash.bencode"),
      Golden.bytes("http/failure-retry-in.bencode"),
    };
    final byte[] alphabet = "dlie0123456789:-".getBytes(StandardCharsets.US_ASCII);
    int decoded = 0;
    for (int n = 0; n < 30_000; n++) {
      final byte[] input;
      if (n % 3 == 0) {
        input = new byte[random.nextInt(0, 40)];
        for (int i = 0; i < input.length; i++) {
          input[i] = alphabet[random.nextInt(alphabet.length)];
        }
      } else {
        final byte[] seed = seeds[random.nextInt(seeds.length)];
        input = Arrays.copyOf(seed, random.nextInt(0, seed.length + 1));
        if (n % 3 == 1 && input.length > 0) {
          input[random.nextInt(input.length)] = alphabet[random.nextInt(alphabet.length)];
        }
      }
      try {
        reader.read(input);
        decoded++;
      } catch (BencodeException expected) {
        assertThat(expected.offset()).isBetween(0, input.length);
      }
    }
    assertThat(decoded).isPositive();
  }
}
