/**
 * TLS for the TCP trackers (HTTPS and WSS): certificate chain and private key from PEM files
 * (PKCS#8, PKCS#1 and SEC1 keys, RSA and ECDSA, converted by our own code so no BouncyCastle is
 * needed at runtime), a Netty {@link io.netty.handler.ssl.SslContext} on BoringSSL when
 * netty-tcnative loads and on the JDK otherwise, hot reload on SIGUSR1 and on file change that
 * affects new connections only, a handshake timeout, and metrics for handshake failures and
 * certificate expiry.
 *
 * <p>Entry point: {@link org.aquaticjava.netty.tls.TlsContextProvider}.
 */
package org.aquaticjava.netty.tls;
