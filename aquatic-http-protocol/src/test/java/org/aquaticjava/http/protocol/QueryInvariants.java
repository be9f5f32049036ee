package org.aquaticjava.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What must hold for any request target, whatever its bytes: shared by the hostile-input sweeps and
 * the fuzz test. Parsing throws nothing (an exception fails the caller), a {@link ByteBuf} and the
 * same bytes as Latin-1 text parse alike, and the outcome's fields are in their documented ranges.
 */
final class QueryInvariants {
  private QueryInvariants() {}

  /** Parses {@code target} both ways and checks the invariants; returns the outcome. */
  static HttpParseOutcome check(HttpQueryParser parser, HttpQuery slot, HttpQuery other, byte[] target) {
    final ByteBuf buffer = Unpooled.buffer(target.length + 3);
    buffer.writeBytes(new byte[] {'/', '?', '&'}).writeBytes(target).readerIndex(3);
    final HttpParseOutcome outcome = parser.parse(buffer, slot);
    assertThat(slot.outcome()).isEqualTo(outcome);
    assertThat(buffer.readerIndex()).isEqualTo(3);
    assertThat(buffer.readableBytes()).isEqualTo(target.length);

    final HttpParseOutcome textOutcome =
        parser.parse(new String(target, StandardCharsets.ISO_8859_1), other);
    assertThat(textOutcome).isEqualTo(outcome);
    switch (outcome) {
      case ANNOUNCE -> {
        final AnnounceQuery a = slot.announce();
        assertThat(a.port()).isBetween(1, 0xFFFF);
        assertThat(a.numWant()).isNotNegative();
        assertThat(a.keyLength()).isBetween(0, AnnounceQuery.KEY_CAPACITY);
        if (a.unknownEvent()) {
          assertThat(a.event()).isEqualTo(HttpAnnounceEvent.NONE);
        }
        assertSameAnnounce(a, other.announce());
      }
      case SCRAPE -> {
        final ScrapeQuery s = slot.scrape();
        assertThat(s.hashCount()).isBetween(1, Math.min(s.capacity(), s.hashesPresent()));
        for (int i = 1; i < s.hashCount(); i++) {
          assertThat(
                  InfoHashes.compare(
                      s.infoHashA(i - 1), s.infoHashB(i - 1), s.infoHashC(i - 1),
                      s.infoHashA(i), s.infoHashB(i), s.infoHashC(i)))
              .as("strictly ascending")
              .isNegative();
        }
        assertThat(other.scrape().hashCount()).isEqualTo(s.hashCount());
        assertThat(other.scrape().hashesPresent()).isEqualTo(s.hashesPresent());
      }
      case FAILURE -> assertThat(other.failure()).isEqualTo(slot.failure());
    }
    return outcome;
  }

  static void assertSameAnnounce(AnnounceQuery a, AnnounceQuery b) {
    assertThat(b.infoHashA()).isEqualTo(a.infoHashA());
    assertThat(b.infoHashB()).isEqualTo(a.infoHashB());
    assertThat(b.infoHashC()).isEqualTo(a.infoHashC());
    assertThat(b.peerId()).isEqualTo(a.peerId());
    assertThat(b.port()).isEqualTo(a.port());
    assertThat(b.uploaded()).isEqualTo(a.uploaded());
    assertThat(b.downloaded()).isEqualTo(a.downloaded());
    assertThat(b.left()).isEqualTo(a.left());
    assertThat(b.event()).isEqualTo(a.event());
    assertThat(b.unknownEvent()).isEqualTo(a.unknownEvent());
    assertThat(b.numWant()).isEqualTo(a.numWant());
    assertThat(b.compact()).isEqualTo(a.compact());
    assertThat(b.noPeerId()).isEqualTo(a.noPeerId());
    assertThat(Arrays.copyOf(b.key(), b.keyLength())).isEqualTo(Arrays.copyOf(a.key(), a.keyLength()));
  }
}
