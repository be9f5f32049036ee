package org.aquaticjava.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/**
 * Makes a PKCS#12 identity the way aquatic's README tells operators to: {@code openssl pkcs12
 * -export -out identity.pfx -inkey privkey.pem -in cert.pem -certfile fullchain.pem}, run as a
 * process, so the trackers are tested with files of the real tool. Needs {@code openssl} on the
 * PATH ({@code scripts/install-e2e-deps.sh} installs it).
 */
public final class Pkcs12Export {
  private static final long TIMEOUT_SECONDS = 30;

  private Pkcs12Export() {}

  /**
   * Writes {@code out} from PEM texts, through a rename so a file watcher never sees half a file.
   *
   * @param certificate the server certificate ({@code cert.pem})
   * @param chain the full chain ({@code fullchain.pem})
   * @param privateKey the private key ({@code privkey.pem})
   * @throws IOException if openssl is missing or fails; the message holds its output
   */
  public static void export(
      String certificate, String chain, String privateKey, String password, Path out)
      throws IOException, InterruptedException {
    final Path dir = Files.createTempDirectory(out.toAbsolutePath().getParent(), "pkcs12-");
    try {
      final Path cert = Files.writeString(dir.resolve("cert.pem"), certificate);
      final Path fullchain = Files.writeString(dir.resolve("fullchain.pem"), chain);
      final Path key = Files.writeString(dir.resolve("privkey.pem"), privateKey);
      final Path pfx = dir.resolve("identity.pfx");
      final Process openssl =
          new ProcessBuilder(
                  "openssl", "pkcs12", "-export", "-out", pfx.toString(), "-inkey", key.toString(),
                  "-in", cert.toString(), "-certfile", fullchain.toString(),
                  "-passout", "pass:" + password)
              .redirectErrorStream(true)
              .start();
      openssl.getOutputStream().close();
      final boolean exited = openssl.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      final String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!exited || openssl.exitValue() != 0) {
        openssl.destroyForcibly();
        throw new IOException("openssl pkcs12 -export failed: " + output);
      }
      Files.move(pfx, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
