package org.aquaticjava.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.swarm.AnnounceRequest;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmShard;
import org.aquaticjava.core.time.ServerClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueuedSwarmGatewayTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 6881);

  private final EventLoop loop = new DefaultEventLoop();

  @AfterEach
  void stopLoop() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** Records what the drain writes and how often it flushes; touched on the event loop only. */
  private static final class RecordingTarget implements ReplyTarget {
    final List<Integer> announced = new CopyOnWriteArrayList<>();
    final AtomicInteger flushes = new AtomicInteger();

    @Override
    public void replyAnnounce(int transactionId, InetSocketAddress recipient, AnnounceRequest results) {
      announced.add(transactionId);
    }

    @Override
    public void replyScrape(int transactionId, InetSocketAddress recipient, ScrapeResults results) {
      throw new AssertionError("no scrape sent");
    }

    @Override
    public void flushReplies() {
      flushes.incrementAndGet();
    }
  }

  private static SwarmWorker idleWorker(int queueCapacity) throws Exception {
    return new SwarmWorker(
        queueCapacity,
        new SwarmShard(SwarmSettings.DEFAULTS, 1, 0),
        ServerClock.startingNow(),
        AccessListHolder.load(AccessListConfig.DEFAULTS),
        SwarmSettings.DEFAULTS.cleaningIntervalSeconds(),
        1,
        "swarm-test");
  }

  private static AnnounceRequest announce(int port) {
    final AnnounceRequest a = new AnnounceRequest(10);
    a.infoHash.set(0x1234_5678_9ABC_DEF0L, 2, 3);
    a.ipv4 = 0x7F00_0001;
    a.port = port;
    a.peersWanted = 10;
    return a;
  }

  @Test
  void routesInfoHashesEvenlyByTheirTopBits() {
    assertThat(QueuedSwarmGateway.workerOf(0, 3)).isZero();
    assertThat(QueuedSwarmGateway.workerOf(-1L, 3)).isEqualTo(2);
    assertThat(QueuedSwarmGateway.workerOf(0x8000_0000_0000_0000L, 2)).isEqualTo(1);
    assertThat(QueuedSwarmGateway.workerOf(0x7FFF_FFFF_FFFF_FFFFL, 2)).isZero();
    assertThat(QueuedSwarmGateway.workerOf(-1L, 1)).isZero();
  }

  @Test
  void dropsWhenTheSwarmWorkerQueueIsFullAndAnswersTheRestInOneFlush() throws Exception {
    final SwarmWorker worker = idleWorker(2);
    final QueuedSwarmGateway gateway =
        new QueuedSwarmGateway(new SwarmWorker[] {worker}, loop, 8, 10, 4);
    final RecordingTarget target = new RecordingTarget();

    assertThat(gateway.announce(announce(1), 0, 11, CLIENT, target)).isEqualTo(SwarmOutcome.DEFERRED);
    assertThat(gateway.announce(announce(2), 0, 12, CLIENT, target)).isEqualTo(SwarmOutcome.DEFERRED);
    assertThat(gateway.announce(announce(3), 0, 13, CLIENT, target))
        .isEqualTo(SwarmOutcome.QUEUE_FULL);

    assertThat(worker.doWork()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> target.flushes.get() == 1);
    assertThat(target.announced).containsExactly(11, 12);
  }

  @Test
  void dropsWhenAllJobsOfTheSocketWorkerAreInFlight() throws Exception {
    final SwarmWorker worker = idleWorker(16);
    final QueuedSwarmGateway gateway =
        new QueuedSwarmGateway(new SwarmWorker[] {worker}, loop, 2, 10, 4);
    final RecordingTarget target = new RecordingTarget();

    gateway.announce(announce(1), 0, 21, CLIENT, target);
    gateway.announce(announce(2), 0, 22, CLIENT, target);
    assertThat(gateway.announce(announce(3), 0, 23, CLIENT, target))
        .isEqualTo(SwarmOutcome.QUEUE_FULL);

    worker.doWork();
    await().atMost(Duration.ofSeconds(5)).until(() -> target.announced.size() == 2);
    // The jobs are back in the pool once answered: the event loop recycled them before flushing.
    loop.submit(() -> {}).syncUninterruptibly();
    assertThat(loop.submit(() -> gateway.announce(announce(4), 0, 24, CLIENT, target)).get())
        .isEqualTo(SwarmOutcome.DEFERRED);
  }
}
