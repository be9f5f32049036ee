package org.aquaticjava.http;

import org.aquaticjava.testkit.TomlConfigs;
import org.aquaticjava.testkit.TransportMatrix;
import static org.aquaticjava.http.Hashes.filled;
import static org.aquaticjava.http.Hashes.peerId;
import static org.aquaticjava.testkit.TransportMatrix.assumeAvailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.pkitesting.X509Bundle;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.http.protocol.AnnounceEvent;
import org.aquaticjava.http.protocol.AnnounceRequest;
import org.aquaticjava.http.protocol.BencodeValue;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.Pkcs12Export;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.testkit.http.RawHttpConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTPS: announces and scrapes over TLS, certificate reload with a connection open, handshakes. */
class HttpsIntegrationTest {
  private static final X509Bundle FIRST = TestCertificates.server("first");
  private static final X509Bundle SECOND = TestCertificates.server("second");

  @TempDir Path dir;

  private HttpTracker start(IoTransportChoice transport) throws Exception {
    final Path chain = dir.resolve("fullchain.pem");
    final Path key = dir.resolve("privkey.pem");
    TestCertificates.write(FIRST, chain, key);
    return TestTrackers.start(
        TestTrackers.config(transport, "", TestCertificates.tlsSection(chain, key)));
  }

  @ParameterizedTest
  @MethodSource("org.aquaticjava.testkit.TransportMatrix#transportsAndFamilies")
  void announcesAndScrapesOverHttps(IoTransportChoice transport, LoopbackFamily family) throws Exception {
    assumeAvailable(transport);
    family.assumeAvailable();
    try (HttpTracker tracker = start(transport);
        HttpTestClient client =
            HttpTestClient.https(family.of(tracker), TestCertificates.clientContext())) {
      final byte[] hash = filled(0x71);
      client.announce(AnnounceRequest.of(hash, peerId(1), 6881, AnnounceEvent.STARTED, 0));

      final BencodeValue.Dict announce =
          client.announce(AnnounceRequest.of(hash, peerId(2), 6882, AnnounceEvent.STARTED, 9)).dict();
      final BencodeValue.Dict files = client.scrape(List.of(hash)).dict().dict("files");

      assertThat(announce.integer("complete")).isEqualTo(1);
      assertThat(announce.bytes(family.peersKey())).hasSize(family.peerLength());
      assertThat(files.dict(AnnounceScrapeIntegrationTest.latin1(hash)).integer("complete"))
          .isEqualTo(1);
    }
  }

