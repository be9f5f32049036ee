package org.aquaticjava.netty.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Splits a PEM file (RFC 7468) into its blocks. Text outside blocks (the {@code Bag Attributes} and
 * {@code subject=} lines some tools write) is ignored, as are CR line ends. Load-time code, not a
 * hot path.
 */
final class PemReader {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private PemReader() {}

  /** The blocks of {@code file} in order; empty if it has none. */
  static List<PemBlock> read(Path file) throws TlsCredentialsException {
    final String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new TlsCredentialsException(file + ": cannot read: " + e, e);
    }
    return parse(text, file.toString());
  }

  /** The blocks of {@code text}; {@code source} names it in error messages. */
  static List<PemBlock> parse(String text, String source) throws TlsCredentialsException {
    final List<PemBlock> blocks = new ArrayList<>();
    final String[] lines = text.split("\r?\n", -1);
    @Nullable String label = null;
    boolean encrypted = false;
    final StringBuilder base64 = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      final String line = lines[i].strip();
      if (label == null) {
        if (line.startsWith(BEGIN) && line.endsWith(DASHES)) {
          label = line.substring(BEGIN.length(), line.length() - DASHES.length());
          encrypted = false;
          base64.setLength(0);
        }
      } else if (line.startsWith(END)) {
        if (!line.equals(END + label + DASHES)) {
          throw new TlsCredentialsException(
              source + ":" + (i + 1) + ": expected -----END " + label + "-----");
        }
        blocks.add(new PemBlock(label, decode(base64, source, label), encrypted));
        label = null;
      } else if (line.indexOf(':') >= 0) {
        // RFC 1421 headers of legacy OpenSSL encrypted keys, e.g. "Proc-Type: 4,ENCRYPTED"
        encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
      } else {
        base64.append(line);
      }
    }
    if (label != null) {
      throw new TlsCredentialsException(source + ": -----BEGIN " + label + "----- never ends");
    }
    return blocks;
  }

  private static byte[] decode(CharSequence base64, String source, String label)
      throws TlsCredentialsException {
    try {
      return Base64.getMimeDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new TlsCredentialsException(source + ": " + label + " block is not valid Base64", e);
    }
  }
}
