package org.aquaticjava.udp;

import org.aquaticjava.testkit.TransportMatrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.ThreadMXBean;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.netty.DatagramBatching;
import org.aquaticjava.netty.IoTransport;
import org.aquaticjava.netty.IoTransports;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.RateLimits;
import org.aquaticjava.testkit.WithoutLeakDetection;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real server path, socket to socket, allocates nothing of its own per datagram it drops:
 * a flood of garbage is read by the socket worker's thread, and that thread's allocation counter
 * is read before and after. What Netty's receive path allocates per datagram (the {@code
 * DatagramPacket}, the sender's address objects, and on io_uring the submission's {@code
 * IoUringIoOps}) differs by transport and by what the JIT has compiled in this JVM: measured here
 * from 150 to 380 bytes, the upper figure once other tests have made Netty's call sites
 * polymorphic, so escape analysis no longer removes it. So the same flood is also sent to a bare
 * Netty channel of the same transport, options and JIT state, whose handler only releases the
 * packet; the tracker may allocate at most {@link #DROP_BYTES_OF_OURS} more per datagram than that.
 * Answered datagrams are compared the same way with the bare channel echoing a reply of the same
 * size, written during the read and flushed when the read batch completes, as the tracker does. On
 * io_uring Netty's cost per answer then reaches 4.9 KB (an {@code IoUringIoOps} for each of the
 * batch's 64 receive submissions, re-armed per wake-up) once escape analysis is off.
 *
 * <p>Not a timing test: only bytes are counted. Sends a bounded number of datagrams to loopback.
 * Without leak detection, whose records of every buffer access would be measured instead.
 */
@ExtendWith(WithoutLeakDetection.class)
class ServerAllocationIntegrationTest {
  private static final int DATAGRAMS = 20_000;
  /**
   * Bytes per dropped datagram the tracker may allocate beyond the bare Netty channel: room for
   * measurement noise (a TLAB refill, a timer task), far below any object of ours per datagram.
   */
  private static final long DROP_BYTES_OF_OURS = 24;
  /**
   * Bytes per answered connect the tracker may allocate beyond the bare channel's echo: the
   * tracker's reply is 16 bytes like the echo, so only noise should be left.
   */
  private static final long ANSWER_BYTES_OF_OURS = 48;
  private static final int CONNECT_LENGTH = 16;

  static java.util.stream.Stream<IoTransportChoice> transports() {
    return TransportMatrix.transports();
  }

  @ParameterizedTest
  @MethodSource("transports")
  void dropsAndAnswersCostOnlyNettysPacketObjects(IoTransportChoice transport) throws Exception {
    TransportMatrix.assumeAvailable(transport);
    // Thousands of datagrams from one socket, garbage among them: per-source limits would drop
    // the connects and ban the socket, so they are off for this allocation test.
    final UdpConfig config =
        TestTrackers.config(
            transport, "socket_workers = 1\n[network]\nuse_ipv6 = false\n" + RateLimits.OFF_TOML);
    try (UdpTracker tracker = TestTrackers.start(config);
        DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      final InetSocketAddress address = tracker.localAddressIpv4().orElseThrow();
      client.setSoTimeout(500);
      final byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8, 9};
      final byte[] connect = ByteBuffer.allocate(CONNECT_LENGTH).putLong(0x41727101980L).putInt(0).putInt(7).array();
      final byte[] reply = new byte[64];
      // Warm up both paths: class loading, the pool's first chunks, JIT.
      sendAll(client, address, garbage, DATAGRAMS);
      exchange(client, address, connect, reply, DATAGRAMS / 4);
      final Thread socketThread = socketThread();

      try (BareReceiver bare = BareReceiver.start(transport)) {
        sendAll(client, bare.address, garbage, DATAGRAMS); // warm up its handler too

        // The least of up to three rounds: on a loaded machine a round can run before the JIT has
        // compiled the path (allocations escape analysis would remove); ours would show in every one.
        long dropBytesPerDatagram = Long.MAX_VALUE;
        long bareBytesPerDatagram = Long.MAX_VALUE;
        long answerBytesPerDatagram = Long.MAX_VALUE;
        long bareAnswerBytesPerDatagram = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
          long requests = settledRequests(tracker);
          final long beforeDrops = allocated(socketThread);
          sendAll(client, address, garbage, DATAGRAMS);
          long served = settledRequests(tracker) - requests;
          assertThat(served).as("garbage datagrams read").isGreaterThan(DATAGRAMS / 2);
          dropBytesPerDatagram =
              Math.min(dropBytesPerDatagram, (allocated(socketThread) - beforeDrops) / served);

          final long bareRead = bare.settledReads();
          final long beforeBare = allocated(bare.thread());
          sendAll(client, bare.address, garbage, DATAGRAMS);
          final long bareServed = bare.settledReads() - bareRead;
          assertThat(bareServed).as("garbage datagrams read by the bare channel").isGreaterThan(DATAGRAMS / 2);
          bareBytesPerDatagram =
              Math.min(bareBytesPerDatagram, (allocated(bare.thread()) - beforeBare) / bareServed);

          requests = settledRequests(tracker);
          final long beforeAnswers = allocated(socketThread);
          exchange(client, address, connect, reply, DATAGRAMS / 4);
          served = settledRequests(tracker) - requests;
          answerBytesPerDatagram =
              Math.min(answerBytesPerDatagram, (allocated(socketThread) - beforeAnswers) / served);

          final long bareAnswered = bare.settledReads();
          final long beforeBareAnswers = allocated(bare.thread());
          exchange(client, bare.address, connect, reply, DATAGRAMS / 4);
          bareAnswerBytesPerDatagram =
              Math.min(
                  bareAnswerBytesPerDatagram,
                  (allocated(bare.thread()) - beforeBareAnswers) / (bare.settledReads() - bareAnswered));
          if (dropBytesPerDatagram <= bareBytesPerDatagram + DROP_BYTES_OF_OURS
              && answerBytesPerDatagram <= bareAnswerBytesPerDatagram + ANSWER_BYTES_OF_OURS) {
            break;
          }
        }
        assertThat(dropBytesPerDatagram)
            .as(
                "bytes allocated per dropped datagram on %s (a bare %s channel: %d)",
                socketThread.getName(), transport, bareBytesPerDatagram)
            .isLessThanOrEqualTo(bareBytesPerDatagram + DROP_BYTES_OF_OURS);
        assertThat(answerBytesPerDatagram)
            .as("bytes allocated per answered connect (a bare %s channel echoing: %d)", transport, bareAnswerBytesPerDatagram)
            .isLessThanOrEqualTo(bareAnswerBytesPerDatagram + ANSWER_BYTES_OF_OURS);
      }
    }
  }

  /**
   * A datagram channel as the tracker's socket workers make it (transport, family, batching),
   * whose only handler counts and releases what it reads and echoes connect-sized datagrams:
   * Netty's own cost per datagram dropped and per datagram answered.
   */
  private static final class BareReceiver implements AutoCloseable {
    private final EventLoopGroup group;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicReference<Thread> thread = new AtomicReference<>();
    private final InetSocketAddress address;

    private BareReceiver(IoTransport transport) throws InterruptedException {
      group = transport.newEventLoopGroup(1, r -> new Thread(r, "bare-receiver"));
      final Bootstrap bootstrap =
          new Bootstrap()
              .group(group)
              .channelFactory(transport.datagramChannelFactory(false))
              .handler(
                  new SimpleChannelInboundHandler<io.netty.channel.socket.DatagramPacket>() {
                    @Override
                    protected void channelRead0(
                        ChannelHandlerContext ctx, io.netty.channel.socket.DatagramPacket packet) {
                      thread.compareAndSet(null, Thread.currentThread());
                      reads.incrementAndGet();
                      if (packet.content().readableBytes() == CONNECT_LENGTH) {
                        // answered as the tracker answers a connect: a pooled buffer, one packet
                        final ByteBuf reply = ctx.alloc().directBuffer(CONNECT_LENGTH);
                        reply.writeBytes(packet.content(), 0, CONNECT_LENGTH);
                        ctx.write(
                            new io.netty.channel.socket.DatagramPacket(reply, packet.sender()),
                            ctx.voidPromise());
                      }
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                      ctx.flush();
                    }
                  });
      DatagramBatching.apply(bootstrap, transport, DatagramBatching.DEFAULT_MAX_PAYLOAD);
      address =
          (InetSocketAddress)
              bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel().localAddress();
    }

    static BareReceiver start(IoTransportChoice choice) throws InterruptedException {
      return new BareReceiver(IoTransports.select(choice));
    }

    Thread thread() {
      return thread.get();
    }

    /** The read count once it has stopped moving. */
    long settledReads() {
      return settled(reads::get);
    }

    @Override
    public void close() {
      group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
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
    return settled(() -> (long) MetricValues.sum(tracker.runtime().metrics(), "aquatic_requests_total"));
  }

  /** The counter's value once two readings 100 ms apart agree. */
  private static long settled(java.util.function.LongSupplier counter) {
    final long[] last = {-1};
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          final long now = counter.getAsLong();
          final boolean settled = now == last[0];
          last[0] = now;
          return settled;
        });
    return last[0];
  }

  private static Thread socketThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("udp-socket-01") && t.isAlive())
        .max(Comparator.comparingLong(Thread::threadId))
        .orElseThrow();
  }

  private static long allocated(Thread thread) {
    return ((ThreadMXBean) ManagementFactory.getThreadMXBean()).getThreadAllocatedBytes(thread.threadId());
  }
}
