package org.aquaticjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.function.IntToLongFunction;

/**
 * Checks that a request path allocates nothing on the calling thread: runs a number of rounds to
 * warm up (class loading, lazy initialisation, swarms growing allocate), then the same number again
 * while the thread's allocated-bytes counter is read before and after. Most rounds of a short test
 * run interpreted, where no escape analysis can hide an allocation, so this catches what a JMH
 * fork only shows when C2 happens to compile the path badly.
 */
public final class ThreadAllocation {
  private ThreadAllocation() {}

  /**
   * Asserts that {@code rounds} calls of {@code round} (with 0 to rounds - 1), after as many
   * warm-up calls, allocate fewer than {@code toleratedBytes} on this thread. {@code round}
   * returns a value derived from its results (summed and checked positive) so that the work cannot
   * be optimised away.
   */
  public static void assertAllocatesLessThan(long toleratedBytes, int rounds, IntToLongFunction round) {
    final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int i = 0; i < rounds; i++) {
      sink += round.applyAsLong(i);
    }
    final long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < rounds; i++) {
      sink += round.applyAsLong(i);
    }
    final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(sink).as("sum of the rounds' results").isPositive();
    assertThat(allocated).as("bytes allocated by %d rounds", rounds).isLessThan(toleratedBytes);
  }
}
