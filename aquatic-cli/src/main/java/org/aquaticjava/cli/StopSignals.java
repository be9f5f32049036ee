package org.aquaticjava.cli;

/**
 * Where a request to stop comes from. The process implementation is {@link ProcessStopSignals}
 * (SIGTERM, SIGINT, JVM shutdown); tests pass their own to drive the run path without signals.
 */
@FunctionalInterface
public interface StopSignals {

  /** Arranges for {@code stop} to run when the process is asked to stop; it may run on any thread. */
  void onStop(Runnable stop);
}
