package org.aquaticjava.cli.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What one run of the two WebTorrent peers reported (see {@code e2e/webtorrent/transfer.mjs}).
 * Immutable.
 *
 * @param exitCode the driver's exit status: 0 when the run was carried out (whether or not the file
 *     arrived), -1 when it had to be killed
 * @param results the driver's key=value results
 * @param details the driver's command line, exit status and whole output, for failure messages
 */
record WebtorrentRun(int exitCode, Properties results, String details) {
  /** Whether the leecher had the whole file before the timeout. */
  boolean transferred() {
    return Boolean.parseBoolean(results.getProperty("transferred"));
  }

  /** Seconds from the leecher's start to its last piece; 0 if it never finished. */
  double seconds() {
    return Double.parseDouble(results.getProperty("seconds", "0"));
  }

  /** sha256 (hex) of the leecher's copy, or "" if it never finished. */
  String leecherSha256() {
    return results.getProperty("leecher.sha256", "");
  }

  /** Size of the leecher's copy in bytes. */
  long leecherBytes() {
    return Long.parseLong(results.getProperty("leecher.bytes", "0"));
  }

  /** The info hash the {@code peer} ("seeder" or "leecher") worked on, or "". */
  String infoHash(String peer) {
    return results.getProperty(peer + ".infoHash", "");
  }

  /** Peer connections (wires) the {@code peer} opened. */
  int wires(String peer) {
    return Integer.parseInt(results.getProperty(peer + ".wires", "0"));
  }

  /** The torrent warnings of {@code peer}; tracker failures and refusals arrive as warnings. */
  List<String> warnings(String peer) {
    return split(results.getProperty(peer + ".warnings", ""));
  }

  /** The client and torrent errors of {@code peer}. */
  List<String> errors(String peer) {
    return split(results.getProperty(peer + ".errors", ""));
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" \\| "));
  }
}
