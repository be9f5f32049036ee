package org.aquaticjava.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.aquaticjava.ws.protocol.Utf8Validator;

/**
 * Fails a connection whose text message is not UTF-8 (RFC 6455 §8.1): drops the frame and passes
 * a {@link CorruptedWebSocketFrameException} with 1007 (invalid payload data) down the pipeline,
 * where {@link WsConnectionHandler} sends the one close frame, counts and closes. Relayed SDPs reach browsers, which would drop their own tracker connection on
 * invalid UTF-8, so nothing invalid may get through.
 *
 * <p>It replaces Netty's {@code Utf8FrameValidator} (switched off in the decoder config) at the
 * same place, between the frame decoder and the protocol handler, with the same outcome; {@link
 * Utf8Validator} checks ASCII a word at a time where Netty's walks every byte through its
 * automaton. Each frame is checked as it arrives, so a fragmented message fails at its first bad
 * fragment; a character may span fragments. Binary and control frames pass unchecked.
 *
 * <p>One instance per connection, used on its event loop only.
 */
final class TextFrameUtf8Check extends ChannelInboundHandlerAdapter {
  private static final String REASON = "bytes are not UTF-8";

  private final Utf8Validator utf8 = new Utf8Validator();
  /** Whether the message in progress (its continuation frames) is text. */
  private boolean inText;
  private boolean failed;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg); // the upgrade request
      return;
    }
    final boolean text;
    if (frame instanceof TextWebSocketFrame) {
      text = true;
    } else if (frame instanceof BinaryWebSocketFrame) {
      text = false;
    } else if (frame instanceof ContinuationWebSocketFrame) {
      text = inText;
    } else {
      ctx.fireChannelRead(msg); // control frames may come between fragments
      return;
    }
    if (failed) {
      frame.release(); // closing: nothing more is read from this connection
      return;
    }
    final boolean last = frame.isFinalFragment();
    inText = text && !last;
    if (text) {
      final boolean valid = utf8.update(frame.content()) && (!last || utf8.isComplete());
      if (last) {
        utf8.reset();
      }
      if (!valid) {
        fail(ctx, frame);
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  private void fail(ChannelHandlerContext ctx, WebSocketFrame frame) {
    failed = true;
    frame.release();
    ctx.fireExceptionCaught(
        new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA, REASON));
  }
}
