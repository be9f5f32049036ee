package org.aquaticjava.ws;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.aquaticjava.netty.DirectMemory;
import org.aquaticjava.ws.WsMetrics.Limit;
import org.aquaticjava.ws.WsMetrics.ProtocolViolation;

/**
 * The last handler of a connection's pipeline: hands complete text and binary messages (binary
 * frames are read as JSON too, like aquatic) to the connection's {@link WsSocketWorker}, notes pongs,
 * handshake completion and writability, answers plain HTTP requests that are not a WebSocket
 * upgrade on the configured path with 404, and turns the connection's errors into counted closes.
 * No flush at the end of a read: the worker flushes what it wrote once the loop's I/O batch is
 * done. One instance per connection.
 */
final class WsConnectionHandler extends ChannelInboundHandlerAdapter {
  private final WsSocketWorker worker;
  private final WsConnection connection;

  WsConnectionHandler(WsSocketWorker worker, WsConnection connection) {
    this.worker = worker;
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
        worker.onMessage(connection, ((WebSocketFrame) msg).content());
      } else if (msg instanceof PongWebSocketFrame) {
        connection.lastFrameNanos = worker.nanos();
      } else if (msg instanceof FullHttpRequest) {
        notFound(ctx);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private static void notFound(ChannelHandlerContext ctx) {
    final FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      worker.handshakeCompleted(connection);
    } else if (event == WebSocketServerProtocolHandler.ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      worker.metrics.limitHit(Limit.HANDSHAKE_TIMEOUT);
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    worker.writabilityChanged(connection);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    worker.closed(connection);
    ctx.fireChannelInactive();
  }

  /**
   * Ends the connection on an error. A frame the decoder or {@link TextFrameUtf8Check} refused gets
   * exactly one close frame with the RFC 6455 status (1002, 1007 or 1009), written here: the
   * decoder is configured not to close by itself, and the protocol handler to send no close frame
   * of its own on close, which used to follow the error close with a second one, "1000 Bye".
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (DirectMemory.exhausted(cause)) {
      worker.metrics.limitHit(Limit.ALLOCATION_FAILURE); // shed this connection, not the tracker
      ctx.close();
      return;
    }
    switch (cause) {
      case CorruptedWebSocketFrameException e
          when e.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code() -> {
        worker.metrics.limitHit(Limit.FRAME_SIZE);
        WsSocketWorker.closeWith(connection, WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame too large");
      }
      case TooLongFrameException e -> {
        // A fragmented message beyond max_message_size (the frame aggregator's limit).
        worker.metrics.limitHit(Limit.MESSAGE_SIZE);
        WsSocketWorker.closeWith(connection, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too large");
      }
      case CorruptedWebSocketFrameException e -> {
        final boolean utf8 = e.closeStatus().code() == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code();
        worker.protocolViolation(
            connection, utf8 ? ProtocolViolation.INVALID_UTF8 : ProtocolViolation.BAD_FRAME, e);
        WsSocketWorker.closeWith(connection, e.closeStatus(), e.closeStatus().reasonText());
      }
      default -> {
        worker.connectionError(connection, cause);
        ctx.close();
      }
    }
  }
}
