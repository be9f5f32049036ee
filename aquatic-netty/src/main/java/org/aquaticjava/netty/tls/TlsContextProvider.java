package org.aquaticjava.netty.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.SSL;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.files.PolledFileWatcher;
import org.aquaticjava.core.worker.Periodic;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server TLS context of a TCP tracker, reloadable at runtime.
 *
 * <table>
 *   <caption>Behaviour</caption>
 *   <tr><th>Aspect</th><th>What it does</th></tr>
 *   <tr><td>Provider</td><td>BoringSSL through netty-tcnative when {@link OpenSsl#isAvailable()},
 *       else the JDK; the choice (and why) is logged at start.</td></tr>
 *   <tr><td>Versions</td><td>TLS 1.3, plus TLS 1.2 unless {@code min_protocol = "TLSv1.3"};
 *       Netty's default cipher suites (AEAD, forward secret).</td></tr>
 *   <tr><td>Reload</td><td>{@link #reload()} (SIGUSR1 through {@code TrackerRuntime.onReload},
 *       or {@link #fileWatcher}) re-reads both files (or the PKCS#12 file) and swaps the context for <em>new</em>
 *       connections only; open connections keep theirs. A file that cannot be used (unreadable,
 *       malformed, encrypted key, key not matching the certificate) keeps the context in force
 *       and logs why. Identical files keep the context too, so TLS session resumption survives
 *       a no-op reload.</td></tr>
 *   <tr><td>Expiry</td><td>Logged at every load: error if expired, warning under 14 days, else
 *       info. An already expired certificate is accepted at start-up (with an error: there is
 *       nothing better to serve, and the expiry gauge drives alerts) but refused by a reload
 *       while the certificate in force is still valid (a stale file copied by mistake).</td></tr>
 *   <tr><td>Handshake timeout</td><td>{@code handshake_timeout_ms} on every {@link SslHandler};
 *       a client that connects and stays silent is closed then.</td></tr>
 *   <tr><td>Session resumption</td><td>With BoringSSL and {@code enable_session_tickets}: TLS 1.3
 *       and 1.2 session tickets under in-memory {@link SessionTicketKeys}, replaced by {@link
 *       #rotateTicketKeys()} (run {@link #ticketKeyRotation()} on a supervised thread); the keys
 *       carry over to the context a certificate reload builds, so tickets survive reloads. A
 *       server-side cache of {@code session_cache_size} TLS 1.2 sessions (per context, so a
 *       certificate swap empties it), {@code session_timeout} for both.</td></tr>
 * </table>
 *
 * <p>Metrics on the given registry: {@code aquatic_tls_handshake_failures_total{reason}} (see
 * {@link HandshakeFailure}), {@code aquatic_tls_handshakes_total{kind}} (full or resumed; counted
 * with BoringSSL only), {@code aquatic_tls_certificate_expiry_timestamp_seconds} (the certificate
 * in force) and {@code aquatic_tls_certificate_reloads_total{result}}. One provider per
 * registry.
 *
 * <p>Thread-safety: {@link #newHandler} and {@link #install} may be called from any event loop
 * concurrently (one volatile read); {@link #reload()} may be called from any thread and is
 * serialized.
 */
public final class TlsContextProvider {
  private static final Logger log = LoggerFactory.getLogger(TlsContextProvider.class);

  /** Certificates expiring sooner than this are logged as a warning at load. */
  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  /** Name of the {@link SslHandler} that {@link #install} adds. */
  public static final String HANDLER_NAME = "tls";

  private final TlsConfig config;
  private final SslProvider provider;
  private final long handshakeTimeoutMillis;
  private final InstantSource clock;
  private final TlsHandshakeObserver observer;
  private final @Nullable SessionTicketKeys ticketKeys;
  private final boolean refuseTickets;
  private final AtomicLong reloadSuccesses = new AtomicLong();
  private final AtomicLong reloadFailures = new AtomicLong();
  private volatile Loaded current;

  /** The credentials in force and the context built from them. */
  private record Loaded(TlsCredentials credentials, SslContext context) {}

  private TlsContextProvider(
      TlsConfig config,
      SslProvider provider,
      InstantSource clock,
      TlsHandshakeObserver observer,
      @Nullable SessionTicketKeys ticketKeys,
      Loaded initial) {
    this.config = config;
    this.ticketKeys = ticketKeys;
    this.refuseTickets = !config.enableSessionTickets() && provider != SslProvider.JDK;
    this.provider = provider;
    this.handshakeTimeoutMillis = config.handshakeTimeoutMs();
    this.clock = clock;
    this.observer = observer;
    this.current = initial;
  }

  /** BoringSSL when netty-tcnative loads on this machine, else the JDK. */
  public static SslProvider defaultProvider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  /**
   * Loads the configured files with the {@link #defaultProvider()} and adds this provider's data
   * points, labelled {@code protocol}, to the TLS metrics, which every provider of a process shares
   * (HTTPS and WSS in {@code aquatic all}).
   *
   * @param protocol the {@code protocol} label: {@code http}, {@code ws}
   * @throws TlsCredentialsException if the files cannot be used; meant to stop start-up
   */
  public static TlsContextProvider start(TlsConfig config, TrackerMetrics metrics, String protocol)
      throws TlsCredentialsException {
    return start(config, defaultProvider(), metrics, protocol, InstantSource.system());
  }

  /**
   * Like {@link #start(TlsConfig, TrackerMetrics, String)} with an explicit provider and clock.
   *
   * @throws IllegalArgumentException if {@code provider} is an OpenSSL flavour and netty-tcnative
   *     is unavailable
   * @throws TlsCredentialsException if the files cannot be used
   */
  public static TlsContextProvider start(
      TlsConfig config,
      SslProvider provider,
      TrackerMetrics metrics,
      String protocol,
      InstantSource clock)
      throws TlsCredentialsException {
    if (provider != SslProvider.JDK && !OpenSsl.isAvailable()) {
      throw new IllegalArgumentException(
          "TLS provider " + provider + " unavailable: " + OpenSsl.unavailabilityCause());
    }
    logProvider(provider);
    final TlsCredentials credentials = TlsCredentials.load(config);
    final SessionTicketKeys ticketKeys =
        config.enableSessionTickets() && provider != SslProvider.JDK
            ? new SessionTicketKeys(new SecureRandom())
            : null;
    final Loaded initial =
        new Loaded(credentials, build(credentials, provider, config, ticketKeys));
    final Counter failureCounter = metrics.tlsHandshakeFailures();
    final CounterDataPoint[] failures = new CounterDataPoint[HandshakeFailure.values().length];
    for (HandshakeFailure reason : HandshakeFailure.values()) {
      failures[reason.ordinal()] = failureCounter.labelValues(protocol, reason.label());
    }
    final Counter handshakes = metrics.tlsHandshakes();
    final TlsHandshakeObserver observer =
        new TlsHandshakeObserver(
            failures, handshakes.labelValues(protocol, "full"), handshakes.labelValues(protocol, "resumed"));
    final TlsContextProvider tls =
        new TlsContextProvider(config, provider, clock, observer, ticketKeys, initial);
    tls.registerGauges(metrics, protocol);
    tls.logLoaded("TLS certificate loaded", credentials);
    logResumption(config, provider, ticketKeys != null);
    return tls;
  }

  /**
   * A new {@link SslHandler} from the context in force, with the handshake timeout set. Put it
   * first in the pipeline; prefer {@link #install}, which also counts handshake failures.
   */
  public SslHandler newHandler(ByteBufAllocator allocator) {
    final SslHandler handler = current.context().newHandler(allocator);
    handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
    if (refuseTickets && handler.engine() instanceof ReferenceCountedOpenSslEngine engine) {
      // Netty clears SSL_OP_NO_TICKET on every engine that may speak TLS 1.3 (which then issues
      // tickets under BoringSSL's own key, for TLS 1.2 too): only a per-connection option undoes it.
      SSL.setOptions(engine.sslPointer(), SSL.SSL_OP_NO_TICKET);
    }
    return handler;
  }

  /**
   * Adds TLS to a new channel's pipeline (call first in {@code initChannel}): an {@link SslHandler}
   * named {@value #HANDLER_NAME} from the context in force, then a handler that counts a failed
   * handshake and closes the connection, and removes itself after a successful one.
   */
  public void install(ChannelPipeline pipeline) {
    pipeline.addLast(HANDLER_NAME, newHandler(pipeline.channel().alloc()));
    pipeline.addLast(HANDLER_NAME + "-handshake", observer);
  }

  /**
   * Re-reads the certificate and key files (or the PKCS#12 file); swaps the context for new connections only if they can
   * be used. Logs the outcome. Serialized; safe from any thread.
   */
  public synchronized TlsReload reload() {
    final Loaded old = current;
    try {
      final TlsCredentials loaded = TlsCredentials.load(config);
      if (loaded.chain().equals(old.credentials().chain())
          && loaded.key().equals(old.credentials().key())) {
        reloadSuccesses.incrementAndGet();
        return logged(new TlsReload(true, "TLS certificate and key unchanged; nothing to swap"));
      }
      final Instant now = clock.instant();
      if (loaded.isExpiredAt(now) && !old.credentials().isExpiredAt(now)) {
        throw new TlsCredentialsException(
            TlsCredentials.files(config).getFirst()
                + ": the new certificate expired at "
                + loaded.notAfter());
      }
      current = new Loaded(loaded, build(loaded, provider, config, ticketKeys));
      reloadSuccesses.incrementAndGet();
      logLoaded("TLS certificate reloaded", loaded);
      return new TlsReload(true, "TLS certificate reloaded: " + loaded.describe());
    } catch (TlsCredentialsException e) {
      reloadFailures.incrementAndGet();
      return logged(
          new TlsReload(
              false,
              "TLS reload failed, keeping "
                  + old.credentials().describe()
                  + ": "
                  + e.getMessage()));
    }
  }

  /**
   * A watcher that calls {@link #reload()} when the certificate or key file (or the PKCS#12 file)
   * changes; run it on a supervised thread (role {@code tls-watch}).
   */
  public PolledFileWatcher fileWatcher(Duration pollInterval) {
    return new PolledFileWatcher(
        "TLS certificate and key", TlsCredentials.files(config), pollInterval, this::reload);
  }

  /**
   * Replaces the session ticket key (the previous one keeps decrypting until the next rotation) in
   * the context in force. Serialized with {@link #reload()}; a no-op without session tickets.
   */
  public synchronized void rotateTicketKeys() {
    if (ticketKeys != null) {
      ticketKeys.rotate();
      ticketKeys.applyTo(current.context());
      log.debug("TLS session ticket key rotated");
    }
  }

  /** Whether this provider issues session tickets under its own keys (BoringSSL, tickets on). */
  public boolean rotatesTicketKeys() {
    return ticketKeys != null;
  }

  /**
   * A loop that calls {@link #rotateTicketKeys()} every {@code session_ticket_key_rotation_interval}
   * until its thread is interrupted; run it on a supervised thread (role {@code tls-ticket-keys}).
   */
  public Runnable ticketKeyRotation() {
    final long intervalMillis = config.sessionTicketKeyRotationInterval() * 1_000L;
    return () -> Periodic.every(intervalMillis, this::rotateTicketKeys);
  }

  /** The context new connections get. */
  public SslContext context() {
    return current.context();
  }

  /** The certificate chain and key in force. */
  public TlsCredentials credentials() {
    return current.credentials();
  }

  /** The TLS implementation in use. */
  public SslProvider provider() {
    return provider;
  }

  /** Reloads that loaded the files (swapped or unchanged) since start. */
  public long reloadSuccesses() {
    return reloadSuccesses.get();
  }

  /** Reloads that kept the old context because the files could not be used. */
  public long reloadFailures() {
    return reloadFailures.get();
  }

  private void registerGauges(TrackerMetrics metrics, String protocol) {
    metrics.gaugeSource(
        "aquatic_tls_certificate_expiry_timestamp_seconds",
        "When the TLS certificate in force expires (notAfter), in Unix seconds, by protocol",
        List.of(TrackerMetrics.PROTOCOL),
        callback -> callback.call(current.credentials().notAfter().getEpochSecond(), protocol));
    metrics.counterSource(
        "aquatic_tls_certificate_reloads_total",
        "TLS certificate reloads since start, by protocol and result",
        List.of(TrackerMetrics.PROTOCOL, "result"),
        callback -> {
          callback.call(reloadSuccesses.get(), protocol, "success");
          callback.call(reloadFailures.get(), protocol, "failure");
        });
  }

  private static SslContext build(
      TlsCredentials credentials,
      SslProvider provider,
      TlsConfig config,
      @Nullable SessionTicketKeys ticketKeys)
      throws TlsCredentialsException {
    try {
      final SslContextBuilder builder =
          SslContextBuilder.forServer(
                  credentials.key(), credentials.chain().toArray(X509Certificate[]::new))
              .sslProvider(provider)
              .protocols(protocols(config))
              .sessionTimeout(config.sessionTimeout());
      if (config.sessionCacheSize() > 0) {
        builder.sessionCacheSize(config.sessionCacheSize());
      }
      final SslContext context = builder.build();
      if (config.sessionCacheSize() == 0
          && context.sessionContext() instanceof OpenSslSessionContext sessions) {
        sessions.setSessionCacheEnabled(false);
      }
      if (ticketKeys != null) {
        ticketKeys.applyTo(context);
      }
      return context;
    } catch (SSLException | RuntimeException e) {
      throw new TlsCredentialsException(
          "network.tls: cannot build a " + provider + " TLS context from " + credentials.describe() + ": " + e,
          e);
    }
  }

  private static List<String> protocols(TlsConfig config) {
    return config.minProtocol().equals(TlsConfig.TLS_1_3)
        ? List.of(TlsConfig.TLS_1_3)
        : List.of(TlsConfig.TLS_1_3, TlsConfig.TLS_1_2);
  }

  private static void logProvider(SslProvider provider) {
    if (provider != SslProvider.JDK) {
      log.info("TLS provider: {} ({})", provider, OpenSsl.versionString());
    } else if (OpenSsl.isAvailable()) {
      log.info("TLS provider: JDK (chosen although {} is available)", OpenSsl.versionString());
    } else {
      log.info("TLS provider: JDK (netty-tcnative unavailable: {})", OpenSsl.unavailabilityCause());
    }
  }

  private static void logResumption(TlsConfig config, SslProvider provider, boolean tickets) {
    if (tickets) {
      log.info(
          "TLS session resumption: tickets under an in-memory key rotated every {} s; TLS 1.2"
              + " session cache of {} sessions; sessions resumable for {} s",
          config.sessionTicketKeyRotationInterval(),
          config.sessionCacheSize(),
          config.sessionTimeout());
    } else {
      log.info(
          "TLS session resumption: {}; TLS 1.2 session cache of {} sessions; sessions resumable"
              + " for {} s",
          provider == SslProvider.JDK ? "tickets as the JDK provider makes them" : "no tickets",
          config.sessionCacheSize(),
          config.sessionTimeout());
    }
  }

  private void logLoaded(String what, TlsCredentials credentials) {
    final Instant now = clock.instant();
    final Duration left = Duration.between(now, credentials.notAfter());
    if (left.isNegative()) {
      log.error(
          "{}: {} EXPIRED {} days ago; clients that verify certificates will refuse it",
          what,
          credentials.describe(),
          left.negated().toDays());
    } else if (left.compareTo(EXPIRY_WARNING) < 0) {
      log.warn("{}: {} expires in {} hours", what, credentials.describe(), left.toHours());
    } else {
      log.info("{}: {}, {} days left", what, credentials.describe(), left.toDays());
    }
  }

  private static TlsReload logged(TlsReload reload) {
    if (reload.succeeded()) {
      log.info(reload.message());
    } else {
      log.error(reload.message());
    }
    return reload;
  }
}
