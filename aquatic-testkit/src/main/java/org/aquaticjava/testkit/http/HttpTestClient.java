package org.aquaticjava.testkit.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.aquaticjava.http.protocol.HttpAnnounceRequest;
import org.aquaticjava.http.protocol.HttpAnnounceRequestWriter;
import org.aquaticjava.http.protocol.HttpQueryParser;

/**
 * A tracker client over the JDK {@link HttpClient} (HTTP/1.1, keep-alive as the JDK pools
 * connections), for integration tests against a tracker on loopback. Every request is bounded by
 * a timeout. Thread-safe, like the JDK client.
 */
public final class HttpTestClient implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client;
  private final String base;

  private HttpTestClient(HttpClient client, String base) {
    this.client = client;
    this.base = base;
  }

  /** A plain-HTTP client of the tracker at {@code address} (IPv6 literals are bracketed). */
  public static HttpTestClient http(InetSocketAddress address) {
    return new HttpTestClient(builder().build(), "http://" + authority(address));
  }

  /** An HTTPS client trusting what {@code ssl} trusts. */
  public static HttpTestClient https(InetSocketAddress address, SSLContext ssl) {
    return new HttpTestClient(builder().sslContext(ssl).build(), "https://" + authority(address));
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT);
  }

  private static String authority(InetSocketAddress address) {
    final String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** GETs {@code target} (path and query, already percent-encoded). */
  public HttpTrackerResponse get(String target) throws IOException, InterruptedException {
    final HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + target)).timeout(TIMEOUT).GET().build();
    final HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new HttpTrackerResponse(
        response.statusCode(),
        response.headers().firstValue("content-type").orElse(null),
        response.headers().firstValue("connection").orElse(null),
        response.body());
  }

  public HttpTrackerResponse announce(HttpAnnounceRequest announce)
      throws IOException, InterruptedException {
    return get(HttpAnnounceRequestWriter.announceTarget(announce));
  }

  /** Scrapes {@code infoHashes} at the default scrape path. */
  public HttpTrackerResponse scrape(List<byte[]> infoHashes)
      throws IOException, InterruptedException {
    return get(scrapeTarget(HttpQueryParser.DEFAULT_SCRAPE_PATH, infoHashes));
  }

  /** {@code <path>?info_hash=...&...}, percent-encoded like libtorrent. */
  public static String scrapeTarget(String path, List<byte[]> infoHashes) {
    final ByteBuf out = Unpooled.buffer();
    try {
      HttpAnnounceRequestWriter.writeScrapeTarget(out, path, infoHashes);
      return out.toString(StandardCharsets.US_ASCII);
    } finally {
      out.release();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
