package org.aquaticjava.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsTheBurstThenTheRate() {
    final TokenBucket bucket = new TokenBucket(2, 3, 10 * SECOND);
    assertThat(bucket.tryTake(10 * SECOND)).isTrue();
    assertThat(bucket.tryTake(10 * SECOND)).isTrue();
    assertThat(bucket.tryTake(10 * SECOND)).isTrue();
    assertThat(bucket.tryTake(10 * SECOND)).isFalse();
    assertThat(bucket.tryTake(10 * SECOND + SECOND / 2)).isTrue(); // one token per half second
    assertThat(bucket.tryTake(10 * SECOND + SECOND / 2)).isFalse();
  }

  @Test
  void neverSavesMoreThanTheBurst() {
    final TokenBucket bucket = new TokenBucket(1, 2, 0);
    final long later = 1000 * SECOND;
    assertThat(bucket.tryTake(later)).isTrue();
    assertThat(bucket.tryTake(later)).isTrue();
    assertThat(bucket.tryTake(later)).isFalse();
  }

  @Test
  void rateZeroAllowsEverything() {
    final TokenBucket bucket = new TokenBucket(0, 1, 0);
    for (int i = 0; i < 1000; i++) {
      assertThat(bucket.tryTake(0)).isTrue();
    }
  }
}
