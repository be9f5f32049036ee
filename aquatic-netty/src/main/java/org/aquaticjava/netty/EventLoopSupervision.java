package org.aquaticjava.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.aquaticjava.core.worker.Supervisor;
import org.aquaticjava.core.worker.WorkerStoppedException;

/**
 * Names event loop threads by role and reports an event loop that terminates while the tracker
 * is meant to run as fatal to the {@link Supervisor}.
 *
 * <p>Shutdown order: call {@link Supervisor#close()} (which marks termination as expected)
 * <em>before</em> {@code group.shutdownGracefully()}; otherwise the shutdown itself is reported as
 * a failure.
 */
public final class EventLoopSupervision {
  private EventLoopSupervision() {}

  /**
   * Creates Netty {@link FastThreadLocalThread}s named {@code role-01}, {@code role-02}, ... in
   * start order (Netty starts a loop's thread on its first task).
   */
  public static ThreadFactory threadFactory(String role) {
    final AtomicInteger next = new AtomicInteger();
    return task -> new FastThreadLocalThread(task, Supervisor.workerName(role, next.getAndIncrement()));
  }

  /**
   * Reports to {@code supervisor} when any event loop of {@code group} terminates; the i-th loop
   * is reported as {@code role-NN} with NN = i + 1.
   */
  public static void watch(Supervisor supervisor, String role, EventLoopGroup group) {
    watch(supervisor, role, group, () -> false);
  }

  /**
   * Like {@link #watch(Supervisor, String, EventLoopGroup)}, for a group that may stop while the
   * supervisor runs on (one protocol of several on shared services): a termination while {@code
   * stopping} says true is expected.
   */
  public static void watch(
      Supervisor supervisor, String role, EventLoopGroup group, BooleanSupplier stopping) {
    int index = 0;
    for (EventExecutor loop : group) {
      final String name = Supervisor.workerName(role, index++);
      loop.terminationFuture()
          .addListener(
              future -> {
                if (stopping.getAsBoolean()) {
                  return;
                }
                supervisor.fatal(
                      name,
                      future.cause() != null
                          ? future.cause()
                          : new WorkerStoppedException("event loop terminated"));
              });
    }
  }
}
