package org.aquaticjava.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.aquaticjava.udp.UdpConfig;

/**
 * Stands in for the UDP server in command tests: records the config it was started with and stops
 * when closed, or at once if built as one that stops by itself. Also plays the stop signal.
 */
final class FakeUdpTracker implements RunningTracker {
  final List<UdpConfig> startedWith = new ArrayList<>();
  private final CountDownLatch stopped;
  private final boolean signalRightAway;
  int closeCalls;

  private FakeUdpTracker(boolean stopsByItself, boolean signalRightAway) {
    this.stopped = new CountDownLatch(stopsByItself ? 0 : 1);
    this.signalRightAway = signalRightAway;
  }

  /** A tracker that runs until a stop signal, which arrives as soon as it is installed. */
  static FakeUdpTracker stoppedBySignal() {
    return new FakeUdpTracker(false, true);
  }

  /** A tracker whose workers end on their own, with no signal. */
  static FakeUdpTracker stoppingByItself() {
    return new FakeUdpTracker(true, false);
  }

  UdpCommand command() {
    return new UdpCommand(
        config -> {
          startedWith.add(config);
          return this;
        },
        stop -> {
          if (signalRightAway) {
            stop.run();
          }
        });
  }

  @Override
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  @Override
  public synchronized void close() {
    closeCalls++;
    stopped.countDown();
  }
}
