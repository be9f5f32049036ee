package org.aquaticjava.core.metrics;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WorkerLogTest {
  private enum ClientFault {
    TOO_SHORT
  }

  private enum Refusal {
    RATE_LIMITED
  }

  private enum Unrelated {
    OTHER
  }

  private static final InetSocketAddress SOURCE = new InetSocketAddress("127.0.0.1", 6881);

  private final WorkerLog log =
      new WorkerLog(
          LoggerFactory.getLogger(WorkerLogTest.class), "socket-01", ClientFault.class, Refusal.class);

  @Test
  void takesTheReasonsOfEveryEnumItWasMadeWith() {
    assertThatCode(
            () -> {
              log.record(ClientFault.TOO_SHORT, SOURCE);
              log.record(Refusal.RATE_LIMITED, null);
              log.record(ClientFault.TOO_SHORT, SOURCE);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAReasonOfAnotherEnum() {
    assertThatThrownBy(() -> log.record(Unrelated.OTHER, SOURCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unrelated");
  }

  @Test
  void refusesAClassThatIsNoEnum() {
    assertThatThrownBy(
            () -> new WorkerLog(LoggerFactory.getLogger(WorkerLogTest.class), "w", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
  }
}
