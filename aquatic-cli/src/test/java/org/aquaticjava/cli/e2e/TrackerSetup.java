package org.aquaticjava.cli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the trackers under test are run for the client matrix: the one parameter that changes when
 * another way to run them exists (e.g. a single {@code aquatic all} process serving every
 * protocol: add a constant whose {@link #start} hands out that process for each protocol).
 */
enum TrackerSetup {
  /** {@code aquatic udp} for {@code udp://}, {@code aquatic http} for {@code http(s)://}: one process each. */
  ONE_PROCESS_PER_PROTOCOL {
    @Override
    TrackerProcess start(Path jar, Path dir, TrackerProtocol protocol) throws Exception {
      return TrackerProcess.start(
          jar, Files.createDirectories(dir.resolve(protocol.name().toLowerCase(java.util.Locale.ROOT))), protocol);
    }
  };

  /** Starts (or hands out) the tracker serving {@code protocol}, with its files under {@code dir}. */
  abstract TrackerProcess start(Path jar, Path dir, TrackerProtocol protocol) throws Exception;
}
