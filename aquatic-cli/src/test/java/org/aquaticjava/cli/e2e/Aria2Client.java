package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * aria2c as one client of a transfer. A leecher runs with {@code --seed-time=0}, so it exits with
 * status 0 exactly when it has downloaded and checked every piece. For a {@code udp://} tracker
 * DHT is on, because aria2c sends UDP tracker requests only through its DHT socket, but it starts
 * with an empty routing table and no entry point and the torrent is private (BEP 27), so aria2c
 * never finds peers through DHT. It re-announces every 5 s.
 */
final class Aria2Client extends ProcessClient {
  private final Path log;

  private Aria2Client(ClientProcess process, Path log) {
    super(ClientFamily.ARIA2, process);
    this.log = log;
  }

  static TorrentClient start(ClientSetup setup) throws IOException {
    final Path work = setup.workDir();
    final Path log = work.resolve("aria2.log");
    final boolean udp = setup.protocol() == TrackerProtocol.UDP;
    final int port = LoopbackHosts.freeTcpAndUdpPort(setup.address());
    final List<String> command =
        new ArrayList<>(
            List.of(
                "aria2c",
                "--no-conf=true",
                "--interface=" + setup.addressLiteral(),
                "--disable-ipv6=" + !setup.ipv6(),
                "--listen-port=" + port,
                "--enable-dht=" + (udp && !setup.ipv6()),
                "--enable-dht6=false",
                "--dht-listen-port=" + LoopbackHosts.freeTcpAndUdpPort(setup.address()),
                "--dht-file-path=" + work.resolve("dht.dat"),
                "--dht-file-path6=" + work.resolve("dht6.dat"),
                "--enable-peer-exchange=false",
                "--bt-enable-lpd=false",
                "--bt-tracker-interval=5",
                "--bt-tracker-connect-timeout=5",
                "--bt-tracker-timeout=5",
                "--file-allocation=none",
                "--auto-file-renaming=false",
                "--allow-overwrite=true",
                "--summary-interval=0",
                "--enable-color=false",
                "--console-log-level=warn",
                "--log=" + log,
                "--log-level=info",
                // a hard upper bound of its own, should the test's stop never come
                "--stop=300",
                "--dir=" + setup.dataDir()));
    setup.caCertificate().ifPresent(ca -> command.add("--ca-certificate=" + ca));
    if (setup.seeder()) {
      command.addAll(List.of("--check-integrity=true", "--seed-ratio=0.0"));
    } else {
      command.add("--seed-time=0");
    }
    command.add(setup.torrent().toString());
    return new Aria2Client(ClientProcess.start(command, work, Map.of()), log);
  }

  @Override
  public boolean complete() {
    return process.exitedSuccessfully();
  }

  @Override
  public String diagnostics() {
    return "console:\n" + process.consoleTail(20) + "\naria2.log:\n" + ClientProcess.tail(log, 40);
  }
}
