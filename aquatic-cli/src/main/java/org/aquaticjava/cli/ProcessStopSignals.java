package org.aquaticjava.cli;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops the tracker on SIGTERM and SIGINT so that the process then exits 0 (systemd reads the JVM's
 * default exit status 143 on SIGTERM as a failure), with a JVM shutdown hook as the fallback for
 * every other way the JVM may exit. A second signal while stopping halts at once.
 *
 * <p>Signal handling goes through {@code sun.misc.Signal}, reached by reflection: compiling against
 * it directly gives a javac warning that cannot be suppressed. Where the JVM refuses the handlers
 * (e.g. under {@code -Xrs}) the shutdown hook still closes the tracker. Thread-safe.
 */
final class ProcessStopSignals implements StopSignals {
  private static final List<String> SIGNALS = List.of("TERM", "INT");

  @Override
  public void onStop(Runnable stop) {
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "shutdown-hook"));
    AtomicBoolean stopping = new AtomicBoolean();
    for (String name : SIGNALS) {
      handle(
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

  private static void handle(String name, Runnable action) {
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object signal = signalType.getConstructor(String.class).newInstance(name);
      Object handler =
          Proxy.newProxyInstance(
              ProcessStopSignals.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "handle" -> {
                      action.run();
                      yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "aquatic SIG" + name + " handler";
                    default -> throw new UnsupportedOperationException(method.toString());
                  });
      signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      // Keep the JVM's default: the signal still ends the process and the shutdown hook runs.
    }
  }
}
