package org.aquaticjava.cli;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * WebTorrent messages over a WebSocket connection to a tracker on loopback: {@link #once} on a new
 * connection, or {@link #connect} for a connection that stays open (a WebTorrent peer lives as long
 * as its connection).
 */
public final class WsExchange implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 5;

  private final WebSocket socket;
  private final LinkedBlockingQueue<String> replies;

  private WsExchange(WebSocket socket, LinkedBlockingQueue<String> replies) {
    this.socket = socket;
    this.replies = replies;
  }

  /** Sends {@code message} to {@code ws://address/} and returns the first reply's text (5 s at most). */
  static String once(InetSocketAddress address, String message) throws Exception {
    try (WsExchange connection = connect(address)) {
      return connection.send(message);
    }
  }

  /** Opens {@code ws://address/} (5 s at most). */
  public static WsExchange connect(InetSocketAddress address) throws Exception {
    final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    final String host =
        address.getAddress().getHostAddress().contains(":")
            ? "[" + address.getAddress().getHostAddress() + "]"
            : address.getAddress().getHostAddress();
    final WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
            .buildAsync(
                URI.create("ws://" + host + ":" + address.getPort() + "/"),
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      replies.add(text.toString());
                      text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return new WsExchange(socket, replies);
  }

  /** Sends {@code message} and returns the next reply's text (5 s at most). */
  public String send(String message) throws Exception {
    socket.sendText(message, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    final String reply = replies.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (reply == null) {
      throw new java.util.concurrent.TimeoutException("no reply within " + TIMEOUT_SECONDS + " s");
    }
    return reply;
  }

  /** Drops the connection. */
  @Override
  public void close() {
    socket.abort();
  }
}
