package org.aquaticjava.netty.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.netty.pkitesting.CertificateBuilder.Algorithm;
import io.netty.pkitesting.X509Bundle;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.aquaticjava.core.metrics.TrackerMetrics;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.netty.TrackerRuntime;
import org.aquaticjava.netty.tls.TestPki.KeyFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Real TLS over loopback sockets against both providers, with JDK clients trusting the test CA. */
class TlsContextProviderTest {
  private static final X509Bundle FIRST = TestPki.server(Algorithm.ecp256, "first.test");
  private static final X509Bundle SECOND = TestPki.server(Algorithm.rsa2048, "second.test");
  private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private final TrackerMetrics metrics = new TrackerMetrics();
  private final PrometheusRegistry registry = metrics.registry();
  private TlsEchoServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  static Stream<Arguments> providersAddressesAndVersions() {
    return Stream.of(SslProvider.OPENSSL, SslProvider.JDK)
        .flatMap(p -> Stream.of("127.0.0.1", "::1").map(host -> new Object[] {p, host}))
        .flatMap(a -> Stream.of("TLSv1.2", "TLSv1.3").map(v -> Arguments.of(a[0], a[1], v)));
  }

  @ParameterizedTest(name = "{0} on {1} over {2}")
  @MethodSource("providersAddressesAndVersions")
  void servesTls12And13OnBothFamilies(SslProvider provider, String host, String version)
      throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2);
    server = new TlsEchoServer(tls, host);

    try (SSLSocket socket = connect(server.address(), version)) {
      assertThat(socket.getSession().getProtocol()).isEqualTo(version);
      assertThat(peer(socket)).isEqualTo(FIRST.getCertificate());
      assertThat(socket.getSession().getPeerCertificates()).hasSize(2);
      assertThat(echo(socket)).isEqualTo(PING);
    }
    assertThat(tls.provider()).isEqualTo(provider);
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void refusesTls12WhenTheMinimumIs13(SslProvider provider) throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_3);
    server = new TlsEchoServer(tls, "127.0.0.1");

    assertThatThrownBy(() -> connect(server.address(), "TLSv1.2").close())
        .isInstanceOf(SSLHandshakeException.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> failures("protocol") == 1);
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void reloadSwapsTheCertificateForNewConnectionsWhileOpenOnesKeepWorking(SslProvider provider)
      throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2);
    server = new TlsEchoServer(tls, "127.0.0.1");
    try (SSLSocket open = connect(server.address(), "TLSv1.3")) {
      assertThat(echo(open)).isEqualTo(PING);

      TestPki.install(SECOND, KeyFormat.TRADITIONAL, certificateFile(), keyFile());
      final TlsReload reload = tls.reload();

      assertThat(reload.succeeded()).as(reload.message()).isTrue();
      assertThat(echo(open)).isEqualTo(PING);
      assertThat(peer(open)).isEqualTo(FIRST.getCertificate());
      try (SSLSocket fresh = connect(server.address(), "TLSv1.2")) {
        assertThat(peer(fresh)).isEqualTo(SECOND.getCertificate());
        assertThat(echo(fresh)).isEqualTo(PING);
      }
    }
    assertThat(tls.reloadSuccesses()).isEqualTo(1);
    assertThat(gauge("aquatic_tls_certificate_expiry_timestamp_seconds"))
        .isEqualTo(SECOND.getCertificate().getNotAfter().toInstant().getEpochSecond());
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void aBadNewFileKeepsTheCertificateInForce(SslProvider provider) throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2);
    server = new TlsEchoServer(tls, "127.0.0.1");

    final X509Bundle other = TestPki.server(Algorithm.ecp256, "other.test");
    TestPki.replace(keyFile(), TestPki.keyPem(other, KeyFormat.PKCS8)); // a key of another cert
    final TlsReload mismatched = tls.reload();
    TestPki.replace(
        certificateFile(), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    final TlsReload garbage = tls.reload();

    assertThat(mismatched.succeeded()).isFalse();
    assertThat(mismatched.message())
        .contains("keeping CN=first.test")
        .contains("does not belong to the first certificate");
    assertThat(garbage.succeeded()).isFalse();
    assertThat(garbage.message()).contains("certificate 1 is malformed");
    assertThat(tls.reloadFailures()).isEqualTo(2);
    assertThat(counter("aquatic_tls_certificate_reloads", "result", "failure")).isEqualTo(2);
    try (SSLSocket socket = connect(server.address(), "TLSv1.3")) {
      assertThat(peer(socket)).isEqualTo(FIRST.getCertificate());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void refusesToReplaceAValidCertificateWithAnExpiredOne(SslProvider provider) throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2);
    final X509Bundle expired =
        TestPki.server(Algorithm.ecp256, "expired.test", Instant.now().minus(Duration.ofDays(1)));

    TestPki.install(expired, KeyFormat.PKCS8, certificateFile(), keyFile());
    final TlsReload reload = tls.reload();

    assertThat(reload.succeeded()).isFalse();
    assertThat(reload.message()).contains("the new certificate expired at");
    assertThat(tls.credentials().leaf()).isEqualTo(FIRST.getCertificate());
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void reloadsWhenTheFilesChange(SslProvider provider) throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2);
    server = new TlsEchoServer(tls, "127.0.0.1");
    final Thread watcher =
        Thread.ofPlatform().name("tls-watch").start(tls.fileWatcher(Duration.ofMillis(20)));
    try {
      TestPki.install(SECOND, KeyFormat.PKCS8, certificateFile(), keyFile());

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> tls.credentials().leaf().equals(SECOND.getCertificate()));
    } finally {
      watcher.interrupt();
      watcher.join(5_000);
    }
    try (SSLSocket socket = connect(server.address(), "TLSv1.3")) {
      assertThat(peer(socket)).isEqualTo(SECOND.getCertificate());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void sigusr1ThroughTrackerRuntimeReloadsTheCertificate(SslProvider provider) throws Exception {
    assumeTrue(signalApiPresent(), "no sun.misc.Signal: SIGUSR1 would kill the test JVM");
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2);
    try (TrackerRuntime runtime =
        TrackerRuntime.start(
            SwarmSettings.DEFAULTS, AccessListConfig.DEFAULTS, PersistenceConfig.DEFAULTS, ClusterConfig.DEFAULTS, (w, c) -> {})) {
      runtime.onReload(tls::reload);
      TestPki.install(SECOND, KeyFormat.TRADITIONAL, certificateFile(), keyFile());

      final Process kill =
          new ProcessBuilder("kill", "-USR1", Long.toString(ProcessHandle.current().pid()))
              .inheritIO()
              .start();
      assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();

      await().atMost(Duration.ofSeconds(10)).until(() -> tls.reloadSuccesses() == 1);
      assertThat(tls.credentials().leaf()).isEqualTo(SECOND.getCertificate());
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void garbageInsteadOfAClientHelloIsCountedAndClosed(SslProvider provider) throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2);
    server = new TlsEchoServer(tls, "127.0.0.1");

    try (Socket socket = plainConnect()) {
      socket
          .getOutputStream()
          .write("GET /announce HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readUntilClosed(socket.getInputStream())).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> failures("not_tls") == 1);
    try (SSLSocket socket = connect(server.address(), "TLSv1.3")) {
      assertThat(echo(socket)).isEqualTo(PING); // the server is still fine
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void aSilentClientIsClosedAfterTheHandshakeTimeout(SslProvider provider) throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2, 500);
    server = new TlsEchoServer(tls, "127.0.0.1");

    try (Socket socket = plainConnect()) {
      assertThat(readUntilClosed(socket.getInputStream())).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> failures("timeout") == 1);
    assertThat(failures("not_tls") + failures("protocol")).isZero();
  }

  @ParameterizedTest
  @EnumSource(names = {"OPENSSL", "JDK"})
  void aClientThatRejectsTheCertificateIsCountedAsProtocolFailure(SslProvider provider)
      throws Exception {
    final TlsContextProvider tls = start(provider, FIRST, TlsConfig.TLS_1_2);
    server = new TlsEchoServer(tls, "127.0.0.1");
    final SSLContext trustsNothingOfOurs = SSLContext.getInstance("TLS");
    trustsNothingOfOurs.init(
        null, TestPki.newCa("CN=unrelated CA").toTrustManagerFactory().getTrustManagers(), null);

    assertThatThrownBy(
            () -> {
              try (SSLSocket socket =
                  (SSLSocket) trustsNothingOfOurs.getSocketFactory().createSocket()) {
                socket.connect(server.address(), 5_000);
                socket.startHandshake();
              }
            })
        .isInstanceOf(SSLHandshakeException.class);
    await().atMost(Duration.ofSeconds(5)).until(() -> failures("protocol") == 1);
  }

  private TlsContextProvider start(SslProvider provider, X509Bundle bundle, String minProtocol)
      throws Exception {
    return start(provider, bundle, minProtocol, 10_000);
  }

  private TlsContextProvider start(
      SslProvider provider, X509Bundle bundle, String minProtocol, int handshakeTimeoutMs)
      throws Exception {
    assumeTrue(
        provider == SslProvider.JDK || OpenSsl.isAvailable(),
        () -> "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
    TestPki.install(bundle, KeyFormat.PKCS8, certificateFile(), keyFile());
    final TlsConfig config =
        TlsConfig.pem(
            certificateFile().toString(), keyFile().toString(), handshakeTimeoutMs, minProtocol);
    return TlsContextProvider.start(config, provider, metrics, "http", InstantSource.system());
  }

  private Path certificateFile() {
    return dir.resolve("fullchain.pem");
  }

  private Path keyFile() {
    return dir.resolve("privkey.pem");
  }

  private static SSLSocket connect(InetSocketAddress address, String version) throws Exception {
    final SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, TestPki.CA.toTrustManagerFactory().getTrustManagers(), null);
    final SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      socket.setSoTimeout(5_000);
      socket.connect(address, 5_000);
      socket.setEnabledProtocols(new String[] {version});
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private Socket plainConnect() throws IOException {
    final Socket socket = new Socket();
    socket.setSoTimeout(5_000);
    socket.connect(server.address(), 5_000);
    return socket;
  }

  private static byte[] echo(SSLSocket socket) throws IOException {
    final OutputStream out = socket.getOutputStream();
    out.write(PING);
    out.flush();
    return socket.getInputStream().readNBytes(PING.length);
  }

  private static X509Certificate peer(SSLSocket socket) throws IOException {
    return (X509Certificate) socket.getSession().getPeerCertificates()[0];
  }

  /** Reads until the server closes (true) or the 5 s socket timeout passes (exception). */
  private static boolean readUntilClosed(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        // an alert record may come first
      }
      return true;
    } catch (java.net.SocketException reset) {
      return true; // closed with RST: also closed
    }
  }

  private static boolean signalApiPresent() {
    try {
      Class.forName("sun.misc.Signal");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private double failures(String reason) {
    return counter("aquatic_tls_handshake_failures", "reason", reason);
  }

  private double counter(String name, String label, String value) {
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (snapshot.getMetadata().getName().equals(name)) {
        for (CounterSnapshot.CounterDataPointSnapshot point :
            ((CounterSnapshot) snapshot).getDataPoints()) {
          if (value.equals(point.getLabels().get(label))) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }

  private double gauge(String name) {
    for (MetricSnapshot snapshot : registry.scrape()) {
      if (snapshot.getMetadata().getName().equals(name)) {
        return ((GaugeSnapshot) snapshot).getDataPoints().getFirst().getValue();
      }
    }
    throw new AssertionError("no gauge " + name);
  }
}
