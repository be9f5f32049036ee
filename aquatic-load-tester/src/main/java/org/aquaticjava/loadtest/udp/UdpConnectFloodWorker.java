package org.aquaticjava.loadtest.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.aquaticjava.loadtest.ErrorMessageCounter;
import org.aquaticjava.loadtest.LatencyRecorder;
import org.aquaticjava.loadtest.LoadWorker;
import org.aquaticjava.loadtest.OutcomeCounters;
import org.aquaticjava.loadtest.SendPacer;
import org.aquaticjava.loadtest.SourceAddressRange;
import org.aquaticjava.udp.protocol.UdpRequestWriter;

/**
 * One thread of a spoofed-source connect flood ({@code mode = "connect_flood"}): worker {@code w}
 * of {@code W} sends connect request {@code k} from address number {@code k·W + w} of the source
 * range (wrapping around), each from a fresh socket bound to that address and closed right after
 * the send, without reading a reply: to the tracker it looks like connects from as many spoofed
 * addresses as the range holds. The tracker's replies go to closed ports and are dropped by the
 * kernel.
 *
 * <p>Only {@code sent} is counted (no reply is read, so none is lost either). A send the kernel
 * refuses is not counted. Each send opens and closes a socket (three system calls and the JDK's
 * channel objects), which bounds the flood's rate on a box; unlike the population's hot path this
 * allocates per request, since a socket cannot be bound again. Thread contract as in {@link
 * LoadWorker}.
 */
final class UdpConnectFloodWorker implements LoadWorker {
  /** Longest park while waiting for the schedule, so {@link #stop()} is seen promptly. */
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final InetSocketAddress target;
  private final SourceAddressRange sources;
  private final int index;
  private final int workers;
  private final int rate;
  private final OutcomeCounters counters = new OutcomeCounters(RequestKind.NAMES.size());
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final ErrorMessageCounter errorMessages = new ErrorMessageCounter();
  private final ByteBuffer request = ByteBuffer.allocateDirect(UdpClientSocket.MAX_DATAGRAM);
  private final ByteBuf requestView = Unpooled.wrappedBuffer(request);

  private volatile boolean stopping;

  UdpConnectFloodWorker(
      InetSocketAddress target, SourceAddressRange sources, int index, int workers, int rate) {
    this.target = target;
    this.sources = sources;
    this.index = index;
    this.workers = workers;
    this.rate = rate;
  }

  @Override
  public OutcomeCounters counters() {
    return counters;
  }

  @Override
  public LatencyRecorder latencies() {
    return latencies;
  }

  @Override
  public ErrorMessageCounter errorMessages() {
    return errorMessages;
  }

  @Override
  public void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    final SendPacer pacer =
        rate > 0
            ? SendPacer.openLoop(rate, workers, index, System.nanoTime())
            : SendPacer.closedLoop();
    long next = index;
    try {
      while (!stopping) {
        final long now = System.nanoTime();
        if (!pacer.isDue(now)) {
          LockSupport.parkNanos(Math.min(pacer.nanosUntilDue(now), MAX_PARK_NANOS));
          continue;
        }
        pacer.take(now);
        if (sendConnect(next)) {
          counters.sent();
        }
        next += workers;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one connect from address number {@code addressIndex}; false if the kernel refused it. */
  private boolean sendConnect(long addressIndex) throws IOException {
    requestView.clear();
    UdpRequestWriter.writeConnect(requestView, (int) addressIndex);
    request.clear().limit(requestView.writerIndex());
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.bind(new InetSocketAddress(sources.address(addressIndex), 0));
      return channel.send(request, target) > 0;
    }
  }
}
