package org.aquaticjava.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** One WebTorrent message over a new WebSocket connection to a tracker on loopback. */
final class WsExchange {
  private WsExchange() {}

  /** Sends {@code message} to {@code ws://address/} and returns the first reply's text (5 s at most). */
  static String once(InetSocketAddress address, String message) throws Exception {
    final CompletableFuture<String> reply = new CompletableFuture<>();
    final String host =
        address.getAddress().getHostAddress().contains(":")
            ? "[" + address.getAddress().getHostAddress() + "]"
            : address.getAddress().getHostAddress();
    final WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                URI.create("ws://" + host + ":" + address.getPort() + "/"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    reply.complete(data.toString());
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    try {
      socket.sendText(message, true);
      return reply.get(5, TimeUnit.SECONDS);
    } finally {
      socket.abort();
    }
  }
}
