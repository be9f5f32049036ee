package org.aquaticjava.ws;

import static org.aquaticjava.ws.Messages.announce;
import static org.aquaticjava.ws.Messages.infoHash;
import static org.aquaticjava.ws.Messages.peer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.aquaticjava.netty.DirectMemory;
import org.aquaticjava.testkit.LoopbackFamily;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.WithoutLeakDetection;
import org.aquaticjava.ws.protocol.AnnounceEvent;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks that used to grow the process by gigabytes, against the real server over loopback, each
 * for a few seconds beside a well-behaved client that announces throughout: the tracker's direct
 * memory (where frames wait to be sent) stays within the connections' bounds, the well-behaved
 * client is answered every time, and the bound hit is counted. Without leak detection, which would
 * slow the tracker to a crawl under a flood ({@link WithoutLeakDetection}).
 */
@ExtendWith(WithoutLeakDetection.class)
class HostileClientsIntegrationTest {
  private static final Duration ATTACK = Duration.ofSeconds(3);
  /**
   * Direct memory growth tolerated: each attacker may hold write_buffer_size (16 KiB) and
   * max_queued_messages; the rest is the allocator's chunk granularity: each of the 2 socket
   * workers' arenas may open up to 2 fresh 4 MiB chunks for the attack's writes (15.7 MiB was
   * seen once on a loaded CI machine), plus 4 MiB for the test's own client. Unbounded, pongs and
   * responses piled up at hundreds of MiB a second.
   */
  private static final long DIRECT_MEMORY_BOUND = (2 * 2 * 4L + 4) << 20;

  /** What the frames queued for one slow reader may pin: the allocator's chunks (see below). */
  private static final long PINNED_CHUNKS_PER_SLOW_READER = 6L << 20;

  private static WsConfig bounded() {
    return TestTrackers.config(
            """
            [network]
            socket_send_buffer_size = 4096
            [limits]
            max_messages_per_second = 50
            message_burst = 100
            write_buffer_size = 16384
            max_queued_messages = 16
            send_timeout = 1
            """);
  }

  @Test
  void pingFloodersThatNeverReadThePongsAreRateLimitedAndBounded() throws Exception {
    try (WsTracker tracker = TestTrackers.start(bounded())) {
      final byte[] ping = new byte[125];
      final long peak = attack(tracker, 4, () -> true, attacker -> {
        while (true) {
          attacker.sendFrame(0x9, true, ping);
        }
      });
      assertThat(peak).as("direct memory growth in bytes").isLessThan(DIRECT_MEMORY_BOUND);
      assertThat(limit(tracker, "message_rate")).as("pings over the message rate").isPositive();
    }
  }

  @Test
  void announcersThatNeverReadAreBoundedAndClosedAfterTheSendTimeout() throws Exception {
    try (WsTracker tracker = TestTrackers.start(bounded())) {
      final long peak = attack(tracker, 16, () -> limit(tracker, "send_timeout") > 0, attacker -> {
        final byte[] peer = peer(100 + attacker.hashCode() % 100);
        while (true) {
          attacker.sendText(announce(infoHash(7), peer, AnnounceEvent.UPDATE, 1000, Messages.offers(0, 5)));
        }
      });
      // Known gap: the frames queued for each slow reader pin the allocator's chunks they sit in,
      // 2 to 4.5 MiB per connection measured (33 to 70 MiB for these 16), until send_timeout
      // closes it: bounded per connection by the chunk size, not by write_buffer_size.
      assertThat(peak)
          .as("direct memory growth in bytes")
          .isLessThan(DIRECT_MEMORY_BOUND + 16 * PINNED_CHUNKS_PER_SLOW_READER);
      assertThat(limit(tracker, "send_timeout")).as("slow readers closed").isPositive();
    }
  }

  /** What one attacking connection does after its handshake, until its socket fails. */
  private interface Attack {
    void run(RawWsClient attacker) throws IOException;
  }

  /**
   * Runs {@code attackers} connections doing {@code attack} for {@link #ATTACK}, and then until
   * {@code done} holds (at most {@link #ATTACK} more), while a well-behaved client announces and
   * must be answered each time.
   *
   * @return the peak growth of direct memory meanwhile
   */
  private static long attack(
      WsTracker tracker, int attackers, BooleanSupplier done, Attack attack) throws Exception {
    final InetSocketAddress address = LoopbackFamily.IPV4.of(tracker);
    final List<RawWsClient> clients = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    long baseline = 0;
    long peak = 0;
    try (WsTestClient client = WsTestClient.connect(address)) {
      for (int i = 0; i < attackers; i++) {
        final RawWsClient attacker = RawWsClient.connect(address, 4096);
        clients.add(attacker);
        assertThat(attacker.handshake("/")).startsWith("HTTP/1.1 101");
      }
      // From here on: the connections' setup (the allocator's first chunks for each loop, tens
      // of MiB at first use) is not what the attack costs.
      client.send(announce(infoHash(1), peer(1), 0));
      client.next(TrackerMessageKind.ANNOUNCE_RESPONSE);
      baseline = DirectMemory.used();
      for (RawWsClient attacker : clients) {
        threads.add(Thread.ofPlatform().name("attacker-" + threads.size()).start(() -> {
          try {
            attack.run(attacker);
          } catch (IOException closed) {
            // closed by the tracker or by the test
          }
        }));
      }
      final long end = System.nanoTime() + ATTACK.toNanos();
      final long latest = end + ATTACK.toNanos();
      int served = 0;
      while (System.nanoTime() - end < 0
          || served < 3
          || (!done.getAsBoolean() && System.nanoTime() - latest < 0)) {
        client.send(announce(infoHash(1), peer(1), 0));
        assertThat(client.next(TrackerMessageKind.ANNOUNCE_RESPONSE)).isNotNull();
        served++;
        peak = Math.max(peak, DirectMemory.used() - baseline);
        Thread.sleep(50);
      }
    } finally {
      for (RawWsClient attacker : clients) {
        attacker.close();
      }
      for (Thread thread : threads) {
        thread.join(2_000);
      }
    }
    return peak;
  }

  private static double limit(WsTracker tracker, String limit) {
    return MetricValues.sum(tracker.runtime().metrics(), "aquatic_ws_limits_hit_total", "limit", limit);
  }
}
