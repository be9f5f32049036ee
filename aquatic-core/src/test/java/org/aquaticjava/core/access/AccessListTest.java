package org.aquaticjava.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.aquaticjava.core.config.AccessListMode;
import org.junit.jupiter.api.Test;

class AccessListTest {
  private static final long[] A = {1, 2, 0x8000_0000_0000_0000L};
  private static final long[] B = {10, 20, -1};
  private static final int[] C = {100, 200, -1};

  @Test
  void allowModeServesOnlyListedHashes() {
    final AccessList list = AccessList.of(AccessListMode.ALLOW, A, B, C);
    assertThat(list.allows(1, 10, 100)).isTrue();
    assertThat(list.allows(0x8000_0000_0000_0000L, -1, -1)).isTrue();
    assertThat(list.allows(1, 10, 101)).isFalse();
    assertThat(list.allows(1, 11, 100)).isFalse();
    assertThat(list.allows(0, 10, 100)).isFalse();
  }

  @Test
  void denyModeServesAllButListedHashes() {
    final AccessList list = AccessList.of(AccessListMode.DENY, A, B, C);
    assertThat(list.allows(2, 20, 200)).isFalse();
    assertThat(list.allows(2, 20, 201)).isTrue();
  }

  @Test
  void offModeServesEverything() {
    assertThat(AccessList.off().allows(1, 10, 100)).isTrue();
    assertThat(AccessList.off().size()).isZero();
    assertThat(AccessList.of(AccessListMode.OFF, A, B, C).allows(1, 10, 100)).isTrue();
  }

  @Test
  void emptyAllowListServesNothing() {
    final AccessList list = AccessList.of(AccessListMode.ALLOW, new long[0], new long[0], new int[0]);
    assertThat(list.allows(0, 0, 0)).isFalse();
    assertThat(list.size()).isZero();
  }

  @Test
  void storesDuplicatesOnce() {
    final AccessList list =
        AccessList.of(AccessListMode.ALLOW, new long[] {5, 5}, new long[] {6, 6}, new int[] {7, 7});
    assertThat(list.size()).isEqualTo(1);
    assertThat(list.contains(5, 6, 7)).isTrue();
  }

  @Test
  void findsEveryOneOfManyRandomHashesAndNoneOfOthers() {
    final SplittableRandom random = new SplittableRandom(7);
    final int n = 50_000;
    final long[] a = new long[n];
    final long[] b = new long[n];
    final int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextLong();
      b[i] = random.nextLong();
      c[i] = random.nextInt();
    }
    final AccessList list = AccessList.of(AccessListMode.ALLOW, a, b, c);
    assertThat(list.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(list.contains(a[i], b[i], c[i])).isTrue();
      assertThat(list.contains(a[i], b[i], c[i] ^ 1)).isFalse();
    }
  }
}
