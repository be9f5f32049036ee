package org.aquaticjava.cli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the trackers under test are run for the client matrix: the one parameter that changes when
 * another way to run them exists (e.g. a single {@code aquatic all} process serving every
 * protocol: add a constant whose {@link #start} hands out that process for each protocol).
 */
enum TrackerSetup {
  /** {@code aquatic udp} for {@code udp://}, {@code aquatic http} for {@code http(s)://}. */
  ONE_PROCESS_PER_PROTOCOL {
    @Override
    TrackerProcess start(Path jar, Path dir, TrackerProtocol protocol) throws Exception {
      final String name = protocol.name().toLowerCase(Locale.ROOT);
      return TrackerProcess.start(jar, Files.createDirectories(dir.resolve(name)), protocol);
    }
  };

  /** Starts (or hands out) the tracker serving {@code protocol}, its files under {@code dir}. */
  abstract TrackerProcess start(Path jar, Path dir, TrackerProtocol protocol) throws Exception;
}
