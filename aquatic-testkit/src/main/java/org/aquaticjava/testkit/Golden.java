package org.aquaticjava.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads golden files from {@code src/main/resources/golden/} of this module, e.g. {@code
 * Golden.bytes("udp/connect-request.bin")}. Goldens are written by hand from the reference
 * examples (see each folder's README.md) and are never regenerated silently. Stateless and
 * thread-safe; every call returns a fresh copy.
 */
public final class Golden {
  private static final String ROOT = "/golden/";

  private Golden() {}

  /** The file's bytes. Throws {@link IllegalArgumentException} if there is no such golden. */
  public static byte[] bytes(String path) {
    try (InputStream in = Golden.class.getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + ROOT + path);
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
}
