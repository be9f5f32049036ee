package org.aquaticjava.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Comparator;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.WithoutLeakDetection;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real server path, socket to socket, allocates nothing of its own per datagram it drops:
 * a flood of garbage is read by the socket worker's thread, and that thread's allocation counter
 * is read before and after. What remains per datagram is Netty's receive path (the {@code
 * DatagramPacket} and the sender's address objects, which no handler can avoid); the bound is set
 * just above it. Answered datagrams allocate their response buffer (exactly its size, from the
 * pool) and packet: bounded too.
 *
 * <p>Not a timing test: only bytes are counted. Sends a bounded number of datagrams to loopback.
 * Without leak detection, whose records of every buffer access would be measured instead.
 */
@ExtendWith(WithoutLeakDetection.class)
class ServerAllocationIntegrationTest {
  private static final int DATAGRAMS = 20_000;
  /**
   * Bytes per datagram tolerated on the socket thread: Netty's receive objects (packet, sender
   * address and its holders) measure about 150 bytes on every transport; anything of ours per
   * datagram would show on top.
   */
  private static final long DROP_BYTES_PER_DATAGRAM = 256;
  /** An answer adds its response buffer object and packet (measured about 250 bytes in all). */
  private static final long ANSWER_BYTES_PER_DATAGRAM = 384;

  static java.util.stream.Stream<IoTransportChoice> transports() {
    return TestTrackers.transports();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void dropsAndAnswersCostOnlyNettysPacketObjects(IoTransportChoice transport) throws Exception {
    TestTrackers.assumeAvailable(transport);
    final UdpConfig config =
        TestConfigs.withFamilies(TestConfigs.withWorkers(TestConfigs.loopback(transport), 1), true, false);
    try (UdpTracker tracker = TestTrackers.start(config);
        DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      final InetSocketAddress address = tracker.localAddressIpv4().orElseThrow();
      client.setSoTimeout(500);
      final byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9};
      final byte[] connect = ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(7).array();
      final byte[] reply = new byte[64];
      // Warm up both paths: class loading, the pool's first chunks, JIT.
      sendAll(client, address, garbage, DATAGRAMS);
      exchange(client, address, connect, reply, DATAGRAMS / 4);
      final Thread socketThread = socketThread();

      // The least of up to three rounds: on a loaded machine a round can run before the JIT has
      // compiled the path (allocations escape analysis would remove); ours would show in every one.
      long dropBytesPerDatagram = Long.MAX_VALUE;
      long answerBytesPerDatagram = Long.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        long requests = settledRequests(tracker);
        final long beforeDrops = allocated(socketThread);
        sendAll(client, address, garbage, DATAGRAMS);
        long served = settledRequests(tracker) - requests;
        assertThat(served).as("garbage datagrams read").isGreaterThan(DATAGRAMS / 2);
        dropBytesPerDatagram =
            Math.min(dropBytesPerDatagram, (allocated(socketThread) - beforeDrops) / served);

        requests = settledRequests(tracker);
        final long beforeAnswers = allocated(socketThread);
        exchange(client, address, connect, reply, DATAGRAMS / 4);
        served = settledRequests(tracker) - requests;
        answerBytesPerDatagram =
            Math.min(answerBytesPerDatagram, (allocated(socketThread) - beforeAnswers) / served);
        if (dropBytesPerDatagram < DROP_BYTES_PER_DATAGRAM
            && answerBytesPerDatagram < ANSWER_BYTES_PER_DATAGRAM) {
          break;
        }
      }
      assertThat(dropBytesPerDatagram)
          .as("bytes allocated per dropped datagram on %s", socketThread.getName())
          .isLessThan(DROP_BYTES_PER_DATAGRAM);
      assertThat(answerBytesPerDatagram)
          .as("bytes allocated per answered connect")
          .isLessThan(ANSWER_BYTES_PER_DATAGRAM);
    }
  }

  private static void sendAll(DatagramSocket client, InetSocketAddress to, byte[] datagram, int n)
      throws Exception {
    final DatagramPacket packet = new DatagramPacket(datagram, datagram.length, to);
    for (int i = 0; i < n; i++) {
      client.send(packet);
      if (i % 32 == 31) {
        Thread.sleep(1); // stay below the receive buffer, so nothing is lost to the kernel
      }
    }
  }

  /** Sends connects one at a time and reads each reply, so none is lost to a full buffer. */
  private static void exchange(
      DatagramSocket client, InetSocketAddress to, byte[] connect, byte[] reply, int n) throws Exception {
    final DatagramPacket out = new DatagramPacket(connect, connect.length, to);
    final DatagramPacket in = new DatagramPacket(reply, reply.length);
    for (int i = 0; i < n; i++) {
      client.send(out);
      try {
        client.receive(in);
      } catch (java.net.SocketTimeoutException lost) {
        // a datagram lost on a busy machine: go on with the next
      }
    }
  }

  /** The request count once it has stopped moving: every datagram sent so far has been read. */
  private static long settledRequests(UdpTracker tracker) {
    final long[] last = {-1};
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          final long now = (long) MetricValues.sum(tracker.runtime().metrics(), "aquatic_requests_total");
          final boolean settled = now == last[0];
          last[0] = now;
          return settled;
        });
    return last[0];
  }

  private static Thread socketThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("socket-01") && t.isAlive())
        .max(Comparator.comparingLong(Thread::threadId))
        .orElseThrow();
  }

  private static long allocated(Thread thread) {
    return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(thread.threadId());
  }
}
