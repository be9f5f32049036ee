package org.aquaticjava.core.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SwarmSettingsTest {
  @Test
  void ticksCoverTwiceThePeerAgeHorizonWithoutWrapping() {
    for (int age = 1; age <= SwarmSettings.MAX_PEER_AGE_LIMIT; age += 97) {
      for (int cleaning : new int[] {1, 60, 120, 3600}) {
        final SwarmSettings s = new SwarmSettings(1, age, cleaning);
        final long horizonTicks = 2L * (age + cleaning) / s.tickSeconds();
        assertThat(horizonTicks).isLessThanOrEqualTo(PeerWords.TICK_MASK);
        assertThat((long) s.maxAgeTicks() * s.tickSeconds()).isBetween((long) age, (long) age + s.tickSeconds() - 1);
      }
    }
    assertThat(SwarmSettings.DEFAULTS.tickSeconds()).isEqualTo(1);
    assertThat(new SwarmSettings(1, 86_400, 3_600).tickSeconds()).isEqualTo(6);
  }

  @Test
  void rejectsShardCountsThatAreNotPowersOfTwo() {
    assertThatThrownBy(() -> new SwarmSettings(3, 1200, 120)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SwarmSettings(0, 1200, 120)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SwarmSettings(1, 0, 120)).isInstanceOf(IllegalArgumentException.class);
  }
}
