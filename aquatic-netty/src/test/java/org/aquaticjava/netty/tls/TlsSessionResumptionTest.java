package org.aquaticjava.netty.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.netty.pkitesting.CertificateBuilder.Algorithm;
import io.netty.pkitesting.X509Bundle;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.netty.tls.TestPki.KeyFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS session resumption on BoringSSL over loopback sockets. Each client is a JDK {@link
 * SSLContext} of its own, whose client session cache offers the session (ticket or TLS 1.2
 * session id) of its previous connection to the same address; whether the server resumed is read
 * from {@code aquatic_tls_handshakes_total{kind}}.
 */
class TlsSessionResumptionTest {
  private static final X509Bundle CERTIFICATE = TestPki.server(Algorithm.ecp256, "resume.test");
  private static final byte[] PING = "ping\n".getBytes(StandardCharsets.US_ASCII);
  private static final int ROTATION_SECONDS = 3_600;

  @TempDir Path dir;
  private final TrackerMetrics metrics = new TrackerMetrics();
  private TlsEchoServer server;

  @BeforeEach
  void requireBoringSsl() {
    assumeTrue(OpenSsl.isAvailable(), () -> "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
  void aClientThatReconnectsResumesFromItsTicket(String version) throws Exception {
    start(true, 20_480);
    final SSLContext client = client();

    roundTrip(client, version);
    roundTrip(client, version);
    roundTrip(client(), version); // another client has no session to offer

    awaitHandshakes(2, 1);
  }

  @Test
  void tls12ResumesFromTheSessionCacheWithoutTickets() throws Exception {
    start(false, 20_480);
    final SSLContext client = client();

    roundTrip(client, "TLSv1.2");
    roundTrip(client, "TLSv1.2");

    awaitHandshakes(1, 1);
  }

  @Test
  void aCachedTls12SessionIsNotResumedAfterTheSessionTimeout() throws Exception {
    start(false, 20_480, 1);
    final SSLContext client = client(); // the JDK client keeps its sessions for 24 h

    roundTrip(client, "TLSv1.2");
    Thread.sleep(2_100);
    roundTrip(client, "TLSv1.2");

    awaitHandshakes(2, 0);
  }

  @Test
  void withoutTicketsAndCacheNothingResumes() throws Exception {
    start(false, 0);
    final SSLContext client = client();

    roundTrip(client, "TLSv1.2");
    roundTrip(client, "TLSv1.2");
    awaitHandshakes(2, 0);
    roundTrip(client, "TLSv1.3");
    roundTrip(client, "TLSv1.3");
    awaitHandshakes(4, 0);
  }

  @Test
  void ticketsResumeAcrossOneKeyRotationButNotTwo() throws Exception {
    final TlsContextProvider tls = start(true, 20_480);
    final SSLContext beforeFirstRotation = client();
    final SSLContext beforeSecondRotation = client();
    roundTrip(beforeFirstRotation, "TLSv1.3");
    awaitHandshakes(1, 0);

    tls.rotateTicketKeys();
    roundTrip(beforeSecondRotation, "TLSv1.3"); // a ticket under the new key
    roundTrip(beforeSecondRotation, "TLSv1.3");
    awaitHandshakes(2, 1);

    tls.rotateTicketKeys(); // the first client's key is gone now, the second's is the previous
    roundTrip(beforeFirstRotation, "TLSv1.3");
    awaitHandshakes(3, 1);
    roundTrip(beforeSecondRotation, "TLSv1.3");
    awaitHandshakes(3, 2);
  }

  @Test
  void ticketsSurviveACertificateReload() throws Exception {
    final TlsContextProvider tls = start(true, 20_480);
    final SSLContext client = client();
    roundTrip(client, "TLSv1.3");

    TestPki.install(
        TestPki.server(Algorithm.ecp256, "resume.test"),
        KeyFormat.PKCS8,
        dir.resolve("fullchain.pem"),
        dir.resolve("privkey.pem"));
    assertThat(tls.reload().succeeded()).isTrue();
    roundTrip(client, "TLSv1.3");

    awaitHandshakes(1, 1);
  }

  private TlsContextProvider start(boolean tickets, int cacheSize) throws Exception {
    return start(tickets, cacheSize, 600);
  }

  private TlsContextProvider start(boolean tickets, int cacheSize, int timeoutSeconds)
      throws Exception {
    TestPki.install(
        CERTIFICATE, KeyFormat.PKCS8, dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
    final TlsConfig config =
        TlsConfig.pem(
                dir.resolve("fullchain.pem").toString(),
                dir.resolve("privkey.pem").toString(),
                5_000,
                TlsConfig.TLS_1_2)
            .withSessionResumption(tickets, ROTATION_SECONDS, cacheSize, timeoutSeconds);
    final TlsContextProvider tls =
        TlsContextProvider.start(
            config, SslProvider.OPENSSL, metrics, "http", InstantSource.system());
    assertThat(tls.rotatesTicketKeys()).isEqualTo(tickets);
    server = new TlsEchoServer(tls, "127.0.0.1");
    return tls;
  }

  private static SSLContext client() throws Exception {
    final SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, TestPki.CA.toTrustManagerFactory().getTrustManagers(), null);
    return context;
  }

  /**
   * One connection: handshake, one echo (by which time a TLS 1.3 ticket has arrived and is in the
   * client's cache), close.
   */
  private void roundTrip(SSLContext client, String version) throws IOException {
    final InetSocketAddress address = server.address();
    try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
      socket.setSoTimeout(5_000);
      socket.connect(address, 5_000);
      socket.setEnabledProtocols(new String[] {version});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo(version);
      socket.getOutputStream().write(PING);
      socket.getOutputStream().flush();
      assertThat(socket.getInputStream().readNBytes(PING.length)).isEqualTo(PING);
    }
  }

  private void awaitHandshakes(int full, int resumed) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(handshakes("full")).as("full handshakes").isEqualTo(full);
              assertThat(handshakes("resumed")).as("resumed handshakes").isEqualTo(resumed);
            });
  }

  private double handshakes(String kind) {
    for (MetricSnapshot snapshot : metrics.registry().scrape()) {
      if (snapshot.getMetadata().getName().equals("aquatic_tls_handshakes")) {
        for (CounterSnapshot.CounterDataPointSnapshot point :
            ((CounterSnapshot) snapshot).getDataPoints()) {
          if (kind.equals(point.getLabels().get("kind"))) {
            return point.getValue();
          }
        }
      }
    }
    return 0;
  }
}
