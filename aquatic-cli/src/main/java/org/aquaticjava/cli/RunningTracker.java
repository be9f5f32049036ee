package org.aquaticjava.cli;

/**
 * A started tracker as the command sees it: something to wait for and to close. {@link #close()}
 * may be called from a signal thread while another thread waits, and more than once.
 */
public interface RunningTracker extends AutoCloseable {

  /** Blocks until the tracker stops, whether closed or failed. */
  void awaitTermination() throws InterruptedException;

  /** Stops the tracker; returns once it has stopped. Idempotent. */
  @Override
  void close();

  /** Blocks until something stops; the shape of a tracker's {@code awaitTermination}. */
  @FunctionalInterface
  interface Termination {
    void await() throws InterruptedException;
  }

  /** Adapts a tracker's own await and close methods, e.g. {@code of(t::awaitTermination, t::close)}. */
  static RunningTracker of(Termination termination, Runnable close) {
    return new RunningTracker() {
      @Override
      public void awaitTermination() throws InterruptedException {
        termination.await();
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }
}
