package org.aquaticjava.netty;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import org.aquaticjava.core.overload.LoadShedding;

/**
 * Receive buffer sizing for datagram channels, with batched receive where the transport has it.
 *
 * <p>On epoll, setting {@code MAX_DATAGRAM_PAYLOAD_SIZE} and a receive buffer that is a multiple
 * of it makes Netty read up to {@value #BATCH} datagrams per {@code recvmmsg} call; io_uring has
 * the same option. NIO reads one datagram per call into a buffer of {@code maxPayload}.
 *
 * <p>Datagrams longer than {@code maxPayload} are truncated by the kernel, so it must cover the
 * largest valid request (aquatic's io_uring backend lost scrapes with 512-byte buffers;
 * aquatic.md §8 #11). {@value #DEFAULT_MAX_PAYLOAD} bytes covers every BEP 15 request.
 */
public final class DatagramBatching {
  /** Default per-datagram receive size: a full scrape of 74 hashes is 16 + 74 * 20 = 1496 bytes. */
  public static final int DEFAULT_MAX_PAYLOAD = 2048;

  /** Datagrams per batched receive. */
  public static final int BATCH = 64;

  private DatagramBatching() {}

  /**
   * The datagrams one socket read of {@code transport} drains when it stops at its cap rather than
   * at an empty socket: a full batch on epoll and io_uring (Netty reads on only while a batch
   * comes back full, and one batch reaches the read's message cap). NIO reads one datagram per
   * read whatever is queued, so its reads tell nothing: {@link LoadShedding#NO_READS}.
   * What {@code [overload] full_reads_percent} counts.
   */
  public static int fullRead(IoTransport transport) {
    return switch (transport) {
      case EPOLL, IO_URING -> BATCH;
      case NIO -> LoadShedding.NO_READS;
    };
  }

  /**
   * Configures the receive side of datagram channels created by {@code bootstrap}.
   *
   * @param maxPayload largest datagram received intact, at least 1
   */
  public static void apply(AbstractBootstrap<?, ?> bootstrap, IoTransport transport, int maxPayload) {
    if (maxPayload < 1) {
      throw new IllegalArgumentException("maxPayload must be positive, got " + maxPayload);
    }
    switch (transport) {
      case EPOLL -> batched(bootstrap, EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxPayload);
      case IO_URING -> batched(bootstrap, IoUringChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxPayload);
      case NIO -> bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxPayload));
    }
  }

  private static void batched(
      AbstractBootstrap<?, ?> bootstrap, ChannelOption<Integer> payloadOption, int maxPayload) {
    bootstrap.option(payloadOption, maxPayload);
    bootstrap.option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxPayload * BATCH));
  }
}
