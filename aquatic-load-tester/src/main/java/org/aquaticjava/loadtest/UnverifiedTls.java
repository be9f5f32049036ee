package org.aquaticjava.loadtest;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The client TLS context of the load testers: BoringSSL when netty-tcnative loads (else the JDK),
 * trusting ANY certificate. Acceptable only because every target is loopback ({@link
 * LoopbackTarget}) and the point is to load the tracker's TLS, not to authenticate it.
 *
 * <p>Sessions are cached per peer host and port: an {@code SslHandler} made with {@code
 * newHandler(alloc, host, port)} offers the session of an earlier connection to that peer (a TLS
 * 1.3 ticket, a TLS 1.2 session id); one made with {@code newHandler(alloc)} always does a full
 * handshake.
 */
public final class UnverifiedTls {
  private UnverifiedTls() {}

  /**
   * @param protocol the one TLS version to offer ({@code TLSv1.2}, {@code TLSv1.3}), or {@code ""}
   *     for the provider's default (both)
   */
  public static SslContext client(String protocol) throws SSLException {
    final SslContextBuilder builder =
        SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE);
    if (!protocol.isEmpty()) {
      builder.protocols(protocol);
    }
    return builder.build();
  }
}
