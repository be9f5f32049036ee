package org.aquaticjava.netty.tls;

import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.netty.handler.ssl.SslContext;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * The session ticket keys of one {@link TlsContextProvider}: the current key, which encrypts new
 * tickets, and the previous one, which still decrypts tickets issued before the last {@link
 * #rotate}. BoringSSL (through netty-tcnative) encrypts with the first key of the list it is given
 * and decrypts with whichever key's name the ticket carries; a ticket under the previous key
 * resumes and is re-issued under the current one, a ticket under an older key is not found and
 * the client gets a full handshake.
 *
 * <p>Keys are made from {@link SecureRandom} and live only in memory (here and in the native
 * contexts): a restart starts over, so tickets never outlive the process and no file can leak
 * them.
 *
 * <p>Thread-safety: all methods are synchronized; rotation is rare (once per interval).
 */
final class SessionTicketKeys {
  private final SecureRandom random;
  private OpenSslSessionTicketKey current;
  private @Nullable OpenSslSessionTicketKey previous;

  SessionTicketKeys(SecureRandom random) {
    this.random = random;
    this.current = newKey();
  }

  /** Makes a new current key; the current one becomes the previous, the previous is dropped. */
  synchronized void rotate() {
    previous = current;
    current = newKey();
  }

  /** Gives {@code context} the keys in force, if it is a BoringSSL context (else a no-op). */
  synchronized void applyTo(SslContext context) {
    if (context.sessionContext() instanceof OpenSslSessionContext sessions) {
      sessions.setTicketKeys(
          previous == null
              ? new OpenSslSessionTicketKey[] {current}
              : new OpenSslSessionTicketKey[] {current, previous});
    }
  }

  private OpenSslSessionTicketKey newKey() {
    return new OpenSslSessionTicketKey(
        bytes(OpenSslSessionTicketKey.NAME_SIZE),
        bytes(OpenSslSessionTicketKey.HMAC_KEY_SIZE),
        bytes(OpenSslSessionTicketKey.AES_KEY_SIZE));
  }

  private byte[] bytes(int length) {
    final byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
