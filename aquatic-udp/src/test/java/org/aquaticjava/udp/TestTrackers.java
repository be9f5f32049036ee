package org.aquaticjava.udp;

import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.WorkerDeaths;

/**
 * Starts trackers for tests (the permutations they run under are the testkit's {@code
 * TransportMatrix} and {@code LoopbackFamily}).
 *
 * <p>Trackers started here never exit the JVM when a worker dies: the failure is recorded and
 * the testkit's hygiene extension fails the test that was running.
 */
final class TestTrackers {
  private TestTrackers() {}

  static UdpTracker start(UdpConfig config) throws Exception {
    return UdpTracker.start(config, WorkerDeaths::record);
  }
}
