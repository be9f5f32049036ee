package org.aquaticjava.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after its last response without losing that response, when unread input
 * may remain: a refused or oversized request, a body, bytes after the last request, a client that
 * did not ask to close and may be pipelining. Closing a socket whose receive buffer still holds
 * unread bytes makes the kernel send a reset, and the client may then drop the response it has
 * not read yet. So the write side is shut first (the client sees the response and then
 * end-of-stream), the handler keeps discarding input, and the connection is closed when the
 * client closes its side (Netty closes on input shutdown) or after {@value #LINGER_MILLIS} ms at
 * the latest, as nginx's lingering close does. When no input can remain, the handler closes right
 * after the write instead, which is much cheaper.
 */
final class LingeringClose implements ChannelFutureListener {
  static final LingeringClose INSTANCE = new LingeringClose();
  static final long LINGER_MILLIS = 1_000;

  private LingeringClose() {}

  @Override
  public void operationComplete(ChannelFuture written) {
    final Channel channel = written.channel();
    if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex)) {
      channel.close();
      return;
    }
    duplex
        .shutdownOutput()
        .addListener(
            shut ->
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS));
  }
}
