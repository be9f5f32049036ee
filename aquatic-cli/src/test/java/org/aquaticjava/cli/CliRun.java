package org.aquaticjava.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One in-process run of the {@code aquatic} command with captured output. */
record CliRun(int status, String out, String err) {

  static CliRun of(List<TrackerCommand<?>> trackers, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AquaticMain.execute(args, trackers, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(status, out.toString(), err.toString());
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
