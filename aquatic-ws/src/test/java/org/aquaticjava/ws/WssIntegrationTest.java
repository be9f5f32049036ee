package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.IH;
import static org.aquaticjava.ws.Messages.PB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.Pkcs12Export;
import org.aquaticjava.testkit.TomlConfigs;
import org.aquaticjava.testkit.TransportMatrix;
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

  /** {@code [network.tls]} with a PEM chain and key written to {@code dir}. */
  private static String tls(Path dir) throws Exception {
    final Path chain = Files.writeString(dir.resolve("fullchain.pem"), certificate.getCertificatePathPEM());
    final Path key = Files.writeString(dir.resolve("privkey.pem"), certificate.getPrivateKeyPEM());
    return TomlConfigs.tlsPem(chain, key) + "handshake_timeout_ms = 5000\n";
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void theGoldenExchangeWorksOverTls(IoTransportChoice transport, LoopbackFamily family, @TempDir Path dir) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    family.assumeAvailable();
    final WsConfig config = TestTrackers.config(transport, tls(dir));
    try (WsTracker tracker = TestTrackers.start(config);
        WsTestClient a = WsTestClient.connectTls(family.of(tracker), clientTls);
        WsTestClient b = WsTestClient.connectTls(family.of(tracker), clientTls)) {
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
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void plainWebSocketsAreRefusedAndReloadReReadsTheCertificate(IoTransportChoice transport, @TempDir Path dir)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    final WsConfig config = TestTrackers.config(transport, tls(dir));
    try (WsTracker tracker = TestTrackers.start(config)) {
      assertThatThrownBy(() -> WsTestClient.connect(LoopbackFamily.IPV4.of(tracker)).close())
          .isInstanceOf(Exception.class);
      tracker.runtime().reload(); // what SIGUSR1 does
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_tls_certificate_reloads_total", "result", "success"))
          .isEqualTo(1);
      try (WsTestClient client = WsTestClient.connectTls(LoopbackFamily.IPV4.of(tracker), clientTls)) {
        client.send(Messages.scrape(IH));
        client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
    }
  }

  @Test
  void aClientThatReconnectsResumesItsTlsSession(@TempDir Path dir) throws Exception {
    final WsConfig config = TestTrackers.config(tls(dir));
    final SSLContext client = SSLContext.getInstance("TLS"); // one client session cache
    client.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
    try (WsTracker tracker = TestTrackers.start(config)) {
      for (int i = 0; i < 3; i++) {
        try (WsTestClient ws = WsTestClient.connectTls(LoopbackFamily.IPV4.of(tracker), client)) {
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

  /** {@code [network.tls]} with a PKCS#12 identity. */
  private static String pkcs12(Path file, String password) {
    return TomlConfigs.tlsPkcs12(file, password) + "handshake_timeout_ms = 5000\n";
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void servesAPkcs12IdentityAndAReloadWithAWrongPasswordKeepsIt(IoTransportChoice transport, @TempDir Path dir)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    final Path pfx = dir.resolve("identity.pfx");
    Pkcs12Export.export(
        certificate.getCertificatePEM(), certificate.getCertificatePathPEM(), certificate.getPrivateKeyPEM(), "s3cret", pfx);
    final WsConfig config = TestTrackers.config(transport, pkcs12(pfx, "s3cret"));
    try (WsTracker tracker = TestTrackers.start(config)) {
      try (WsTestClient client = WsTestClient.connectTls(LoopbackFamily.IPV4.of(tracker), clientTls)) {
        client.send(Messages.scrape(IH));
        client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
      Pkcs12Export.export(
          certificate.getCertificatePEM(), certificate.getCertificatePathPEM(), certificate.getPrivateKeyPEM(), "other", pfx);
      tracker.runtime().reload(); // what SIGUSR1 does
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_tls_certificate_reloads_total", "result", "failure"))
          .isEqualTo(1);
      try (WsTestClient client = WsTestClient.connectTls(LoopbackFamily.IPV4.of(tracker), clientTls)) {
        client.send(Messages.scrape(IH));
        client.next(TrackerMessageKind.SCRAPE_RESPONSE);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transports")
  void aWrongPkcs12PasswordOrABrokenFileStopsStartUpNamingTheKey(IoTransportChoice transport, @TempDir Path dir)
      throws Exception {
    TransportMatrix.assumeAvailable(transport);
    final Path pfx = dir.resolve("identity.pfx");
    Pkcs12Export.export(
        certificate.getCertificatePEM(), certificate.getCertificatePathPEM(), certificate.getPrivateKeyPEM(), "s3cret", pfx);
    final WsConfig wrongPassword = TestTrackers.config(transport, pkcs12(pfx, "guess"));
    assertThatThrownBy(() -> TestTrackers.start(wrongPassword))
        .hasMessage("network.tls.tls_pkcs12_password: the password does not open " + pfx);
    final Path broken = Files.writeString(dir.resolve("broken.pfx"), certificate.getCertificatePEM());
    final WsConfig brokenFile = TestTrackers.config(transport, pkcs12(broken, "s3cret"));
    assertThatThrownBy(() -> TestTrackers.start(brokenFile))
        .hasMessageStartingWith("network.tls.tls_pkcs12_path: " + broken + " is not a readable PKCS#12 file");
  }
}
