package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * transmission-daemon as one client of a transfer, with a generated {@code settings.json} in its
 * own configuration directory and its RPC on its own loopback address (no authentication, which
 * is safe there), driven by {@code transmission-remote}. An {@code https://} tracker's test CA is
 * trusted through {@code CURL_CA_BUNDLE} (Transmission announces over libcurl).
 *
 * <p>Transmission never dials loopback peers it learns from a tracker ({@link
 * ClientFamily#dialsLoopbackPeers()}); it accepts their connections.
 */
final class TransmissionClient extends ProcessClient {
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final String rpc;
  private final String infoHash;
  private final Path log;

  private TransmissionClient(ClientProcess process, String rpc, String infoHash, Path log) {
    super(ClientFamily.TRANSMISSION, process);
    this.rpc = rpc;
    this.infoHash = infoHash;
    this.log = log;
  }

  static TorrentClient start(ClientSetup setup) throws IOException, InterruptedException {
    final Path work = setup.workDir();
    final Path config = Files.createDirectories(work.resolve("config"));
    final int rpcPort = LoopbackHosts.freeTcpPort(setup.controlAddress());
    final int peerPort = LoopbackHosts.freeTcpAndUdpPort(setup.address());
    Files.writeString(
        config.resolve("settings.json"),
        """
        {
          "dht-enabled": false,
          "pex-enabled": false,
          "lpd-enabled": false,
          "utp-enabled": false,
          "port-forwarding-enabled": false,
          "blocklist-enabled": false,
          "rpc-enabled": true,
          "rpc-bind-address": "%s",
          "rpc-port": %d,
          "rpc-authentication-required": false,
          "rpc-whitelist-enabled": false,
          "rpc-host-whitelist-enabled": false,
          "peer-port": %d,
          "peer-port-random-on-start": false,
          "bind-address-ipv4": "%s",
          "bind-address-ipv6": "::1",
          "download-dir": "%s",
          "incomplete-dir-enabled": false,
          "watch-dir-enabled": false,
          "start-added-torrents": true,
          "ratio-limit-enabled": false,
          "idle-seeding-limit-enabled": false,
          "speed-limit-up-enabled": false,
          "speed-limit-down-enabled": false,
          "message-level": 3
        }
        """
            .formatted(
                setup.controlLiteral(),
                rpcPort,
                peerPort,
                setup.controlLiteral(),
                setup.dataDir()));
    final Path log = work.resolve("transmission.log");
    final Map<String, String> environment = new HashMap<>();
    setup.caCertificate().ifPresent(ca -> environment.put("CURL_CA_BUNDLE", ca.toString()));
    final ClientProcess process =
        ClientProcess.start(
            List.of("transmission-daemon", "-f", "-g", config.toString(), "-e", log.toString()),
            work,
            environment);
    final String rpc = setup.controlLiteral() + ":" + rpcPort;
    final TransmissionClient client = new TransmissionClient(process, rpc, setup.infoHash(), log);
    try {
      client.add(setup);
    } catch (IOException | InterruptedException | RuntimeException e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** Adds the torrent once the RPC answers (the daemon opens it a moment after it starts). */
  private void add(ClientSetup setup) throws IOException, InterruptedException {
    final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      final ClientProcess.Result added =
          remote("-a", setup.torrent().toString(), "-w", setup.dataDir().toString());
      if (added.ok() && added.output().contains("success")) {
        return;
      }
      if (!process.alive() || System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "transmission-remote could not add the torrent: " + added + "\n" + diagnostics());
      }
      Thread.sleep(200);
    }
  }

  private ClientProcess.Result remote(String... arguments)
      throws IOException, InterruptedException {
    final List<String> command = new ArrayList<>(List.of("transmission-remote", rpc));
    command.addAll(List.of(arguments));
    return ClientProcess.run(command, RPC_TIMEOUT);
  }

  @Override
  public boolean complete() throws IOException, InterruptedException {
    final ClientProcess.Result info = remote("-t", infoHash, "-i");
    return info.ok() && info.output().contains("Percent Done: 100%");
  }

  @Override
  public String diagnostics() {
    String info;
    try {
      info = remote("-t", infoHash, "-i", "-it").output();
    } catch (IOException e) {
      info = "(transmission-remote failed: " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      info = "(interrupted)";
    }
    return "transmission-remote -i -it:\n"
        + info
        + "\nconsole:\n"
        + process.consoleTail(20)
        + "\ntransmission.log:\n"
        + ClientProcess.tail(log, 40);
  }
}
