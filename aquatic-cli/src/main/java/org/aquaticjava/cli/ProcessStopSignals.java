package org.aquaticjava.cli;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.aquaticjava.netty.Signals;

/**
 * Stops the tracker on SIGTERM and SIGINT so that the process then exits 0 (systemd reads the JVM's
 * default exit status 143 on SIGTERM as a failure), with a JVM shutdown hook as the fallback for
 * every other way the JVM may exit, and for JVMs that refuse the handlers (e.g. under {@code -Xrs}).
 * A second signal while stopping halts at once. Signals go through {@link Signals}, shared with the
 * access-list reload on SIGUSR1. Thread-safe.
 */
final class ProcessStopSignals implements StopSignals {
  private static final List<String> SIGNALS = List.of("TERM", "INT");

  @Override
  public void onStop(Runnable stop) {
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown-hook"));
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : SIGNALS) {
      // A null registration (signal refused) leaves the JVM default: exit, running the hook.
      Signals.onSignal(
          name,
          () -> {
            if (stopping.compareAndSet(false, true)) {
              stop.run();
            } else {
              System.err.println("aquatic: second SIG" + name + " while stopping; exiting now");
              Runtime.getRuntime().halt(1);
            }
          });
    }
  }
}
