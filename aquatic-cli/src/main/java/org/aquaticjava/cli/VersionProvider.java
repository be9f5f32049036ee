package org.aquaticjava.cli;

import java.io.IOException;
import org.aquaticjava.netty.ProjectVersion;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code -v} text: the project version ({@link ProjectVersion}) and the Java runtime running
 * it.
 */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    return new String[] {
      "aquatic-java " + ProjectVersion.get(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
