package org.aquaticjava.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code aquatic} command: {@code aquatic <tracker> [options]}. Without a
 * subcommand, or with an unknown one or an unknown option, it prints the problem and the usage to
 * stderr and exits 2 (aquatic itself exits 0 there, which hides typos in service files).
 */
@Command(
    name = "aquatic",
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    usageHelpAutoWidth = true,
    description = "High-performance open BitTorrent tracker.",
    footer = {"", "Run 'aquatic COMMAND -h' for the options of a command."})
public final class AquaticMain implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private StandardOptions standardOptions;

  private AquaticMain() {}

  public static void main(String[] args) {
    SimpleLoggerSetup.configureFormat(); // before any class creates a logger
    LeakDetection.configure(System::getProperty); // before the first buffer is allocated
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(args, trackerCommands(), out, err));
  }

  /** Every tracker the jar can run; a new protocol is one more entry. */
  static List<TrackerCommand<?>> trackerCommands() {
    return List.of(new AllCommand(), new UdpCommand(), new HttpCommand(), new WsCommand());
  }

  /** Parses {@code args}, runs the chosen command and returns the exit status. */
  static int execute(
      String[] args, List<TrackerCommand<?>> trackers, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new AquaticMain());
    for (TrackerCommand<?> tracker : trackers) {
      commandLine.addSubcommand(tracker);
    }
    commandLine.setOut(out);
    commandLine.setErr(err);
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /** Reached only without a subcommand; picocli prints this message and the usage, exit 2. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
        + String.join(", ", spec.subcommands().keySet()));
  }
}
