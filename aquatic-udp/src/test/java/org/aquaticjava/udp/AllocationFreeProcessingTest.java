package org.aquaticjava.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.testkit.ThreadAllocation;
import org.aquaticjava.udp.protocol.UdpAnnounceEvent;
import org.aquaticjava.udp.protocol.UdpAnnounceRequest;
import org.aquaticjava.udp.protocol.UdpRequestWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UdpRequestProcessor} allocates nothing per datagram, measured with the JVM's per-thread
 * allocation counter. Not a timing test: only bytes are counted.
 *
 * <p>The datagrams are {@link UnpooledDirectByteBuf}s, the NIO-backed direct buffers Netty hands
 * out on JDK 24+ without {@code --sun-misc-unsafe-memory-access=allow} (the adaptive allocator's
 * chunks are such buffers too). Some of their bulk reads duplicate the NIO buffer per call and
 * leave it to escape analysis to remove the copy, which C2 does in most JVM runs but not all; the
 * rounds here run mostly interpreted, with no escape analysis to hide such an allocation.
 *
 * <p>IPv4 senders only: reading an IPv6 source costs {@code Inet6Address.getAddress()}, a fresh
 * 16-byte array per datagram (the JDK has no copy-free accessor), on top of the address objects
 * Netty creates for every received datagram anyway.
 */
class AllocationFreeProcessingTest {
  private static final int ROUNDS = 5_000;
  private static final int NOW = 10;
  private static final int PEERS = 8;
  /** Slack for the measuring calls; one 64-byte allocation per round would be 320 KB. */
  private static final long TOLERATED_BYTES = 16 * 1024;

  private final UdpRequestProcessor processor =
      new UdpRequestProcessor(
          UdpConfig.DEFAULTS,
          new SwarmStore(SwarmSettings.DEFAULTS, 42),
          new ConnectionIdValidator(120, 180),
          AccessListHolder.load(AccessListConfig.DEFAULTS),
          new UdpMetrics(new TrackerMetrics()).forWorker(0, "4"),
          new OverloadMetrics(new TrackerMetrics(), "udp")
              .worker(0, OverloadConfig.DEFAULTS, 900, 1200, 64),
          "allocation-test");
  private final ByteBuf out = direct(processor.maxResponseLength());
  private final InetSocketAddress[] senders = new InetSocketAddress[PEERS];
  private final ByteBuf[] announces = new ByteBuf[PEERS];
  private final ByteBuf[] announcesWithUrlData = new ByteBuf[PEERS];
  private final ByteBuf[] scrapes = new ByteBuf[PEERS];
  private final ByteBuf connect = direct(16);
  private final ByteBuf tooShort = direct(8);

  AllocationFreeProcessingTest() throws Exception {
    UdpRequestWriter.writeConnect(connect, 7);
    tooShort.writeLong(0);
    final byte[] urlData = "/announce?auth=0123456789abcdef".repeat(12).getBytes(StandardCharsets.US_ASCII);
    for (int peer = 0; peer < PEERS; peer++) {
      senders[peer] = new InetSocketAddress(InetAddress.ofLiteral("192.0.2." + (peer + 1)), 6881 + peer);
      final long connectionId = connectionId(senders[peer]);
      final UdpAnnounceRequest request =
          new UdpAnnounceRequest(
              Hashes.infoHash(peer % 2), Hashes.peerId(peer), 0, peer % 3 == 0 ? 0 : 100, 0,
              UdpAnnounceEvent.NONE.wireValue(), 0, 0, 50, 6881 + peer, null);
      announces[peer] = direct(128);
      UdpRequestWriter.writeAnnounce(announces[peer], connectionId, peer, request);
      announcesWithUrlData[peer] = direct(128 + 2 * urlData.length);
      UdpRequestWriter.writeAnnounce(
          announcesWithUrlData[peer], connectionId, peer, request.withUrlData(urlData));
      scrapes[peer] = direct(16 + 3 * 20);
      UdpRequestWriter.writeScrape(
          scrapes[peer], connectionId, peer,
          List.of(Hashes.infoHash(0), Hashes.infoHash(1), Hashes.infoHash(2)));
    }
  }

  /** A direct buffer backed by a {@link java.nio.ByteBuffer}, not tracked by the leak detector. */
  private static ByteBuf direct(int capacity) {
    return new UnpooledDirectByteBuf(UnpooledByteBufAllocator.DEFAULT, capacity, capacity);
  }

  private long connectionId(InetSocketAddress sender) {
    assertThat(respond(connect, sender)).isPositive();
    return out.getLong(8);
  }

  private int respond(ByteBuf datagram, InetSocketAddress sender) {
    datagram.readerIndex(0);
    out.clear();
    return processor.process(datagram, sender, NOW, out) ? out.readableBytes() : -1;
  }

  private long round(int i) {
    final int peer = i % PEERS;
    final InetSocketAddress sender = senders[peer];
    long sink = 0;
    sink += respond(announces[peer], sender);
    sink += respond(announcesWithUrlData[peer], sender);
    sink += respond(scrapes[peer], sender);
    sink += respond(connect, sender);
    sink += respond(tooShort, sender);
    return sink;
  }

  @Test
  void announceScrapeConnectAndDropAllocateNothing() {
    ThreadAllocation.assertAllocatesLessThan(TOLERATED_BYTES, ROUNDS, this::round);
  }

  @AfterEach
  void release() {
    for (int peer = 0; peer < PEERS; peer++) {
      announces[peer].release();
      announcesWithUrlData[peer].release();
      scrapes[peer].release();
    }
    connect.release();
    tooShort.release();
    out.release();
  }
}
