/**
 * TLS for the TCP trackers (HTTPS and WSS): certificate chain and private key from PEM files
 * (PKCS#8, PKCS#1 and SEC1 keys, RSA and ECDSA, converted by our own code so no BouncyCastle is
 * needed at runtime), a Netty {@link io.netty.handler.ssl.SslContext} on BoringSSL when
 * netty-tcnative loads and on the JDK otherwise, hot reload on SIGUSR1 and on file change that
 * affects new connections only, a handshake timeout, session resumption (tickets under an
 * in-memory, rotated key and a TLS 1.2 session cache), and metrics for handshakes (full or
 * resumed), handshake failures and certificate expiry.
 *
 * <p>Entry point: {@link org.aquaticjava.netty.tls.TlsContextProvider}.
 */
@NullMarked
package org.aquaticjava.netty.tls;

import org.jspecify.annotations.NullMarked;
