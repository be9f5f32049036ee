package org.aquaticjava.netty;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a start-up step on a short-lived daemon thread and waits for it: the JDK's {@code
 * com.sun.net.httpserver} dispatcher thread inherits daemon status from the thread that starts the
 * server, so an HTTP endpoint started this way never keeps the JVM alive.
 */
final class DaemonStart {
  private DaemonStart() {}

  /**
   * @return what {@code step} returned
   * @throws IOException what {@code step} threw, or if interrupted while waiting
   */
  static <T> T call(String threadName, Callable<T> step) throws IOException {
    final AtomicReference<Object> outcome = new AtomicReference<>();
    final Thread starter =
        Thread.ofPlatform()
            .name(threadName)
            .daemon()
            .start(
                () -> {
                  try {
                    outcome.set(step.call());
                  } catch (Exception e) {
                    outcome.set(new Failure(e));
                  }
                });
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted in " + threadName, e);
    }
    if (outcome.get() instanceof Failure(Exception e)) {
      switch (e) {
        case IOException io -> throw io;
        case RuntimeException runtime -> throw runtime;
        default -> throw new IOException(e.getMessage(), e);
      }
    }
    @SuppressWarnings("unchecked")
    final T result = (T) outcome.get();
    return result;
  }

  private record Failure(Exception cause) {}
}
