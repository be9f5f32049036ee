package org.aquaticjava.http.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP golden files of aquatic-testkit ({@code golden/http/}), which this module's build puts
 * on the test class path (see its pom.xml).
 */
final class Goldens {
  private Goldens() {}

  static byte[] bytes(String name) {
    final String path = "/golden/http/" + name;
    try (InputStream in = Goldens.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading golden file " + path, e);
    }
  }

  static String latin1(String name) {
    return new String(bytes(name), StandardCharsets.ISO_8859_1);
  }
}
