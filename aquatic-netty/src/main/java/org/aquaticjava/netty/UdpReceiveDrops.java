package org.aquaticjava.netty;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exports the datagrams the kernel dropped because a tracker socket's receive buffer was full, as
 * {@code aquatic_udp_receive_buffer_drops_total{ip_version}}: the {@code drops} column of {@code
 * /proc/net/udp} and {@code /proc/net/udp6} summed over the sockets of this process (matched by
 * inode through {@code /proc/self/fd}) bound to one of the tracker's ports. A rising value means
 * the socket workers fall behind the packet rate: raise {@code network.socket_recv_buffer_size}
 * and the {@code net.core.rmem_max} sysctl that caps it, or add workers.
 *
 * <p>Read when the metrics are scraped, never on the hot path. Linux only: elsewhere, or without
 * {@code /proc}, nothing is registered. Thread-safe (stateless apart from the port set).
 */
public final class UdpReceiveDrops {
  private static final Path PROC_NET = Path.of("/proc/net");
  private static final Path OWN_FDS = Path.of("/proc/self/fd");
  private static final String SOCKET_LINK_PREFIX = "socket:[";
  /** Columns of a /proc/net/udp line: sl, local, remote, st, queues, tr:tm, retrnsmt, uid, timeout, inode, ref, pointer, drops. */
  private static final int LOCAL_ADDRESS_COLUMN = 1;
  private static final int INODE_COLUMN = 9;
  private static final int DROPS_COLUMN = 12;

  private final Set<Integer> ports;
  private final Path procNet;
  private final Path ownFds;

  private UdpReceiveDrops(Set<Integer> ports, Path procNet, Path ownFds) {
    this.ports = Set.copyOf(ports);
    this.procNet = procNet;
    this.ownFds = ownFds;
  }

  /**
   * Registers the counter for the sockets bound to {@code ports}, if this system has {@code
   * /proc/net/udp}.
   *
   * @return whether it was registered
   */
  public static boolean register(PrometheusRegistry registry, Set<Integer> ports) {
    if (!Files.isReadable(PROC_NET.resolve("udp"))) {
      return false;
    }
    final UdpReceiveDrops drops = new UdpReceiveDrops(ports, PROC_NET, OWN_FDS);
    CounterWithCallback.builder()
        .name("aquatic_udp_receive_buffer_drops_total")
        .help(
            "Datagrams the kernel dropped because a tracker socket's receive buffer was full"
                + " (/proc/net/udp drops); raise network.socket_recv_buffer_size and net.core.rmem_max")
        .labelNames("ip_version")
        .callback(
            cb -> {
              final Set<Long> inodes = drops.ownSocketInodes();
              cb.call(drops.drops("udp", inodes), "4");
              cb.call(drops.drops("udp6", inodes), "6");
            })
        .register(registry);
    return true;
  }

  /** Drops of this process's sockets on the tracker's ports in {@code /proc/net/<file>}. */
  long drops(String file, Set<Long> ownInodes) {
    final List<String> lines;
    try {
      lines = Files.readAllLines(procNet.resolve(file));
    } catch (IOException e) {
      return 0; // e.g. no IPv6 in this kernel
    }
    long sum = 0;
    for (int i = 1; i < lines.size(); i++) { // line 0 is the header
      final String[] columns = lines.get(i).strip().split("\\s+");
      if (columns.length <= DROPS_COLUMN) {
        continue;
      }
      final String local = columns[LOCAL_ADDRESS_COLUMN];
      final int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
      if (ports.contains(port) && ownInodes.contains(Long.parseLong(columns[INODE_COLUMN]))) {
        sum += Long.parseLong(columns[DROPS_COLUMN]);
      }
    }
    return sum;
  }

  /** Inodes of the sockets this process has open, from the {@code socket:[inode]} fd links. */
  Set<Long> ownSocketInodes() {
    final Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(ownFds)) {
      for (Path fd : fds) {
        try {
          final String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith(SOCKET_LINK_PREFIX)) {
            inodes.add(Long.parseLong(target, SOCKET_LINK_PREFIX.length(), target.length() - 1, 10));
          }
        } catch (IOException | NumberFormatException e) {
          // closed meanwhile, or not a socket
        }
      }
    } catch (IOException e) {
      return Set.of();
    }
    return inodes;
  }
}
