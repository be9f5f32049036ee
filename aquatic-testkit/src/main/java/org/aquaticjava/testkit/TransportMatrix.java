package org.aquaticjava.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.netty.IoTransport;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The permutations integration tests run the real server under: every concrete I/O transport,
 * alone or with every loopback family, for {@code @MethodSource}
 * ("org.aquaticjava.testkit.TransportMatrix#transports"). A transport this machine cannot run is
 * still listed, so the test that gets it skips with the reason ({@link #assumeAvailable}) instead
 * of passing on a transport it never ran on.
 */
public final class TransportMatrix {
  private TransportMatrix() {}

  /** io_uring, epoll and NIO, as config choices. */
  public static Stream<IoTransportChoice> transports() {
    return Stream.of(IoTransportChoice.IO_URING, IoTransportChoice.EPOLL, IoTransportChoice.NIO);
  }

  /** Every transport with every {@link LoopbackFamily}. */
  public static Stream<Arguments> transportsAndFamilies() {
    return transports()
        .flatMap(t -> Stream.of(LoopbackFamily.values()).map(f -> Arguments.of(t, f)));
  }

  /** Skips the running test, with the reason, when {@code choice} cannot run here. */
  public static void assumeAvailable(IoTransportChoice choice) {
    if (choice == IoTransportChoice.AUTO) {
      return;
    }
    final IoTransport transport = IoTransport.valueOf(choice.name());
    assumeTrue(
        transport.isAvailable(),
        () -> transport.label() + " unavailable here: " + transport.unavailabilityCause());
  }
}
