package org.aquaticjava.loadtest;

/**
 * One load-generating thread of a protocol load tester, driven by {@link LoadRun}.
 *
 * <p>Thread contract: {@link #run()} executes on the worker's own thread until {@link #stop()} is
 * called from the driver thread; it then stops sending, waits at most one request timeout for the
 * replies still in flight, counts the rest as lost and returns. {@link #counters()} and {@link
 * #latencies()} may be read by the driver while the worker runs; {@link #errorMessages()} only
 * after {@link #run()} has returned.
 */
public interface LoadWorker extends Runnable {
  /** This worker's outcome counters. */
  OutcomeCounters counters();

  /** This worker's latency recorder. */
  LatencyRecorder latencies();

  /** This worker's error replies by message. */
  ErrorMessageCounter errorMessages();

  /** Asks the worker to stop sending and finish; callable from any thread, returns at once. */
  void stop();
}
