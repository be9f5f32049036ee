package org.aquaticjava.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import org.aquaticjava.netty.tls.TlsContextProvider;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline of one accepted connection:
 *
 * <pre>
 * [SslHandler → handshake observer] → ConnectionDeadlines → TrackerRequestDecoder
 *   → HttpConnectionHandler
 * </pre>
 *
 * There is no HTTP encoder and no aggregator: requests have no body worth aggregating, and
 * responses are framed by hand into one buffer ({@link ResponseFraming}). Shared by all
 * connections of one socket worker, which all run on its event loop.
 */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
  /** How a body, if any, is split into chunks; bodies are discarded anyway. */
  private static final int MAX_CHUNK_SIZE = 4096;

  private final HttpWorkerContext worker;
  private final HttpDecoderConfig decoderConfig;
  private final ChannelGroup connections;
  private final @Nullable TlsContextProvider tls;

  /**
   * @param tls the TLS context for HTTPS (its SslHandler goes first, with the handshake timeout),
   *     or null for plain HTTP
   */
  HttpChannelInitializer(
      HttpWorkerContext worker, ChannelGroup connections, @Nullable TlsContextProvider tls) {
    this.worker = worker;
    this.connections = connections;
    this.tls = tls;
    this.decoderConfig =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(worker.limits().maxRequestLineLength())
            .setMaxHeaderSize(worker.limits().maxHeaderBytes())
            .setMaxChunkSize(MAX_CHUNK_SIZE);
  }

  @Override
  protected void initChannel(Channel channel) {
    final TrackerRequestDecoder decoder = new TrackerRequestDecoder(decoderConfig);
    final HttpConnectionHandler handler = new HttpConnectionHandler(worker, decoder);
    if (tls != null) {
      tls.install(channel.pipeline());
    }
    channel
        .pipeline()
        .addLast(
            handler.deadlines(),
            decoder,
            handler);
    connections.add(channel);
  }
}
