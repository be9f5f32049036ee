package org.aquaticjava.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.aquaticjava.golden.Golden;
import org.junit.jupiter.api.Test;

/**
 * aquatic's all-lengths idea for request targets: every prefix of valid targets, seeded random
 * targets over an alphabet that hits the parser's branches, and seeded mutations of valid targets
 * must parse without throwing, alike as text and as bytes, and within {@link QueryInvariants}.
 */
class HostileQueryTest {
  private static final int RANDOM_TARGETS = 30_000;
  private static final byte[] ALPHABET =
      "/?&=%#+-0123456789aAfFgz_announcescrapeinfo_hashpeer_idportleftkeyeventnumwantcompact\u00ff"
          .getBytes(StandardCharsets.ISO_8859_1);

  private final HttpQueryParser parser = new HttpQueryParser();
  private final HttpQuery slot = new HttpQuery(3);
  private final HttpQuery other = new HttpQuery(3);
  private final SplittableRandom random = new SplittableRandom(99);

  private static List<byte[]> validTargets() {
    final byte[] hash = new byte[20];
    Arrays.fill(hash, (byte) 0xAB);
    final AnnounceRequest request =
        new AnnounceRequest(
            "/announce", hash, "-qB5010-abcdefghijkl".getBytes(StandardCharsets.US_ASCII), 6881, 1,
            2, 3, AnnounceEvent.PAUSED, 50, false, true, "k3y".getBytes(StandardCharsets.US_ASCII));
    return List.of(
        Golden.bytes("http/announce-request-libtorrent.txt"),
        HttpAnnounceRequestWriter.announceTarget(request).getBytes(StandardCharsets.US_ASCII),
        ("/scrape?info_hash=" + "%AB".repeat(20) + "&info_hash=" + "x".repeat(20) + "&info_hash="
                + "%00".repeat(20) + "&info_hash=" + "y".repeat(20))
            .getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void everyPrefixOfValidTargetsParsesWithoutThrowing() {
    for (byte[] target : validTargets()) {
      final EnumSet<QueryOutcome> seen = EnumSet.noneOf(QueryOutcome.class);
      for (int length = 0; length <= target.length; length++) {
        seen.add(QueryInvariants.check(parser, slot, other, Arrays.copyOf(target, length)));
      }
      assertThat(seen).contains(QueryOutcome.FAILURE);
      assertThat(QueryInvariants.check(parser, slot, other, target)).isNotEqualTo(QueryOutcome.FAILURE);
    }
  }

  @Test
  void randomTargetsParseWithoutThrowing() {
    for (int n = 0; n < RANDOM_TARGETS; n++) {
      final byte[] target = new byte[random.nextInt(0, 120)];
      if (n % 2 == 0) {
        random.nextBytes(target);
      } else {
        for (int i = 0; i < target.length; i++) {
          target[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
      }
      if (target.length > 10 && random.nextBoolean()) {
        System.arraycopy("/announce?".getBytes(StandardCharsets.US_ASCII), 0, target, 0, 10);
      }
      QueryInvariants.check(parser, slot, other, target);
    }
  }

  @Test
  void mutatedValidTargetsParseWithoutThrowing() {
    final List<byte[]> targets = validTargets();
    final EnumSet<QueryOutcome> seen = EnumSet.noneOf(QueryOutcome.class);
    final EnumSet<FailureReason> reasons = EnumSet.noneOf(FailureReason.class);
    for (int n = 0; n < RANDOM_TARGETS; n++) {
      final byte[] base = targets.get(random.nextInt(targets.size()));
      final byte[] target = Arrays.copyOf(base, Math.max(0, base.length + random.nextInt(-30, 10)));
      for (int flips = random.nextInt(1, 4); flips > 0; flips--) {
        if (target.length > 0) {
          target[random.nextInt(target.length)] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
      }
      final QueryOutcome outcome = QueryInvariants.check(parser, slot, other, target);
      seen.add(outcome);
      if (outcome == QueryOutcome.FAILURE) {
        reasons.add(slot.failure());
      }
    }
    assertThat(seen).containsAll(EnumSet.allOf(QueryOutcome.class));
    assertThat(reasons).contains(
        FailureReason.UNKNOWN_PATH, FailureReason.INFO_HASH_NOT_20_BYTES, FailureReason.MALFORMED_PERCENT_ENCODING);
  }

  /** Text targets may hold chars above U+00FF, which no byte buffer can: they never throw either. */
  @Test
  void wideCharactersParseWithoutThrowing() {
    final String base = new String(validTargets().get(1), StandardCharsets.US_ASCII);
    for (int n = 0; n < 2_000; n++) {
      final char[] chars = base.toCharArray();
      chars[random.nextInt(chars.length)] = (char) random.nextInt(0x100, 0x10000);
      final QueryOutcome outcome = parser.parse(new String(chars), slot);
      assertThat(slot.outcome()).isEqualTo(outcome);
    }
  }
}
