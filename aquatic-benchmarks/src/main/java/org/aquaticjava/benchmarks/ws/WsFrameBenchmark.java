package org.aquaticjava.benchmarks.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.internal.PlatformDependent;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.aquaticjava.ws.ServerTextFrame;
import org.aquaticjava.ws.WsConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WebSocket framing of one message, through Netty's frame codec on an {@link EmbeddedChannel}
 * with Netty's default allocator, which the tracker uses too (adaptive, direct buffers).
 *
 * <ul>
 *   <li>{@code decode*}: a masked client text frame of {@code size} payload bytes through {@link
 *       WebSocket08FrameDecoder} configured as the tracker's (copy out of the read buffer and
 *       unmask, eight bytes at a time through {@code ByteBuf.getLong/setLong}). {@code
 *       decodeNoUnsafe} runs as the JVM starts by default on JDK 25, where Netty leaves {@code
 *       sun.misc.Unsafe} alone and every buffer access goes through a {@code ByteBuffer};
 *       {@code decodeUnsafe} runs in a fork with {@code --sun-misc-unsafe-memory-access=allow},
 *       where Netty uses {@code Unsafe} (its {@code PooledUnsafeDirectByteBuf}) and the JDK prints
 *       no warning.
 *   <li>{@code encode*}: an outgoing message of {@code size} bytes written into a new pooled
 *       buffer and written out through {@link WebSocket08FrameEncoder}: as a {@link
 *       TextWebSocketFrame} ({@code encodeFrameObject}: Netty's encoder writes the header into a
 *       new buffer, copying payloads up to 1 KiB into it, and splits the write promise over two
 *       buffers above that), or framed in place by {@link ServerTextFrame} ({@code encodeSealed}:
 *       the encoder passes the buffer through), each without and with {@code Unsafe}.
 * </ul>
 *
 * Each variant pair runs in the same JMH run, in forks of their own: compare them, not the
 * absolute numbers, on a noisy machine. Run with {@code -prof gc} for the bytes allocated per
 * message. JMH's thread is not one of Netty's {@code FastThreadLocalThread}s, on which alone
 * Netty's {@code Recycler} pools objects: here every write allocates a {@code
 * ChannelOutboundBuffer.Entry} (about 64 bytes of the encoders' B/op, by a JFR allocation
 * profile), which the tracker's event loops take from their pools; the write promise (about 40
 * bytes) is allocated on both.
 *
 * <pre>
 * java -jar aquatic-benchmarks/target/benchmarks.jar WsFrameBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class WsFrameBenchmark {
  private static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";

  /** The channels, one masked input frame and one outgoing payload. */
  @State(Scope.Thread)
  public static class Frames {
    /** Payload bytes: an answer relay (~730), a browser announce with 10 offers (~5,700). */
    @Param({"730", "5700"})
    int size;

    EmbeddedChannel decoding;
    EmbeddedChannel encoding;
    ByteBuf maskedFrame;
    ByteBuf payload;

    @Setup(Level.Trial)
    public void setUp() {
      final boolean askedForUnsafe =
          ManagementFactory.getRuntimeMXBean().getInputArguments().contains(UNSAFE);
      if (PlatformDependent.hasUnsafe() != askedForUnsafe) {
        throw new IllegalStateException("Netty's Unsafe use (" + PlatformDependent.hasUnsafe()
            + ") is not what the fork asked for (" + askedForUnsafe + ")");
      }
      final WsConfig.Limits limits = WsConfig.DEFAULTS.limits();
      decoding =
          new EmbeddedChannel(
              new WebSocket08FrameDecoder(
                  WebSocketDecoderConfig.newBuilder() // as WsChannelInitializer configures it
                      .maxFramePayloadLength(limits.maxFrameSize())
                      .allowExtensions(false)
                      .closeOnProtocolViolation(false)
                      .withUTF8Validator(false)
                      .build()));
      encoding = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
      final SplittableRandom random = new SplittableRandom(size);
      final byte[] message = new byte[size];
      for (int i = 0; i < size; i++) {
        message[i] = (byte) (' ' + random.nextInt(95)); // printable ASCII, like JSON with SDPs
      }
      payload = ByteBufAllocator.DEFAULT.directBuffer(size).writeBytes(message);
      maskedFrame = ByteBufAllocator.DEFAULT.directBuffer(size + 8);
      maskedFrame.writeByte(0x81).writeByte(0x80 | 126).writeShort(size);
      final byte[] mask = new byte[4];
      random.nextBytes(mask);
      maskedFrame.writeBytes(mask);
      for (int i = 0; i < size; i++) {
        maskedFrame.writeByte(message[i] ^ mask[i & 3]);
      }
      final WebSocketFrame check = decode(this);
      final boolean same = check.content().equals(payload);
      check.release();
      if (!same) {
        throw new IllegalStateException("the masked frame does not decode to its payload");
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      decoding.finishAndReleaseAll();
      encoding.finishAndReleaseAll();
      maskedFrame.release();
      payload.release();
    }
  }

  private static WebSocketFrame decode(Frames f) {
    f.decoding.writeInbound(f.maskedFrame.retainedDuplicate());
    return f.decoding.readInbound();
  }

  private static int decodeAndRelease(Frames f) {
    final WebSocketFrame frame = decode(f);
    final int length = frame.content().readableBytes();
    frame.release();
    return length;
  }

  private static int drainOutbound(EmbeddedChannel channel) {
    int bytes = 0;
    for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
      bytes += b.readableBytes();
      b.release();
    }
    return bytes;
  }

  /** A new buffer holding the outgoing payload, with or without room for a frame header. */
  private static ByteBuf message(Frames f, boolean headroom) {
    final ByteBuf out = headroom
        ? ServerTextFrame.allocate(f.encoding.alloc(), f.size)
        : f.encoding.alloc().buffer(f.size);
    return out.writeBytes(f.payload, f.payload.readerIndex(), f.size);
  }

  private static int encodeFrameObject(Frames f) {
    f.encoding.writeAndFlush(new TextWebSocketFrame(message(f, false)));
    return drainOutbound(f.encoding);
  }

  private static int encodeSealed(Frames f) {
    f.encoding.writeAndFlush(ServerTextFrame.seal(message(f, true)));
    return drainOutbound(f.encoding);
  }

  @Benchmark
  public int decodeNoUnsafe(Frames f) {
    return decodeAndRelease(f);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", UNSAFE})
  public int decodeUnsafe(Frames f) {
    return decodeAndRelease(f);
  }

  @Benchmark
  public int encodeFrameObjectNoUnsafe(Frames f) {
    return encodeFrameObject(f);
  }

  @Benchmark
  public int encodeSealedNoUnsafe(Frames f) {
    return encodeSealed(f);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", UNSAFE})
  public int encodeFrameObjectUnsafe(Frames f) {
    return encodeFrameObject(f);
  }

  @Benchmark
  @Fork(value = 1, jvmArgsAppend = {"-Xmx1g", UNSAFE})
  public int encodeSealedUnsafe(Frames f) {
    return encodeSealed(f);
  }
}
