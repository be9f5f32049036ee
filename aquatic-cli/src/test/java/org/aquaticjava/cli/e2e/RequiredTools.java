package org.aquaticjava.cli.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The external programs an end-to-end test needs. On a developer machine a missing program skips
 * the test; under {@code CI=true} it fails it, because CI installs them first
 * ({@code scripts/run-tests.sh} runs {@code scripts/install-e2e-deps.sh}) and a skipped end-to-end
 * test there would hide a broken set-up.
 */
final class RequiredTools {
  private static final String INSTALL_HINT =
      " (install them with scripts/install-e2e-deps.sh and scripts/install-ops-deps.sh)";

  private RequiredTools() {}

  /** Skips (or, under {@code CI=true}, fails) the current test unless all programs are on PATH. */
  static void requireOnPath(String... programs) {
    final List<String> missing = new ArrayList<>();
    for (String program : programs) {
      if (!onPath(program)) {
        missing.add(program);
      }
    }
    if (!missing.isEmpty()) {
      skipOrFail("not on PATH: " + String.join(", ", missing) + INSTALL_HINT);
    }
  }

  /**
   * Skips (or, under {@code CI=true}, fails) the current test unless all files exist (things the
   * install script puts outside PATH, such as the npm packages of e2e/webtorrent).
   */
  static void requireFiles(Path... files) {
    final List<String> missing = new ArrayList<>();
    for (Path file : files) {
      if (!Files.exists(file)) {
        missing.add(file.toString());
      }
    }
    if (!missing.isEmpty()) {
      skipOrFail("missing: " + String.join(", ", missing) + INSTALL_HINT);
    }
  }

  /**
   * Skips (or, under {@code CI=true}, fails) the current test unless it runs as root (it installs
   * and removes Debian packages).
   */
  static void requireRoot() {
    if (!"root".equals(System.getProperty("user.name"))) {
      skipOrFail("not root (user " + System.getProperty("user.name") + "); it installs packages");
    }
  }

  private static void skipOrFail(String message) {
    if ("true".equals(System.getenv("CI"))) {
      fail(message + "; CI=true, so the end-to-end test must not be skipped");
    }
    Assumptions.abort("end-to-end test skipped: " + message);
  }

  private static boolean onPath(String program) {
    final String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
