package org.aquaticjava.cli.e2e;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything one client of a transfer is started with. Immutable.
 *
 * @param role seeder (has the data in {@code dataDir}) or leecher (downloads into it)
 * @param torrent the private {@code .torrent} file, announcing to the tracker under test
 * @param infoHash the torrent's info hash (40 lower-case hex)
 * @param protocol the tracker's protocol (aria2c needs its DHT socket for {@code udp://})
 * @param dataDir where the payload is (seeder) or goes (leecher)
 * @param workDir the client's own directory for configuration, state and logs (its HOME)
 * @param address the loopback address the client binds everything to: its own 127.0.0.N, or
 *     {@code ::1} for IPv6 (then a control interface, if any, listens on {@code controlAddress})
 * @param controlAddress an IPv4 loopback address of this client alone, for its control interface
 *     (RPC, Web UI); the same as {@code address} for IPv4
 * @param caCertificate the test CA for an {@code https://} tracker
 */
record ClientSetup(
    Role role,
    Path torrent,
    String infoHash,
    TrackerProtocol protocol,
    Path dataDir,
    Path workDir,
    InetAddress address,
    InetAddress controlAddress,
    Optional<Path> caCertificate) {

  /** What the client does with the torrent. */
  enum Role {
    SEEDER,
    LEECHER
  }

  boolean seeder() {
    return role == Role.SEEDER;
  }

  boolean ipv6() {
    return address.getAddress().length == 16;
  }

  /** The address as a literal for configuration files ({@code 127.0.0.5}, {@code ::1}). */
  String addressLiteral() {
    return address.getHostAddress();
  }

  /** The control address as a literal. */
  String controlLiteral() {
    return controlAddress.getHostAddress();
  }
}
