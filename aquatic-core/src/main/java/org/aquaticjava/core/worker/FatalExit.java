package org.aquaticjava.core.worker;

/**
 * What the {@link Supervisor} does once a worker has stopped unexpectedly. Production terminates
 * the process with status 1; tests observe the call instead.
 */
@FunctionalInterface
public interface FatalExit {
  /** Terminates the process with exit status 1 ({@link System#exit}, so shutdown hooks run). */
  FatalExit EXIT_PROCESS = (worker, cause) -> System.exit(1);

  /**
   * Called at most once per supervisor, on a dedicated thread named {@code fatal-exit} (never on
   * the failing worker, so shutdown hooks that join workers cannot deadlock).
   *
   * @param worker the name of the thread or event loop that stopped
   * @param cause why it stopped
   */
  void exit(String worker, Throwable cause);
}
