package org.aquaticjava.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code -v} text: the project version, written into {@code version.properties} by Maven
 * resource filtering at build time, and the Java runtime running it.
 */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    return new String[] {
      "aquatic-java " + projectVersion(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  static String projectVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IOException("version.properties missing from the jar");
      }
      properties.load(in);
    }
    return properties.getProperty("version", "unknown");
  }
}
