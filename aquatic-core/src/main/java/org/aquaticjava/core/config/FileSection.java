package org.aquaticjava.core.config;

import java.util.List;

/**
 * A config section that names files the tracker reads at start-up (a TLS certificate, an access
 * list). {@link ConfigFiles} asks each such section of a loaded config for its problems before
 * the tracker starts, so a missing file is a config error (exit status 2) reported with the
 * others, not a start-up failure.
 */
public interface FileSection {
  /**
   * Reads the files this section names, as the tracker will at start-up, and returns what is
   * wrong, one problem per entry, each starting with the key of this section it concerns ({@code
   * path: ...}); empty when all is well or the section is switched off.
   */
  List<String> fileProblems();
}
