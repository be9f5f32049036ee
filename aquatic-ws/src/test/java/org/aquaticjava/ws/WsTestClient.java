package org.aquaticjava.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.aquaticjava.ws.protocol.TrackerMessage;
import org.aquaticjava.ws.protocol.TrackerMessageKind;
import org.aquaticjava.ws.protocol.TrackerMessageParser;

/**
 * A real WebSocket client (the JDK's {@link WebSocket}) for integration tests: sends text or binary
 * messages, collects every text message the tracker sends, and records the close code. The JDK
 * answers pings itself. Every wait is bounded.
 */
final class WsTestClient implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(5);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final TrackerMessageParser READER = new TrackerMessageParser(1 << 20, 1 << 20);

  private final WebSocket socket;
  private final BlockingQueue<String> texts;
  private final CompletableFuture<Integer> closeCode;

  private WsTestClient(WebSocket socket, BlockingQueue<String> texts, CompletableFuture<Integer> closeCode) {
    this.socket = socket;
    this.texts = texts;
    this.closeCode = closeCode;
  }

  static WsTestClient connect(InetSocketAddress tracker) throws Exception {
    return connect(uri(tracker, "/announce"));
  }

  /** Connects from {@code source} (e.g. one of 127.0.0.0/8, to act as another client address). */
  static WsTestClient connectFrom(InetSocketAddress tracker, InetAddress source) throws Exception {
    return connect(uri(tracker, "/announce"), HttpClient.newBuilder().localAddress(source).build());
  }

  static URI uri(InetSocketAddress tracker, String path) {
    final String host = tracker.getAddress() instanceof Inet6Address
        ? "[" + tracker.getAddress().getHostAddress() + "]"
        : tracker.getAddress().getHostAddress();
    return URI.create("ws://" + host + ":" + tracker.getPort() + path);
  }

  static WsTestClient connect(URI uri) throws Exception {
    return connect(uri, HTTP);
  }

  /** Connects over wss:// to {@code tracker}, trusting what {@code tls} trusts. */
  static WsTestClient connectTls(InetSocketAddress tracker, SSLContext tls) throws Exception {
    final URI plain = uri(tracker, "/announce");
    return connect(URI.create("wss" + plain.toString().substring(2)), HttpClient.newBuilder().sslContext(tls).build());
  }

  private static WsTestClient connect(URI uri, HttpClient http) throws Exception {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final WebSocket.Listener listener =
        new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              texts.add(partial.toString());
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
          }

          @Override
          public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
          }
        };
    final WebSocket socket =
        http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, listener)
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return new WsTestClient(socket, texts, closeCode);
  }

  void send(String json) throws Exception {
    socket.sendText(json, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  void sendBytes(byte[] utf8Json) throws Exception {
    send(new String(utf8Json, StandardCharsets.UTF_8));
  }

  void sendBinary(byte[] payload) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(payload), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** The next text message, waiting up to 5 s. */
  String nextText() throws InterruptedException {
    final String text = texts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(text).as("a message from the tracker within %s", WAIT).isNotNull();
    return text;
  }

  /** The next message as UTF-8 bytes, for byte-exact comparisons with golden files. */
  byte[] nextBytes() throws InterruptedException {
    return nextText().getBytes(StandardCharsets.UTF_8);
  }

  /** The next message, read by the protocol module's client-side reader. */
  TrackerMessage next() throws InterruptedException {
    return parse(nextText());
  }

  /** The next text message if one arrives within {@code wait}, else null. */
  String pollText(Duration wait) throws InterruptedException {
    return texts.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  static TrackerMessage parse(String text) {
    final TrackerMessage message = new TrackerMessage(1 << 20, 1024);
    READER.parse(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), message);
    return message;
  }

  /** The next message, which must be of {@code kind}. */
  TrackerMessage next(TrackerMessageKind kind) throws InterruptedException {
    final TrackerMessage message = next();
    assertThat(message.kind()).as("kind of %s", message.failureReason()).isEqualTo(kind);
    return message;
  }

  /** Asserts that nothing arrives within {@code quiet}. */
  void expectNothing(Duration quiet) throws InterruptedException {
    assertThat(texts.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).as("unexpected message").isNull();
  }

  /** The close code the tracker sent, waiting up to {@code wait}. */
  int awaitCloseCode(Duration wait) throws Exception {
    return closeCode.get(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isClosedByTracker() {
    return closeCode.isDone();
  }

  /** Drops the TCP connection at once (no close handshake), like a crashed client. */
  @Override
  public void close() {
    socket.abort();
  }
}
