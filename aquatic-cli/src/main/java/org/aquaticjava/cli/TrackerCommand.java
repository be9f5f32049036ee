package org.aquaticjava.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigFiles;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.ConfigPrinter;
import org.aquaticjava.core.config.LogLevel;
import org.aquaticjava.netty.tls.TlsCredentialsException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * One tracker subcommand with aquatic's options: {@code -c FILE}, {@code -p}, {@code -P}, {@code
 * -v}, {@code -h}. A protocol adds itself with a subclass that passes its config type, defaults,
 * log-level accessor and start function, and carries {@code @Command(name = ..., description =
 * ...)}. Picocli fills the options, then calls {@link #call()} once on the main thread.
 *
 * @param <C> the protocol's config record
 */
@Command(
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    footer = {
      "",
      "Exit status: 0 after -p, -v, -h or a clean stop (SIGTERM, SIGINT); 1 if the tracker fails"
          + " to start for another reason or stops by itself; 2 for bad arguments or any problem"
          + " with the config, including the files it names and an address another process"
          + " already holds (one line per problem)."
    })
public abstract class TrackerCommand<C extends Record> implements Callable<Integer> {
  private final Class<C> configType;
  private final C defaults;
  private final Function<C, LogLevel> logLevel;
  private final TrackerStarter<C> starter;
  private final StopSignals stopSignals;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-c", "--config-file"},
      paramLabel = "FILE",
      description = "Load the config from this TOML file; keys it leaves out keep their defaults.")
  private Path configFile;

  @Option(
      names = {"-p", "--print-config"},
      description = "Print the default config as commented TOML and exit.")
  private boolean printDefaults;

  @Option(
      names = {"-P", "--print-parsed-config"},
      description = "Print the config in effect (file plus defaults), then run.")
  private boolean printEffective;

  @Mixin private StandardOptions standardOptions;

  protected TrackerCommand(
      Class<C> configType,
      C defaults,
      Function<C, LogLevel> logLevel,
      TrackerStarter<C> starter,
      StopSignals stopSignals) {
    this.configType = configType;
    this.defaults = defaults;
    this.logLevel = logLevel;
    this.starter = starter;
    this.stopSignals = stopSignals;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (printDefaults) {
      out.print(ConfigPrinter.print(defaults));
      out.flush();
      return ExitCodes.OK;
    }
    C config;
    try {
      config = configFile == null ? defaults : ConfigLoader.load(configFile, configType, defaults);
      final List<String> fileProblems = ConfigFiles.problems(config);
      if (!fileProblems.isEmpty()) {
        throw new ConfigException(fileProblems);
      }
    } catch (ConfigException e) {
      return badConfig(e.problems(), err);
    }
    if (printEffective) {
      out.print(ConfigPrinter.printEffective(config));
      out.flush();
    }
    SimpleLoggerSetup.configure(logLevel.apply(config));
    return run(config, err);
  }

  private int run(C config, PrintWriter err) throws InterruptedException {
    String name = "aquatic " + spec.name();
    RunningTracker tracker;
    try {
      tracker = starter.start(config);
    } catch (ConfigException e) {
      // Found only at start-up (e.g. an address another process holds): still the config's fault.
      return badConfig(e.problems(), err);
    } catch (TlsCredentialsException e) {
      // A named file's content: the message starts with the key at fault.
      return badConfig(List.of(e.getMessage()), err);
    } catch (Exception e) {
      LoggerFactory.getLogger(TrackerCommand.class).debug("{} failed to start", name, e);
      err.println(name + ": cannot start: " + describe(e));
      err.flush();
      return ExitCodes.START_FAILED;
    }
    AtomicBoolean stopRequested = new AtomicBoolean();
    stopSignals.onStop(
        () -> {
          stopRequested.set(true);
          tracker.close();
        });
    try {
      tracker.awaitTermination();
    } finally {
      tracker.close();
    }
    if (stopRequested.get()) {
      return ExitCodes.OK;
    }
    err.println(name + ": the tracker stopped by itself; see the log for why");
    err.flush();
    return ExitCodes.START_FAILED;
  }

  /** Prints each problem on its own line, naming the config file; exit status 2. */
  private int badConfig(List<String> problems, PrintWriter err) {
    final String source = configFile == null ? "config" : configFile.toString();
    for (String problem : problems) {
      err.println(source + ": " + problem);
    }
    err.flush();
    return ExitCodes.BAD_CONFIG;
  }

  /** "BindException: Address already in use", with the root cause when there is a different one. */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = oneLine(failure);
    return root == failure ? text : text + " (cause: " + oneLine(root) + ")";
  }

  private static String oneLine(Throwable t) {
    String message = t.getMessage();
    String type = t.getClass().getSimpleName();
    return message == null || message.isBlank()
        ? type
        : type + ": " + message.strip().replace('\n', ' ');
  }
}
