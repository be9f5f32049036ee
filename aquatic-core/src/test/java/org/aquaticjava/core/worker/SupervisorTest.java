package org.aquaticjava.core.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupervisorTest {
  private record Exit(String worker, Throwable cause, String thread) {}

  private final BlockingQueue<Exit> exits = new LinkedBlockingQueue<>();
  private final Supervisor supervisor =
      new Supervisor((worker, cause) -> exits.add(new Exit(worker, cause, threadName())));

  @AfterEach
  void closeSupervisor() {
    supervisor.close();
  }

  @Test
  void namesWorkersByRoleAndOneBasedIndex() {
    assertThat(Supervisor.workerName("socket", 0)).isEqualTo("socket-01");
    assertThat(Supervisor.workerName("swarm", 11)).isEqualTo("swarm-12");
  }

  @Test
  void runsTheBodyOnAThreadWithTheGivenName() throws Exception {
    final BlockingQueue<String> names = new LinkedBlockingQueue<>();
    final CountDownLatch stop = new CountDownLatch(1);
    supervisor.start(
        "cleaning",
        () -> {
          names.add(threadName());
          awaitQuietly(stop);
        });
    assertThat(names.poll(5, TimeUnit.SECONDS)).isEqualTo("cleaning");
  }

  @Test
  void treatsAThrowingWorkerAsFatal() throws Exception {
    final IllegalStateException boom = new IllegalStateException("boom");
    supervisor.start("swarm-01", () -> { throw boom; });

    final Exit exit = exits.poll(5, TimeUnit.SECONDS);
    assertThat(exit).isNotNull();
    assertThat(exit.worker()).isEqualTo("swarm-01");
    assertThat(exit.cause()).isSameAs(boom);
    assertThat(exit.thread()).as("exit runs off the failing worker").isEqualTo("fatal-exit");
    assertThat(supervisor.hasFailed()).isTrue();
  }

  @Test
  void treatsAWorkerThatReturnsOnItsOwnAsFatal() throws Exception {
    supervisor.start("cleaning", () -> {});

    final Exit exit = exits.poll(5, TimeUnit.SECONDS);
    assertThat(exit).isNotNull();
    assertThat(exit.worker()).isEqualTo("cleaning");
    assertThat(exit.cause()).isInstanceOf(WorkerStoppedException.class);
  }

  @Test
  void treatsErrorsAsFatalToo() throws Exception {
    supervisor.start("statistics", () -> { throw new OutOfMemoryError("simulated"); });
    assertThat(exits.poll(5, TimeUnit.SECONDS).cause()).isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void exitsOnlyOnceForSeveralFailures() throws Exception {
    supervisor.fatal("socket-01", new RuntimeException("first"));
    supervisor.fatal("socket-02", new RuntimeException("second"));
    assertThat(exits.poll(5, TimeUnit.SECONDS).worker()).isEqualTo("socket-01");
    assertThat(exits.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void closeStopsInterruptibleWorkersWithoutAFatalExit() throws Exception {
    final CountDownLatch started = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      supervisor.start(
          Supervisor.workerName("swarm", i),
          () -> {
            started.countDown();
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt(); // asked to stop: return
            }
          });
    }
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    supervisor.close();

    assertThat(supervisor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(supervisor.isClosing()).isTrue();
    assertThat(supervisor.hasFailed()).isFalse();
    assertThat(exits).isEmpty();
  }

  @Test
  void ignoresFailuresReportedWhileClosing() {
    supervisor.close();
    supervisor.fatal("socket-01", new RuntimeException("event loop shut down"));
    assertThat(supervisor.hasFailed()).isFalse();
  }

  @Test
  void refusesNewWorkersOnceClosed() {
    supervisor.close();
    assertThatThrownBy(() -> supervisor.start("late", () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("late");
  }

  @Test
  void awaitTerminationTimesOutWhileAWorkerRuns() throws Exception {
    final CountDownLatch release = new CountDownLatch(1);
    supervisor.start("blocked", () -> awaitQuietly(release));
    assertThat(supervisor.awaitTermination(50, TimeUnit.MILLISECONDS)).isFalse();
    // close() in @AfterEach interrupts the wait
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String threadName() {
    return Thread.currentThread().getName();
  }
}
