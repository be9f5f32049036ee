package org.aquaticjava.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.aquaticjava.ws.WsMetrics.ProtocolViolation;
import org.jspecify.annotations.Nullable;

/**
 * Refuses an upgrade request Netty's handshaker would accept although it is broken: one the HTTP
 * decoder failed on (over the header or line limit, or malformed) gets 431, 414 or 400, and one
 * below HTTP/1.1 gets 400 (RFC 6455 §4.1). The decoder marks such a request failed but still
 * passes on the headers it read, so an oversized request with its {@code Upgrade} headers first
 * would otherwise be upgraded and its remaining headers parsed as frames. The connection is closed
 * after the response; each refusal counts as a {@link ProtocolViolation#HANDSHAKE}.
 *
 * <p>A well-formed request then takes a token of its source's {@code [rate_limit] ws_connections}
 * bucket ({@link WsSocketWorker#connectionVerdict}). Over the limit, the first refusal of the
 * source's notice interval gets 429 with {@code Retry-After} and a text body, later ones only a
 * close; both are counted as source limit hits ({@code ws_connection}, or {@code banned}).
 *
 * <p>Sits between the HTTP aggregator and the WebSocket handshake handler and removes itself once
 * it has passed a request on, so frames never pass through it. One instance per connection.
 */
final class UpgradeRequestCheck extends ChannelInboundHandlerAdapter {
  private static final byte[] TOO_MANY_CONNECTIONS =
      "too many connections from your address, retry later\n".getBytes(StandardCharsets.US_ASCII);

  private final WsSocketWorker worker;
  private final WsConnection connection;

  UpgradeRequestCheck(WsSocketWorker worker, WsConnection connection) {
    this.worker = worker;
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request) {
      final DecoderResult result = request.decoderResult();
      final HttpResponseStatus refusal = refusal(request, result);
      if (refusal != null) {
        ReferenceCountUtil.release(msg);
        worker.protocolViolation(
            connection,
            ProtocolViolation.HANDSHAKE,
            result.isFailure() ? result.cause() : new IllegalArgumentException(request.protocolVersion() + " upgrade"));
        refuse(ctx, refusal);
        return;
      }
      switch (worker.connectionVerdict(connection)) {
        case ALLOWED -> { }
        case NOTIFY -> {
          ReferenceCountUtil.release(msg);
          tooManyConnections(ctx, worker.retryInMinutes() * 60);
          return;
        }
        case DROP -> {
          ReferenceCountUtil.release(msg);
          ctx.close();
          return;
        }
      }
      ctx.pipeline().remove(this);
    }
    ctx.fireChannelRead(msg);
  }

  private static @Nullable HttpResponseStatus refusal(FullHttpRequest request, DecoderResult result) {
    if (result.isFailure()) {
      return switch (result.cause()) {
        case TooLongHttpHeaderException e -> HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        case TooLongHttpLineException e -> HttpResponseStatus.REQUEST_URI_TOO_LONG;
        default -> HttpResponseStatus.BAD_REQUEST;
      };
    }
    final HttpVersion version = request.protocolVersion();
    final boolean atLeast11 =
        version.majorVersion() > 1 || version.majorVersion() == 1 && version.minorVersion() >= 1;
    return atLeast11 ? null : HttpResponseStatus.BAD_REQUEST;
  }

  private static void tooManyConnections(ChannelHandlerContext ctx, int retryAfterSeconds) {
    final FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.TOO_MANY_REQUESTS,
            Unpooled.wrappedBuffer(TOO_MANY_CONNECTIONS));
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, TOO_MANY_CONNECTIONS.length);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
    response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfterSeconds);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
    final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
