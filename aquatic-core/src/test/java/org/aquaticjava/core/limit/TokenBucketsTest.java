package org.aquaticjava.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsTheBurstThenTheRate() {
    final TokenBuckets buckets = TokenBuckets.perSecond(10, 5, 64);
    long now = 7 * SECOND;
    for (int i = 0; i < 5; i++) {
      assertThat(buckets.tryTake(1, now)).isTrue();
    }
    assertThat(buckets.tryTake(1, now)).isFalse();
    now += SECOND / 10;
    assertThat(buckets.tryTake(1, now)).isTrue();
    assertThat(buckets.tryTake(1, now)).isFalse();
  }

  @Test
  void neverSavesMoreThanTheBurst() {
    final TokenBuckets buckets = TokenBuckets.perSecond(10, 3, 64);
    buckets.tryTake(1, 0);
    final long later = 3600 * SECOND;
    int taken = 0;
    while (buckets.tryTake(1, later)) {
      taken++;
    }
    assertThat(taken).isEqualTo(3);
  }

  @Test
  void sourcesHaveTheirOwnBuckets() {
    final TokenBuckets buckets = TokenBuckets.perSecond(1, 1, 64);
    assertThat(buckets.tryTake(1, 0)).isTrue();
    assertThat(buckets.tryTake(1, 0)).isFalse();
    assertThat(buckets.tryTake(2, 0)).isTrue();
  }

  @Test
  void aFloodOfNewSourcesEvictsThemselvesNotTheAbuserItLimits() {
    final TokenBuckets buckets = TokenBuckets.perSecond(1, 10, SourceTable.WAYS * 4);
    final long abuser = 12345;
    long now = SECOND;
    while (buckets.tryTake(abuser, now)) {
      // empty the abuser's bucket
    }
    final SourceKeys keys = new SourceKeys(32, 64, 3);
    for (int address = 0; address < 100_000; address++) {
      buckets.tryTake(keys.ipv4(address), now);
    }
    assertThat(buckets.tryTake(abuser, now)).isFalse();
    assertThat(buckets.table().occupied()).isEqualTo(buckets.table().capacity());
  }
}
