package org.aquaticjava.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real sockets on loopback, once per transport; unavailable transports are skipped. */
class DatagramSocketTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int CLIENTS = 16;
  private static final int PER_CLIENT = 25;
  private static final int RECEIVE_BUFFER = 1 << 20;

  private EventLoopGroup group;
  private final List<Channel> channels = new ArrayList<>();

  @AfterEach
  void close() throws InterruptedException {
    for (Channel channel : channels) {
      channel.close().await(5, TimeUnit.SECONDS);
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest
  @EnumSource(IoTransport.class)
  void twoReusePortChannelsOnOnePortBothReceiveFromManyClients(IoTransport transport)
      throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + ": " + transport.unavailabilityCause());
    group = transport.newEventLoopGroup(2, EventLoopSupervision.threadFactory("socket"));
    final AtomicInteger[] received = {new AtomicInteger(), new AtomicInteger()};
    final Channel first = bind(transport, 0, received[0]);
    final int port = ((InetSocketAddress) first.localAddress()).getPort();
    bind(transport, port, received[1]);

    final List<DatagramSocket> clients = new ArrayList<>();
    try {
      for (int i = 0; i < CLIENTS; i++) {
        clients.add(new DatagramSocket(0, LOOPBACK));
      }
      final java.net.DatagramPacket packet =
          new java.net.DatagramPacket(new byte[16], 16, new InetSocketAddress(LOOPBACK, port));
      for (int round = 0; round < PER_CLIENT; round++) {
        for (DatagramSocket client : clients) {
          client.send(packet);
        }
      }
    } finally {
      clients.forEach(DatagramSocket::close);
    }

    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (received[0].get() + received[1].get() < CLIENTS * PER_CLIENT
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(received[0].get() + received[1].get()).isEqualTo(CLIENTS * PER_CLIENT);
    assertThat(received[0].get()).as("first socket's share").isPositive();
    assertThat(received[1].get()).as("second socket's share").isPositive();
  }

  @ParameterizedTest
  @EnumSource(IoTransport.class)
  void readsBackTheGrantedReceiveBufferAndDetectsTheCap(IoTransport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + ": " + transport.unavailabilityCause());
    group = transport.newEventLoopGroup(1, EventLoopSupervision.threadFactory("socket"));
    final Channel granted = bind(transport, 0, new AtomicInteger());
    assertThat(SocketOptions.effectiveReceiveBufferSize(granted)).isEqualTo(RECEIVE_BUFFER);
    assertThat(SocketOptions.checkReceiveBuffer(granted, RECEIVE_BUFFER)).isFalse();

    // Read line-wise: procfs files report size 0.
    final long rmemMax =
        Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).getFirst().strip());
    assumeTrue(rmemMax < Integer.MAX_VALUE / 4, "rmem_max too large to exceed");
    final int tooLarge = (int) rmemMax * 2;
    final Bootstrap bootstrap = bootstrap(transport, new AtomicInteger());
    SocketOptions.bufferSizes(bootstrap, tooLarge, 0);
    final Channel capped = bootstrap.bind(LOOPBACK, 0).sync().channel();
    channels.add(capped);
    assertThat(SocketOptions.effectiveReceiveBufferSize(capped)).isEqualTo((int) rmemMax);
    assertThat(SocketOptions.checkReceiveBuffer(capped, tooLarge)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = IoTransport.class, names = {"EPOLL", "IO_URING"})
  void nativeTransportsCanMakeAnIpv6WildcardSocketIpv6Only(IoTransport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + ": " + transport.unavailabilityCause());
    group = transport.newEventLoopGroup(1, EventLoopSupervision.threadFactory("socket"));
    final Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channelFactory(transport.datagramChannelFactory(true))
            .handler(new io.netty.channel.ChannelInboundHandlerAdapter());
    assertThat(SocketOptions.ipv6Only(bootstrap, transport, true)).isTrue();
    final Channel v6 = bootstrap.bind(new InetSocketAddress("::", 0)).sync().channel();
    channels.add(v6);
    final int port = ((InetSocketAddress) v6.localAddress()).getPort();
    // A dual-stack [::]:port would also own 127.0.0.1:port; a v6-only one leaves it free.
    try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
      assertThat(v4.getLocalPort()).isEqualTo(port);
    } catch (BindException e) {
      throw new AssertionError("IPv6 socket is still dual-stack", e);
    }
  }

  @ParameterizedTest
  @EnumSource(value = IoTransport.class, names = {"NIO"})
  void reportsWhereIpv6OnlyCannotBeSet(IoTransport transport) {
    assertThat(SocketOptions.ipv6Only(new Bootstrap(), transport, true)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(IoTransport.class)
  void anIpv4SocketOnTheWildcardAddressLeavesIpv6Alone(IoTransport transport) throws Exception {
    assumeTrue(transport.isAvailable(), () -> transport + ": " + transport.unavailabilityCause());
    group = transport.newEventLoopGroup(1, EventLoopSupervision.threadFactory("socket"));
    final Channel v4 =
        new Bootstrap()
            .group(group)
            .channelFactory(transport.datagramChannelFactory(false))
            .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
            .bind(new InetSocketAddress("0.0.0.0", 0))
            .sync()
            .channel();
    channels.add(v4);
    assertThat(((InetSocketAddress) v4.localAddress()).getAddress()).isInstanceOf(java.net.Inet4Address.class);
    final int port = ((InetSocketAddress) v4.localAddress()).getPort();
    // An AF_INET6 socket bound to [::] would own [::1]:port too.
    try (DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", port))) {
      assertThat(v6.getLocalPort()).isEqualTo(port);
    } catch (BindException e) {
      throw new AssertionError("the IPv4 socket is an IPv6 dual-stack one", e);
    }
  }

  private Channel bind(IoTransport transport, int port, AtomicInteger received)
      throws InterruptedException {
    final Channel channel = bootstrap(transport, received).bind(LOOPBACK, port).sync().channel();
    channels.add(channel);
    return channel;
  }

  private Bootstrap bootstrap(IoTransport transport, AtomicInteger received) {
    final Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channelFactory(transport.datagramChannelFactory(false))
            .handler(
                new SimpleChannelInboundHandler<DatagramPacket>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                    received.incrementAndGet();
                  }
                });
    SocketOptions.reusePort(bootstrap, transport);
    SocketOptions.bufferSizes(bootstrap, RECEIVE_BUFFER, 0);
    DatagramBatching.apply(bootstrap, transport, DatagramBatching.DEFAULT_MAX_PAYLOAD);
    return bootstrap;
  }
}
