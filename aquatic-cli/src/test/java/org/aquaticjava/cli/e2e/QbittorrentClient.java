package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * qbittorrent-nox as one client of a transfer, with a temporary profile ({@code --profile}) whose
 * generated {@code qBittorrent.conf} accepts the legal notice, binds the session to the client's
 * own loopback address, turns DHT, PEX, LSD, UPnP/NAT-PMP and the peer-country (geolocation)
 * lookup off, and opens the Web UI API on the control address without a login (localhost
 * authentication off). The torrent is given on the command line. An {@code https://} tracker's
 * test CA is trusted through {@code SSL_CERT_FILE} (OpenSSL's default verify path).
 *
 * <p>Completion is the API's {@code progress} of 1. Stopping goes through {@code
 * /api/v2/app/shutdown} first (qBittorrent may ignore SIGTERM), then by PID.
 */
final class QbittorrentClient extends ProcessClient {
  private static final Duration API_TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern PROGRESS = Pattern.compile("\"progress\":([0-9.eE+-]+)");

  private final URI api;
  private final String infoHash;
  private final Path logDir;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(API_TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  private QbittorrentClient(ClientProcess process, URI api, String infoHash, Path logDir) {
    super(ClientFamily.QBITTORRENT, process);
    this.api = api;
    this.infoHash = infoHash;
    this.logDir = logDir;
  }

  static TorrentClient start(ClientSetup setup) throws IOException {
    final Path work = setup.workDir();
    final Path profile = work.resolve("profile");
    final Path config = Files.createDirectories(profile.resolve("qBittorrent/config"));
    final Path logDir = Files.createDirectories(work.resolve("log"));
    final int peerPort = LoopbackHosts.freeTcpAndUdpPort(setup.address());
    final int webPort = LoopbackHosts.freeTcpPort(setup.controlAddress());
    // Qt settings syntax: backslashes separate key groups.
    Files.writeString(
        config.resolve("qBittorrent.conf"),
        """
        [LegalNotice]
        Accepted=true

        [Application]
        FileLogger\\Enabled=true
        FileLogger\\Path=%s
        FileLogger\\Backup=false

        [BitTorrent]
        Session\\DHTEnabled=false
        Session\\PeXEnabled=false
        Session\\LSDEnabled=false
        Session\\Port=%d
        Session\\InterfaceAddress=%s
        Session\\QueueingSystemEnabled=false
        Session\\GlobalMaxRatio=-1
        Session\\AnonymousModeEnabled=false
        Session\\SSRFMitigation=false
        Session\\ValidateHTTPSTrackerCertificate=true
        Session\\BTProtocol=TCP
        Session\\DefaultSavePath=%s
        Session\\TempPathEnabled=false
        Session\\AddTorrentPaused=false

        [Network]
        PortForwardingEnabled=false

        [Preferences]
        Connection\\UPnP=false
        Connection\\ResolvePeerCountries=false
        General\\Locale=en
        WebUI\\Enabled=true
        WebUI\\Address=%s
        WebUI\\Port=%d
        WebUI\\LocalHostAuth=false
        WebUI\\CSRFProtection=false
        WebUI\\HostHeaderValidation=false
        WebUI\\ClickjackingProtection=false
        """
            .formatted(
                logDir,
                peerPort,
                setup.addressLiteral(),
                setup.dataDir(),
                setup.controlLiteral(),
                webPort));
    final Map<String, String> environment = new HashMap<>();
    setup.caCertificate().ifPresent(ca -> environment.put("SSL_CERT_FILE", ca.toString()));
    final ClientProcess process =
        ClientProcess.start(
            List.of(
                "qbittorrent-nox",
                "--profile=" + profile,
                "--save-path=" + setup.dataDir(),
                setup.torrent().toString()),
            work,
            environment);
    final URI api = URI.create("http://" + setup.controlLiteral() + ":" + webPort + "/api/v2/");
    return new QbittorrentClient(process, api, setup.infoHash(), logDir);
  }

  @Override
  public boolean complete() throws IOException, InterruptedException {
    final Matcher progress;
    try {
      progress = PROGRESS.matcher(get("torrents/info?hashes=" + infoHash));
    } catch (IOException e) {
      return false; // the Web UI is not up yet
    }
    return progress.find() && Double.parseDouble(progress.group(1)) >= 1.0;
  }

  private String get(String path) throws IOException, InterruptedException {
    final HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(api.resolve(path)).timeout(API_TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode());
    }
    return response.body();
  }

  @Override
  public String diagnostics() {
    String state;
    try {
      state =
          get("torrents/info?hashes=" + infoHash)
              + "\n"
              + get("torrents/trackers?hash=" + infoHash);
    } catch (IOException e) {
      state = "(Web UI API: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state = "(interrupted)";
    }
    return "API:\n"
        + state
        + "\nconsole:\n"
        + process.consoleTail(20)
        + "\nqbittorrent.log:\n"
        + ClientProcess.tail(logDir.resolve("qbittorrent.log"), 40);
  }

  @Override
  public void close() {
    try {
      http.send(
          HttpRequest.newBuilder(api.resolve("app/shutdown"))
              .timeout(API_TIMEOUT)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
      process.awaitExit(Duration.ofSeconds(10));
    } catch (IOException e) {
      // the API is down: stop it by PID below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      super.close();
      http.close();
    }
  }
}
