package org.aquaticjava.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.aquaticjava.core.config.IoTransportChoice;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.netty.DirectMemory;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.WithoutLeakDetection;
import org.aquaticjava.testkit.http.HttpTestClient;
import org.aquaticjava.testkit.http.RawHttpConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks that used to grow the process without bound, against the real server over loopback,
 * each bounded to a few seconds with a well-behaved client served beside it: the tracker's direct
 * memory (where responses wait to be sent) stays within the connections' bounds, and each bound
 * hit is counted. Without leak detection, which would slow the tracker down to a crawl under a
 * flood ({@link WithoutLeakDetection}).
 */
@ExtendWith(WithoutLeakDetection.class)
class HostileClientsIntegrationTest {
  private static final String SCRAPE =
      HttpTestClient.scrapeTarget("/scrape", List.of(Hashes.filled(0x0A)));
  private static final Duration ATTACK = Duration.ofSeconds(3);
  /**
   * Each well-behaved request may take this long: the machine running the tests may be loaded,
   * and the attackers are busy too. It is never refused or dropped.
   */
  private static final int BYSTANDER_TIMEOUT_MILLIS = 10_000;

  /**
   * Direct memory growth tolerated: 8 attackers at write_buffer_size plus the answers to one read
   * each come to well under 1 MiB; the rest is the allocator's chunk granularity (about 3.5 MiB
   * measured in all). Unbounded, the responses piled up: 35 MiB in these 3 s on a loaded machine,
   * hundreds of MiB a second on an idle one.
   */
  private static final long DIRECT_MEMORY_BOUND = 12L << 20;

  @Test
  void pipeliningClientsThatNeverReadArePausedThenClosedWhileOthersAreServed() throws Exception {
    final String limits =
        """
        [limits]
        write_buffer_size = 16384
        max_pipelined_requests = 16
        drain_timeout_ms = 1500
        # The attackers and the bystander are one source (127.0.0.1), whose request limit would
        # close the attackers before backpressure and the drain timeout, which this test is about.
        [rate_limit]
        enabled = false
        """;
    try (HttpTracker tracker =
        TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO, "", limits))) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      final byte[] burst =
          RawHttpConnection.get(SCRAPE).repeat(500).getBytes(StandardCharsets.US_ASCII);
      final long baseline = DirectMemory.used();
      final AtomicLong sent = new AtomicLong();
      final List<Socket> attackers = new ArrayList<>();
      final List<Thread> writers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          final Socket attacker = new Socket();
          attacker.setReceiveBufferSize(4096); // the kernel holds little of what we never read
          attacker.connect(address, 2_000);
          attackers.add(attacker);
          writers.add(Thread.ofPlatform().name("attacker-" + i).start(() -> flood(attacker, burst, sent)));
        }
        long peak = 0;
        int served = 0;
        final long end = System.nanoTime() + ATTACK.toNanos();
        try (RawHttpConnection client = RawHttpConnection.connect(address, BYSTANDER_TIMEOUT_MILLIS)) {
          while (System.nanoTime() - end < 0 || served < 3) {
            client.send(RawHttpConnection.get(SCRAPE));
            try {
              assertThat(client.readResponse().status()).isEqualTo(200);
            } catch (IOException e) {
              throw new AssertionError("well-behaved request " + served + " not served", e);
            }
            served++;
            peak = Math.max(peak, DirectMemory.used() - baseline);
            Thread.sleep(20);
          }
        }
        assertThat(sent.get()).as("request bytes the attackers got in").isGreaterThan(burst.length);
        assertThat(peak).as("direct memory growth in bytes").isLessThan(DIRECT_MEMORY_BOUND);
        assertThat(limit(tracker, "backpressure")).isPositive();
        // They never drain: each is closed once its drain timeout passes.
        await().atMost(Duration.ofSeconds(10)).until(() -> limit(tracker, "drain_timeout") >= 8);
      } finally {
        for (Socket attacker : attackers) {
          attacker.close(); // unblocks its writer
        }
        for (Thread writer : writers) {
          writer.join(2_000);
        }
      }
    }
  }

  @Test
  void silentConnectionsAreClosedAfterTheFirstByteTimeoutNotTheIdleTimeout() throws Exception {
    final String limits =
        """
        [limits]
        first_byte_timeout_ms = 300
        max_connections = 10
        """;
    try (HttpTracker tracker =
        TestTrackers.start(TestTrackers.config(IoTransportChoice.AUTO, "", limits))) {
      final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
      final List<Socket> silent = new ArrayList<>();
      try {
        for (int i = 0; i < 10; i++) {
          final Socket socket = new Socket();
          socket.connect(address, 2_000);
          silent.add(socket);
        }
        // Every slot is held now; within the first-byte timeout they are given back.
        await()
            .atMost(Duration.ofSeconds(3))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> {
              try (RawHttpConnection client = RawHttpConnection.connect(address, 1_000)) {
                client.send(RawHttpConnection.get(SCRAPE));
                return client.readResponse().status() == 200;
              }
            });
        assertThat(limit(tracker, "first_byte_timeout")).isEqualTo(10);
        for (Socket socket : silent) {
          socket.setSoTimeout(1_000);
          assertThat(socket.getInputStream().read()).as("closed by the tracker").isEqualTo(-1);
        }
      } finally {
        for (Socket socket : silent) {
          socket.close();
        }
      }
    }
  }

  private static void flood(Socket attacker, byte[] burst, AtomicLong sent) {
    try {
      final OutputStream out = attacker.getOutputStream();
      while (true) {
        out.write(burst); // blocks once the tracker stops reading
        sent.addAndGet(burst.length);
      }
    } catch (IOException closed) {
      // closed by the tracker or by the test
    }
  }

  private static double limit(HttpTracker tracker, String reason) {
    return MetricValues.sum(tracker.runtime().metrics(), "aquatic_http_limits_hit_total", "reason", reason);
  }
}
