package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * rtorrent as one client of a transfer: headless ({@code system.daemon}), with a generated
 * configuration that binds it to its own loopback address, turns DHT and PEX off, trusts the test
 * CA ({@code network.http.cacert}), loads the torrent and re-announces every 5 s. Completion is
 * the file its {@code event.download.finished} handler touches. IPv4 only (libtorrent 0.13.8).
 * On SIGTERM it sends its "stopped" announces and exits.
 */
final class RtorrentClient extends ProcessClient {
  private final Path finished;
  private final Path log;

  private RtorrentClient(ClientProcess process, Path finished, Path log) {
    super(ClientFamily.RTORRENT, process);
    this.finished = finished;
    this.log = log;
  }

  static TorrentClient start(ClientSetup setup) throws IOException {
    if (setup.ipv6()) {
      throw new IllegalArgumentException("rtorrent 0.9.8 cannot use IPv6");
    }
    final Path work = setup.workDir();
    final Path session = Files.createDirectories(work.resolve("session"));
    final Path finished = work.resolve("download-finished");
    final Path log = work.resolve("rtorrent.log");
    final int port = LoopbackHosts.freeTcpAndUdpPort(setup.address());
    final String address = setup.addressLiteral();
    final String cacert =
        setup
            .caCertificate()
            .map(ca -> "network.http.cacert.set = \"" + ca + "\"\n")
            .orElse("");
    final Path rc = work.resolve("rtorrent.rc");
    Files.writeString(
        rc,
        """
        directory.default.set = "%s"
        session.path.set = "%s"
        network.port_range.set = %d-%d
        network.port_random.set = no
        network.bind_address.set = %s
        network.local_address.set = %s
        dht.mode.set = disable
        protocol.pex.set = no
        trackers.use_udp.set = yes
        system.daemon.set = true
        %slog.open_file = "log", "%s"
        log.add_output = "info", "log"
        log.add_output = "tracker_debug", "log"
        method.set_key = event.download.finished, e2e_finished, "execute.throw = touch, \\"%s\\""
        schedule2 = e2e_announce, 5, 5, "d.multicall2 = main, d.tracker_announce="
        load.start_verbose = "%s"
        """
            .formatted(
                setup.dataDir(),
                session,
                port,
                port,
                address,
                address,
                cacert,
                log,
                finished,
                setup.torrent()));
    final ClientProcess process =
        ClientProcess.start(List.of("rtorrent", "-n", "-o", "import=" + rc), work, Map.of());
    return new RtorrentClient(process, finished, log);
  }

  @Override
  public boolean complete() {
    return Files.exists(finished);
  }

  @Override
  public String diagnostics() {
    return "console:\n"
        + process.consoleTail(20)
        + "\nrtorrent.log:\n"
        + ClientProcess.tail(log, 60);
  }
}
