package org.aquaticjava.benchmarks.udp;

import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.core.config.MetricsConfig;
import org.aquaticjava.udp.SwarmWorkerUdpTracker;
import org.aquaticjava.udp.UdpConfig;
import org.aquaticjava.udp.UdpTracker;

/**
 * Runs one UDP tracker design on {@code 127.0.0.1:PORT} for at most {@code MAX_SECONDS}, for the
 * load tester to saturate (scripts/compare-swarm-designs.sh):
 *
 * <pre>
 * java -cp aquatic-benchmarks/target/benchmarks.jar org.aquaticjava.benchmarks.udp.UdpServerUnderLoad \
 *     locks SOCKET_WORKERS PORT MAX_SECONDS
 * java -cp ... UdpServerUnderLoad queues SOCKET_WORKERS SWARM_WORKERS PORT MAX_SECONDS
 * </pre>
 *
 * Everything else is the default config (IPv4 only, transport auto).
 */
public final class UdpServerUnderLoad {
  private UdpServerUnderLoad() {}

  public static void main(String[] args) throws Exception {
    final boolean queues = args.length == 5 && args[0].equals("queues");
    if (!queues && !(args.length == 4 && args[0].equals("locks"))) {
      System.err.println(
          "usage: UdpServerUnderLoad locks SOCKET_WORKERS PORT MAX_SECONDS\n"
              + "       UdpServerUnderLoad queues SOCKET_WORKERS SWARM_WORKERS PORT MAX_SECONDS");
      System.exit(2);
    }
    final int socketWorkers = Integer.parseInt(args[1]);
    final int port = Integer.parseInt(args[args.length - 2]);
    final long maxSeconds = Long.parseLong(args[args.length - 1]);
    final UdpConfig d = UdpConfig.DEFAULTS;
    final UdpConfig config =
        new UdpConfig(
            socketWorkers,
            d.logLevel(),
            new UdpConfig.Network(
                true,
                false,
                "127.0.0.1:" + port,
                d.network().addressIpv6(),
                true,
                d.network().socketRecvBufferSize(),
                d.network().socketSendBufferSize(),
                IoTransportChoice.AUTO),
            d.protocol(),
            d.cleaning(),
            AccessListConfig.DEFAULTS,
            MetricsConfig.DEFAULTS);
    final UdpTracker tracker =
        queues
            ? SwarmWorkerUdpTracker.start(config, Integer.parseInt(args[2]))
            : UdpTracker.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(tracker::close, "shutdown"));
    Thread.ofPlatform()
        .daemon()
        .name("max-run-time")
        .start(
            () -> {
              try {
                TimeUnit.SECONDS.sleep(maxSeconds);
              } catch (InterruptedException e) {
                return;
              }
              tracker.close();
            });
    tracker.awaitTermination();
    System.exit(0);
  }
}
