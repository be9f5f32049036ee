package org.aquaticjava.core.worker;

/**
 * The loop of a periodic worker (cleaning, snapshots): sleep one interval, do the task, repeat,
 * until the thread is interrupted (the {@link Supervisor}'s stop contract); then it returns with
 * the interrupt flag set. The first run is one interval after the start.
 */
public final class Periodic {
  private Periodic() {}

  /** Runs {@code task} every {@code intervalMillis} on the calling thread until interrupted. */
  public static void every(long intervalMillis, Runnable task) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(intervalMillis);
        task.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
