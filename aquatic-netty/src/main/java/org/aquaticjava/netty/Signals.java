package org.aquaticjava.netty;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unix signal hooks ({@code SIGUSR1} and {@code SIGHUP} reload the access list and TLS
 * certificates; {@code SIGTERM} and {@code SIGINT} stop).
 *
 * <p>The JVM keeps one handler per signal, but several trackers may share a process ({@code
 * aquatic all}, tests): the handler is installed once per signal and runs every registered action,
 * and each registration can be withdrawn when its tracker closes.
 *
 * <p>{@code sun.misc.Signal} is reached through reflection: a direct reference makes javac print
 * the mandatory "internal proprietary API" warning, which no annotation silences and which would
 * break {@code -Werror}. The JVM runs signal handlers on its own short-lived thread; the actions
 * are handed to a new platform thread named {@code signals} so a slow reload never delays signal
 * dispatch. Overlapping signals may run an action concurrently, so it must be thread-safe (a
 * reload is serialized by its holder).
 */
public final class Signals {
  private static final Logger log = LoggerFactory.getLogger(Signals.class);
  private static final Map<String, List<Runnable>> ACTIONS = new ConcurrentHashMap<>();

  private Signals() {}

  /** A registered action; {@link #close} withdraws it. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Runs {@code action} on a thread named {@code signals} each time the process receives {@code
   * SIG<name>} (e.g. {@code "USR1"}), until the returned registration is closed.
   *
   * @return the registration, or null, with a logged warning, if the JVM offers no signal API or
   *     refuses this signal (unknown on this platform, or reserved by the JVM)
   */
  public static synchronized Registration onSignal(String name, Runnable action) {
    if (!ACTIONS.containsKey(name)) {
      if (!install(name)) {
        return null;
      }
      ACTIONS.put(name, new CopyOnWriteArrayList<>());
    }
    final List<Runnable> actions = ACTIONS.get(name);
    actions.add(action);
    return () -> actions.remove(action);
  }

  private static boolean install(String name) {
    try {
      final Class<?> signalClass = Class.forName("sun.misc.Signal");
      final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
      final Object signal = signalClass.getConstructor(String.class).newInstance(name);
      final InvocationHandler dispatch = (proxy, method, args) -> handlerMethod(proxy, method, args, name);
      final Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, dispatch);
      signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
      log.info("SIG{} handler installed", name);
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      final Throwable cause = e.getCause() != null ? e.getCause() : e;
      log.warn("cannot handle SIG{}; use the file watcher instead: {}", name, cause.toString());
      return false;
    }
  }

  private static Object handlerMethod(Object proxy, Method method, Object[] args, String name) {
    return switch (method.getName()) {
      case "handle" -> {
        log.info("SIG{} received", name);
        Thread.ofPlatform().name("signals").start(() -> ACTIONS.get(name).forEach(Runnable::run));
        yield null;
      }
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      case "toString" -> "SIG" + name + " handler";
      default -> throw new UnsupportedOperationException(method.getName());
    };
  }
}
