package org.aquaticjava.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;

/**
 * Takes the client's pings and close frames before Netty's protocol handler, which would answer
 * each with a write of its own outside the connection's bounds (a client that pings without
 * reading the pongs made them pile up by gigabytes). The {@link WsSocketWorker} answers them through
 * the connection's bounded queue instead, pings counted against the message rate. Every other
 * frame and object passes on.
 *
 * <p>Sits between the frame decoder and the protocol handler. One instance per connection, used on
 * its event loop only.
 */
final class ControlFrames extends ChannelInboundHandlerAdapter {
  private final WsSocketWorker worker;
  private final WsConnection connection;

  ControlFrames(WsSocketWorker worker, WsConnection connection) {
    this.worker = worker;
    this.connection = connection;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (msg) {
      case PingWebSocketFrame ping -> worker.onPing(connection, ping);
      case CloseWebSocketFrame close -> worker.onClose(connection, close);
      default -> ctx.fireChannelRead(msg);
    }
  }
}