  @Test
  void reloadServesTheNewCertificateToNewConnectionsWhileOpenOnesKeepTheirs() throws Exception {
    try (HttpTracker tracker = start(IoTransportChoice.AUTO);
        RawHttpConnection open =
            RawHttpConnection.connectTls(
                LoopbackFamily.IPV4.of(tracker), 2_000, TestCertificates.clientContext())) {
      final String scrape = HttpTestClient.scrapeTarget("/scrape", List.of(filled(1)));
      open.send(RawHttpConnection.get(scrape));
      assertThat(open.readResponse().status()).isEqualTo(200);
      assertThat(open.peerCertificate()).isEqualTo(FIRST.getCertificate());

      TestCertificates.write(SECOND, dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
      tracker.runtime().reload(); // what SIGUSR1 does

      try (RawHttpConnection fresh =
          RawHttpConnection.connectTls(
              LoopbackFamily.IPV4.of(tracker), 2_000, TestCertificates.clientContext())) {
        assertThat(fresh.peerCertificate()).isEqualTo(SECOND.getCertificate());
        fresh.send(RawHttpConnection.get(scrape));
        assertThat(fresh.readResponse().status()).isEqualTo(200);
      }
      // The connection opened before the reload still works, on its first certificate.
      open.send(RawHttpConnection.get(scrape));
      assertThat(open.readResponse().status()).isEqualTo(200);
      assertThat(open.peerCertificate()).isEqualTo(FIRST.getCertificate());
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_tls_certificate_reloads_total", "result",
              "success"))
          .isEqualTo(1);
    }
  }

  @Test
  void servesAPkcs12IdentityMadeByOpensslAndReloadsItWhenTheFileChanges() throws Exception {
    final Path pfx = dir.resolve("identity.pfx");
    export(FIRST, "s3cret", pfx);
    final String tls = TomlConfigs.tlsPkcs12(pfx, "s3cret");
    try (HttpTracker tracker =
        TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO, "", tls))) {
      assertThat(certificateServed(tracker)).isEqualTo(FIRST.getCertificate());

      export(SECOND, "s3cret", pfx);
      tracker.runtime().reload(); // what SIGUSR1 (or the file watcher) does
      assertThat(certificateServed(tracker)).isEqualTo(SECOND.getCertificate());

      export(FIRST, "not the configured one", pfx);
      tracker.runtime().reload();
      assertThat(certificateServed(tracker)).as("kept after a failed reload").isEqualTo(SECOND.getCertificate());
      assertThat(MetricValues.sum(tracker.runtime().metrics(),
              "aquatic_tls_certificate_reloads_total", "result", "failure"))
          .isEqualTo(1);
    }
  }

  @Test
  void aWrongPkcs12PasswordStopsStartUpNamingTheKey() throws Exception {
    final Path pfx = dir.resolve("identity.pfx");
    export(FIRST, "s3cret", pfx);
    final String tls = TomlConfigs.tlsPkcs12(pfx, "guess");
    assertThatThrownBy(() -> TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO, "", tls)))
        .hasMessage("network.tls.tls_pkcs12_password: the password does not open " + pfx);
  }

  private static void export(X509Bundle bundle, String password, Path pfx) throws Exception {
    Pkcs12Export.export(
        bundle.getCertificatePEM(), bundle.getCertificatePathPEM(), bundle.getPrivateKeyPEM(), password, pfx);
  }

  private static java.security.cert.Certificate certificateServed(HttpTracker tracker) throws Exception {
    try (RawHttpConnection connection =
        RawHttpConnection.connectTls(LoopbackFamily.IPV4.of(tracker), 2_000, TestCertificates.clientContext())) {
      connection.send(RawHttpConnection.get(HttpTestClient.scrapeTarget("/scrape", List.of(filled(1)))));
      assertThat(connection.readResponse().status()).isEqualTo(200);
      return connection.peerCertificate();
    }
  }

  @Test
  void aClientThatReconnectsResumesItsTlsSession() throws Exception {
    try (HttpTracker tracker = start(IoTransportChoice.AUTO)) {
      final SSLContext client = TestCertificates.clientContext(); // one session cache
      final String scrape = HttpTestClient.scrapeTarget("/scrape", List.of(filled(1)));
      for (int i = 0; i < 3; i++) {
        try (RawHttpConnection connection =
            RawHttpConnection.connectTls(LoopbackFamily.IPV4.of(tracker), 2_000, client)) {
          connection.send(RawHttpConnection.get(scrape));
          assertThat(connection.readResponse().status()).isEqualTo(200);
        }
      }
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
        assertThat(handshakes(tracker, "full")).isEqualTo(1);
        assertThat(handshakes(tracker, "resumed")).isEqualTo(2);
      });
    }
  }

  private static double handshakes(HttpTracker tracker, String kind) {
    return MetricValues.sum(
        tracker.runtime().metrics(),
        "aquatic_tls_handshakes_total",
        "protocol",
        "http",
        "kind",
        kind);
  }

  @Test
  void silentClientIsClosedAtTheHandshakeTimeoutAndPlainHttpIsRefused() throws Exception {
    try (HttpTracker tracker = start(IoTransportChoice.AUTO)) {
      try (Socket silent = new Socket()) {
        silent.connect(LoopbackFamily.IPV4.of(tracker), 2_000);
        silent.setSoTimeout(3_000);
        assertThat(silent.getInputStream().read()).isEqualTo(-1); // closed after 1 s
      }
      try (RawHttpConnection plain = RawHttpConnection.connect(LoopbackFamily.IPV4.of(tracker), 2_000)) {
        plain.send(RawHttpConnection.get("/scrape"));
        assertThat(plain.closedByServer()).isTrue();
      }
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
          assertThat(MetricValues.sum(tracker.runtime().metrics(),
                  "aquatic_tls_handshake_failures_total"))
              .isEqualTo(2));
    }
  }
}
