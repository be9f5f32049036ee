package org.aquaticjava.udp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.OverloadConfig;
import org.aquaticjava.core.connid.ConnectionIdValidator;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.aquaticjava.core.overload.LoadShedding;
import org.aquaticjava.core.overload.OverloadMetrics;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.swarm.SwarmStore;
import org.aquaticjava.core.time.ServerClock;
import org.aquaticjava.golden.Golden;
import org.aquaticjava.testkit.MetricValues;
import org.aquaticjava.testkit.TomlConfigs;
import org.aquaticjava.udp.protocol.UdpProtocol;
import org.aquaticjava.udp.protocol.UdpRequestWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The socket handler without sockets: datagrams in through an {@link EmbeddedChannel}, answers
 * (or their absence) out, counted in the worker's metrics.
 */
class UdpSocketHandlerTest {
  private static final InetSocketAddress TRACKER = new InetSocketAddress("127.0.0.1", 3000);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 6881);
  private static final int TXID = 0x12345678;

  private final TrackerMetrics metrics = new TrackerMetrics();
  private final UdpConfig config =
      TomlConfigs.over(UdpConfig.DEFAULTS, "[protocol]\nmax_scrape_torrents = 2\n");
  private final EmbeddedChannel channel;

  UdpSocketHandlerTest() throws Exception {
    channel = new EmbeddedChannel(handler());
  }

  private UdpSocketHandler handler() throws Exception {
    final LoadShedding shedding =
        new OverloadMetrics(new TrackerMetrics(), "udp").worker(0, OverloadConfig.DEFAULTS, 900, 1200, 64);
    return new UdpSocketHandler(
        new UdpRequestProcessor(
            config,
            new SwarmStore(SwarmSettings.DEFAULTS, 42),
            new ConnectionIdValidator(120, 180),
            AccessListHolder.load(config.accessList()),
            new UdpMetrics(metrics).forWorker(0, "4"),
            shedding,
            "udp-socket-test"),
        ServerClock.startingNow(),
        shedding);
  }

  @AfterEach
  void nothingElseQueuedAndNothingLeaked() {
    assertThat(channel.finish()).as("outbound datagrams left unread").isFalse();
  }

  @Test
  void answersTheGoldenConnectToItsSenderWithTheTransactionIdEchoed() {
    channel.writeInbound(new DatagramPacket(Golden.buffer("udp/connect-request.bin"), TRACKER, CLIENT));

    final DatagramPacket reply = channel.readOutbound();
    try {
      assertThat(reply.recipient()).isEqualTo(CLIENT);
      final ByteBuf content = reply.content();
      assertThat(content.readableBytes()).isEqualTo(16);
      assertThat(content.getInt(0)).isEqualTo(UdpProtocol.ACTION_CONNECT);
      assertThat(content.getInt(4)).isEqualTo(TXID);
    } finally {
      reply.release();
    }
    assertThat(requests("connect")).isEqualTo(1);
  }

  @Test
  void dropsMalformedDatagramsSilentlyAndCountsThemByReason() {
    channel.writeInbound(datagram(Unpooled.buffer().writeLong(0)));
    channel.writeInbound(datagram(header(1, UdpProtocol.ACTION_CONNECT))); // not the BEP 15 magic
    channel.writeInbound(datagram(header(UdpProtocol.PROTOCOL_ID, 7)));

    assertThat(channel.outboundMessages()).isEmpty();
    assertThat(dropped("too_short")).isEqualTo(1);
    assertThat(dropped("bad_protocol_id")).isEqualTo(1);
    assertThat(dropped("unknown_action")).isEqualTo(1);
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void answersAScrapeOfMoreThanMaxScrapeTorrentsWithTheFirstOnesAndCountsTheRest() {
    final long connectionId = connect();
    final ByteBuf scrape = Unpooled.buffer();
    UdpRequestWriter.writeScrape(
        scrape, connectionId, TXID, List.of(Hashes.infoHash(1), Hashes.infoHash(2), Hashes.infoHash(3)));
    channel.writeInbound(datagram(scrape));

    final DatagramPacket reply = channel.readOutbound();
    try {
      assertThat(reply.content().getInt(0)).isEqualTo(UdpProtocol.ACTION_SCRAPE);
      assertThat(reply.content().getInt(4)).isEqualTo(TXID);
      assertThat(reply.content().readableBytes()).isEqualTo(8 + 2 * 12); // max_scrape_torrents = 2
    } finally {
      reply.release();
    }
    assertThat(MetricValues.sum(metrics, "aquatic_scrape_info_hashes_truncated_total")).isEqualTo(1);
  }

  private long connect() {
    final ByteBuf request = Unpooled.buffer();
    UdpRequestWriter.writeConnect(request, TXID);
    channel.writeInbound(datagram(request));
    final DatagramPacket reply = channel.readOutbound();
    try {
      return reply.content().getLong(8);
    } finally {
      reply.release();
    }
  }

  private static ByteBuf header(long connectionId, int action) {
    return Unpooled.buffer().writeLong(connectionId).writeInt(action).writeInt(TXID);
  }

  private static DatagramPacket datagram(ByteBuf content) {
    return new DatagramPacket(content, TRACKER, CLIENT);
  }

  private double requests(String kind) {
    return MetricValues.sum(metrics, "aquatic_requests_total", "type", kind);
  }

  private double dropped(String reason) {
    return MetricValues.sum(metrics, "aquatic_dropped_requests_total", "reason", reason);
  }
}
