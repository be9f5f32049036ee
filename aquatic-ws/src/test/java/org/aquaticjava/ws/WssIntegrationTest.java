package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.IH;
import static org.aquaticjava.ws.Messages.PB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import org.aquaticjava.core.config.TlsConfig;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.Pkcs12Export;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * wss://: the golden offer/answer exchange over TLS (BoringSSL when available) on every transport
 * and loopback family, with a certificate loaded from PEM files and reloaded by SIGUSR1's action.
 */
class WssIntegrationTest {
  private static X509Bundle certificate;
  private static SSLContext clientTls;

  @BeforeAll
  static void certificate() throws Exception {
    certificate =
        new CertificateBuilder()
            .subject("CN=localhost")
            .setIsCertificateAuthority(true)
            .addSanIpAddress("127.0.0.1")
            .addSanIpAddress("::1")
            .algorithm(CertificateBuilder.Algorithm.ecp256)
            .notBefore(Instant.now().minus(Duration.ofDays(1)))
            .notAfter(Instant.now().plus(Duration.ofDays(30)))
            .buildSelfSigned();
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
  }

  private static TlsConfig tls(Path dir) throws Exception {
    final Path chain = Files.writeString(dir.resolve("fullchain.pem"), certificate.getCertificatePathPEM());
    final Path key = Files.writeString(dir.resolve("privkey.pem"), certificate.getPrivateKeyPEM());
    return TlsConfig.pem(chain.toString(), key.toString(), 5_000, TlsConfig.TLS_1_2);
  }

  @ParameterizedTest(name = "{0} ipv6={1}")
  @MethodSource("org.aquaticjava.ws.TestTrackers#transportsAndFamilies")
  void theGoldenExchangeWorksOverTls(IoTransport transport, boolean ipv6, @TempDir Path dir) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " unavailable: " + transport.unavailabilityCause());
    final TestTrackers.Builder config = TestTrackers.builder().transport(transport);
    config.tls = tls(dir);
    try (WsTracker tracker = config.start();
        WsTestClient a = WsTestClient.connectTls(TestTrackers.address(tracker, ipv6), clientTls);
        WsTestClient b = WsTestClient.connectTls(TestTrackers.address(tracker, ipv6), clientTls)) {
      b.send(Messages.announce(IH, PB, 0));
      b.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      a.sendBytes(Golden.bytes("ws/announce-with-offers.json"));
      a.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      Golden.assertMatches("ws/offer-relay.json", b.nextBytes());
      b.sendBytes(Golden.bytes("ws/answer.json"));
      Golden.assertMatches("ws/answer-relay.json", a.nextBytes());
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.ws.TestTrackers#transports")
  void plainWebSocketsAreRefusedAndReloadReReadsTheCertificate(IoTransport transport, @TempDir Path dir)
      throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " unavailable: " + transport.unavailabilityCause());
    final TestTrackers.Builder config = TestTrackers.builder().transport(transport);
    config.tls = tls(dir);
    try (WsTracker tracker = config.start()) {
      assertThatThrownBy(() -> WsTestClient.connect(TestTrackers.address(tracker, false)).close())
          .isInstanceOf(Exception.class);
      tracker.runtime().reload(); // what SIGUSR1 does
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_tls_certificate_reloads_total", "result", "success"))
          .isEqualTo(1);
      try (WsTestClient client = WsTestClient.connectTls(TestTrackers.address(tracker, false), clientTls)) {
        client.send(Messages.scrape(IH));
        client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
    }
  }

  @Test
  void aClientThatReconnectsResumesItsTlsSession(@TempDir Path dir) throws Exception {
    final TestTrackers.Builder config = TestTrackers.builder();
    config.tls = tls(dir);
    final SSLContext client = SSLContext.getInstance("TLS"); // one client session cache
    client.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
    try (WsTracker tracker = config.start()) {
      for (int i = 0; i < 3; i++) {
        try (WsTestClient ws = WsTestClient.connectTls(TestTrackers.address(tracker, false), client)) {
          ws.send(Messages.scrape(IH));
          ws.next(TrackerMessageKind.SCRAPE_RESPONSE);
        }
      }
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        assertThat(handshakes(tracker, "full")).isEqualTo(1);
        assertThat(handshakes(tracker, "resumed")).isEqualTo(2);
      });
    }
  }

  private static double handshakes(WsTracker tracker, String kind) {
    return MetricValues.sum(
        tracker.runtime().metrics(), "aquatic_tls_handshakes_total", "protocol", "ws", "kind", kind);
  }

  private static TlsConfig pkcs12(Path file, String password) {
    final TlsConfig d = TlsConfig.DEFAULTS;
    return new TlsConfig(
        true,
        "",
        "",
        file.toString(),
        password,
        5_000,
        TlsConfig.TLS_1_2,
        d.enableSessionTickets(),
        d.sessionTicketKeyRotationInterval(),
        d.sessionCacheSize(),
        d.sessionTimeout());
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.ws.TestTrackers#transports")
  void servesAPkcs12IdentityAndAReloadWithAWrongPasswordKeepsIt(IoTransport transport, @TempDir Path dir)
      throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " unavailable: " + transport.unavailabilityCause());
    final Path pfx = dir.resolve("identity.pfx");
    Pkcs12Export.export(
        certificate.getCertificatePEM(), certificate.getCertificatePathPEM(), certificate.getPrivateKeyPEM(), "s3cret", pfx);
    final TestTrackers.Builder config = TestTrackers.builder().transport(transport);
    config.tls = pkcs12(pfx, "s3cret");
    try (WsTracker tracker = config.start()) {
      try (WsTestClient client = WsTestClient.connectTls(TestTrackers.address(tracker, false), clientTls)) {
        client.send(Messages.scrape(IH));
        client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
      Pkcs12Export.export(
          certificate.getCertificatePEM(), certificate.getCertificatePathPEM(), certificate.getPrivateKeyPEM(), "other", pfx);
      tracker.runtime().reload(); // what SIGUSR1 does
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_tls_certificate_reloads_total", "result", "failure"))
          .isEqualTo(1);
      try (WsTestClient client = WsTestClient.connectTls(TestTrackers.address(tracker, false), clientTls)) {
        client.send(Messages.scrape(IH));
        client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.ws.TestTrackers#transports")
  void aWrongPkcs12PasswordOrABrokenFileStopsStartUpNamingTheKey(IoTransport transport, @TempDir Path dir)
      throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + " unavailable: " + transport.unavailabilityCause());
    final Path pfx = dir.resolve("identity.pfx");
    Pkcs12Export.export(
        certificate.getCertificatePEM(), certificate.getCertificatePathPEM(), certificate.getPrivateKeyPEM(), "s3cret", pfx);
    final TestTrackers.Builder wrongPassword = TestTrackers.builder().transport(transport);
    wrongPassword.tls = pkcs12(pfx, "guess");
    assertThatThrownBy(wrongPassword::start)
        .hasMessage("network.tls.tls_pkcs12_password: the password does not open " + pfx);
    final Path broken = Files.writeString(dir.resolve("broken.pfx"), certificate.getCertificatePEM());
    final TestTrackers.Builder brokenFile = TestTrackers.builder().transport(transport);
    brokenFile.tls = pkcs12(broken, "s3cret");
    assertThatThrownBy(brokenFile::start)
        .hasMessageStartingWith("network.tls.tls_pkcs12_path: " + broken + " is not a readable PKCS#12 file");
  }
}
