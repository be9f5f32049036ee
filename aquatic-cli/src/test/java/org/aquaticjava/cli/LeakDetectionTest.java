package org.aquaticjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetector.Level;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeakDetectionTest {
  private Level before;

  @BeforeEach
  void remember() {
    before = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(Level.SIMPLE); // Netty's default
  }

  @AfterEach
  void restore() {
    ResourceLeakDetector.setLevel(before);
  }

  @Test
  void offWithoutAProperty() {
    assertThat(LeakDetection.configure(name -> null)).isEqualTo(Level.DISABLED);
    assertThat(ResourceLeakDetector.isEnabled()).isFalse();
  }

  @Test
  void aLevelPropertyIsLeftToNetty() {
    assertThat(LeakDetection.configure(Map.of(LeakDetection.LEVEL_PROPERTY, "simple")::get))
        .isEqualTo(Level.SIMPLE);
    assertThat(LeakDetection.configure(Map.of("io.netty.leakDetectionLevel", "simple")::get))
        .isEqualTo(Level.SIMPLE);
  }
}
