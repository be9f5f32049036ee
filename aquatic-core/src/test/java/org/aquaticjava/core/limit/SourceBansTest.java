package org.aquaticjava.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceBansTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void bansASourceOnlyAboveTheThresholdAndUntilTheBanEnds() {
    final SourceBans bans = new SourceBans(3, 60 * SECOND, 600 * SECOND, 64);
    final long t = 5 * SECOND;
    for (int i = 0; i < 3; i++) {
      assertThat(bans.strike(1, t)).isFalse();
    }
    assertThat(bans.banned(1, t)).isFalse();
    assertThat(bans.strike(1, t)).isTrue();
    assertThat(bans.banned(1, t)).isTrue();
    assertThat(bans.banned(2, t)).isFalse();
    assertThat(bans.banned(1, t + 599 * SECOND)).isTrue();
    assertThat(bans.banned(1, t + 600 * SECOND)).isFalse();
    assertThat(bans.started()).isOne();
  }

  @Test
  void aSlowTrickleOfBadRequestsNeverBans() {
    final SourceBans bans = new SourceBans(3, 60 * SECOND, 600 * SECOND, 64);
    for (int i = 0; i < 1000; i++) {
      assertThat(bans.strike(1, i * 20 * SECOND)).isFalse();
    }
  }

  @Test
  void strikesDuringABanDoNotRestartIt() {
    final SourceBans bans = new SourceBans(1, 60 * SECOND, 10 * SECOND, 64);
    bans.strike(1, 0);
    assertThat(bans.strike(1, 0)).isTrue();
    assertThat(bans.strike(1, 5 * SECOND)).isFalse();
    assertThat(bans.banned(1, 10 * SECOND)).isFalse();
    assertThat(bans.started()).isOne();
    assertThat(bans.active(0)).isOne();
  }
}
