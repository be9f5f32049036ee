package org.aquaticjava.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.metrics.DistinctErrorLog;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * What a listening TCP socket does when {@code accept()} fails, typically because the process
 * (EMFILE) or the system (ENFILE) is out of file descriptors: it stops accepting for {@link
 * #BACKOFF} (the connection stays in the kernel's backlog and is accepted once descriptors are
 * free again, instead of the loop retrying at once and failing in a tight loop), counts the error
 * in {@code aquatic_accept_errors_total{reason}} and logs it through a {@link DistinctErrorLog}:
 * the first at once, then at most once a minute with the count. The error goes no further down
 * the pipeline, so Netty logs nothing per failure.
 *
 * <p>One instance per tracker, installed as the handler of each of its listening channels ({@code
 * bootstrap.handler(...)}); listeners may run on different event loops, so {@link
 * #exceptionCaught} is synchronized (accept errors are rare, and backed off).
 */
@ChannelHandler.Sharable
public final class AcceptErrors extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(AcceptErrors.class);
  /** How long a listener stops accepting after an error. */
  public static final Duration BACKOFF = Duration.ofMillis(100);
  private static final Duration LOG_WINDOW = Duration.ofMinutes(1);

  /** Why accept failed; the lower-case names are the metric labels. */
  public enum Reason {
    /** The process's file descriptor limit (RLIMIT_NOFILE). */
    EMFILE,
    /** The system-wide file limit (fs.file-max). */
    ENFILE,
    /** Anything else, e.g. ENOBUFS. */
    OTHER;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  private final CounterDataPoint[] counts = new CounterDataPoint[Reason.values().length];
  private final DistinctErrorLog<Reason> errors;

  /**
   * Counts into {@code aquatic_accept_errors_total{protocol, reason}} ({@link
   * TrackerMetrics#acceptErrors}).
   *
   * @param protocol the metric's {@code protocol} label: {@code http}, {@code ws}
   * @param listenerName shown in the log lines, e.g. {@code "HTTP listeners"}
   */
  public AcceptErrors(TrackerMetrics metrics, String protocol, String listenerName) {
    final Counter counter = metrics.acceptErrors();
    for (Reason reason : Reason.values()) {
      counts[reason.ordinal()] = counter.labelValues(protocol, reason.label);
    }
    errors =
        new DistinctErrorLog<>(Reason.class, log, Level.WARN, listenerName, LOG_WINDOW, System::nanoTime);
  }

  @Override
  public synchronized void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    final Reason reason = classify(cause);
    counts[reason.ordinal()].inc();
    errors.record(reason, cause.getMessage());
    if (ctx.channel().config().getOption(ChannelOption.AUTO_READ)) {
      ctx.channel().config().setAutoRead(false);
      ctx.executor()
          .schedule(
              () -> ctx.channel().config().setAutoRead(true), BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** The errno behind an accept failure, from the message (Netty's native errors carry no code). */
  static Reason classify(Throwable cause) {
    final String message = String.valueOf(cause.getMessage());
    if (message.contains("Too many open files in system")) {
      return Reason.ENFILE;
    }
    if (message.contains("Too many open files")) {
      return Reason.EMFILE;
    }
    return Reason.OTHER;
  }

  /** Accept errors of {@code reason} so far (for tests and the log). */
  public synchronized long count(Reason reason) {
    return errors.count(reason);
  }
}
