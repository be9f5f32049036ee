package org.aquaticjava.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one loader of the golden files in this module's {@code src/main/resources/golden/}, e.g.
 * {@code Golden.bytes("udp/connect-request.bin")}, and the one check of output against them.
 *
 * <p>Two kinds of golden live here:
 *
 * <ul>
 *   <li><b>Oracles</b> ({@code udp/}, {@code http/}, {@code ws/}): wire messages written by hand or
 *       by Node from the reference examples (see each folder's README.md), never by our writers.
 *       {@link #assertMatches} always compares them.
 *   <li><b>Generated</b> ({@value #GENERATED}): what our code prints, such as the commented
 *       default configs. Running tests with {@code -Dgolden.update=true} makes {@link
 *       #assertMatches} rewrite these in the source tree instead of comparing, to be reviewed as a
 *       diff; never silently.
 * </ul>
 *
 * <p>Stateless and thread-safe; every read returns a fresh copy.
 */
public final class Golden {
  /** The folder whose goldens the update switch may rewrite: output of our own code. */
  public static final String GENERATED = "config/";

  private static final String ROOT = "/golden/";
  private static final Path SOURCE = Path.of("aquatic-golden", "src", "main", "resources", "golden");

  private Golden() {}

  /** The file's bytes. Throws {@link IllegalArgumentException} if there is no such golden. */
  public static byte[] bytes(String path) {
    try (InputStream in = Golden.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no golden file " + ROOT + path + (regenerated(path) ? "; create it with -Dgolden.update=true" : ""));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading golden file " + ROOT + path, e);
    }
  }

  /** The file's bytes in an unpooled heap buffer (no release needed, but harmless). */
  public static ByteBuf buffer(String path) {
    return Unpooled.wrappedBuffer(bytes(path));
  }

  /** The file decoded as UTF-8. */
  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** The file decoded as ISO-8859-1: one char per byte, for request targets and bencode. */
  public static String latin1(String path) {
    return new String(bytes(path), StandardCharsets.ISO_8859_1);
  }

  /**
   * Fails unless {@code actual} equals the golden's UTF-8 text exactly; under {@code
   * -Dgolden.update=true} a {@linkplain #GENERATED generated} golden is rewritten instead.
   */
  public static void assertMatches(String path, String actual) {
    if (!update(path, actual.getBytes(StandardCharsets.UTF_8))) {
      assertThat(actual).as(description(path)).isEqualTo(text(path));
    }
  }

  /**
   * Fails unless {@code actual} equals the golden's bytes exactly; under {@code
   * -Dgolden.update=true} a {@linkplain #GENERATED generated} golden is rewritten instead.
   */
  public static void assertMatches(String path, byte[] actual) {
    if (!update(path, actual)) {
      assertThat(actual).as(description(path)).isEqualTo(bytes(path));
    }
  }

  private static String description(String path) {
    return regenerated(path)
        ? "golden/" + path + " (regenerate with -Dgolden.update=true and review the diff)"
        : "golden/" + path + " (an oracle: see its folder's README.md)";
  }

  private static boolean regenerated(String path) {
    return path.startsWith(GENERATED);
  }

  private static boolean update(String path, byte[] actual) {
    if (!Boolean.getBoolean("golden.update") || !regenerated(path)) {
      return false;
    }
    final Path file = sourceRoot().resolve(path);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, actual);
    } catch (IOException e) {
      throw new UncheckedIOException("writing golden file " + file, e);
    }
    return true;
  }

  /** This module's golden source folder, found upwards from the running module's directory. */
  private static Path sourceRoot() {
    final Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(SOURCE))) {
        return dir.resolve(SOURCE);
      }
    }
    throw new IllegalStateException("no " + SOURCE + " above " + start + " to update goldens in");
  }
}
