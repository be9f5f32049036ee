package org.aquaticjava.http;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, telling the connection handler whether it still holds received bytes
 * beyond the request it just delivered: the start of a pipelined request, or a body. A connection
 * that closes after its response can then tell whether unread input remains (see {@link
 * LingeringClose}). One instance per connection, used on its event loop only.
 */
final class TrackerRequestDecoder extends HttpRequestDecoder {
  TrackerRequestDecoder(HttpDecoderConfig config) {
    super(config);
  }

  /**
   * Whether bytes received after the last delivered request head wait in the decoder's buffer.
   * Called from the handler while it handles that head.
   */
  boolean holdsUnreadInput() {
    return actualReadableBytes() > 0;
  }
}
