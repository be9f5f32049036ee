package org.aquaticjava.loadtest;

import org.aquaticjava.loadtest.http.HttpLoadTestCommand;
import org.aquaticjava.loadtest.udp.UdpLoadTestCommand;
import org.aquaticjava.loadtest.ws.WsLoadTestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code aquatic-load-test}: one sub-command per protocol ({@code udp} and
 * {@code http} now; {@code ws} joins here), each with the tracker's {@code -c}/{@code -p} shape.
 */
@Command(
    name = "aquatic-load-test",
    mixinStandardHelpOptions = true,
    description = "Load generator for BitTorrent trackers on loopback.",
    subcommands = {UdpLoadTestCommand.class, HttpLoadTestCommand.class, WsLoadTestCommand.class})
public final class LoadTestMain implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit status (0 ok, 1 failed run, 2 usage or config). */
  public static int execute(String... args) {
    return new CommandLine(new LoadTestMain()).execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "choose a protocol: udp or http");
  }
}
