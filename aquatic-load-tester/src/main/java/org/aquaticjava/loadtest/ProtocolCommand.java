package org.aquaticjava.loadtest;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.List;
import java.util.concurrent.Callable;
import org.aquaticjava.core.config.ConfigException;
import org.aquaticjava.core.config.ConfigLoader;
import org.aquaticjava.core.config.ConfigPrinter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options every protocol sub-command shares: {@code -c FILE} loads a config (unknown keys and
 * bad values are errors, all reported at once), {@code -p} prints the commented default config,
 * {@code --info-hashes} prints the run's info hashes (40 hex digits per line, e.g. for a tracker's
 * whitelist). Without {@code -p} or {@code --info-hashes} the load test runs and prints its report.
 *
 * @param <C> the protocol's config record
 */
@Command(mixinStandardHelpOptions = true)
public abstract class ProtocolCommand<C extends Record> implements Callable<Integer> {
  /** Exit status of a run that could not start (bad config, refused target). */
  public static final int EXIT_USAGE = 2;

  @Spec private @Nullable CommandSpec spec;

  @Option(names = "-c", paramLabel = "FILE", description = "Load the config from this TOML file.")
  private @Nullable Path configFile;

  @Option(names = "-p", description = "Print the default config with comments and exit.")
  private boolean printConfig;

  @Option(
      names = "--info-hashes",
      description = "Print the config's info hashes as hex, one per line, and exit.")
  private boolean printInfoHashes;

  /** The config class, for loading. */
  protected abstract Class<C> configType();

  /** The default config. */
  protected abstract C defaults();

  /** The workload section of {@code config}. */
  protected abstract WorkloadConfig workload(C config);

  /** Problems {@code config} has beyond what the loader checks. */
  protected abstract List<String> problems(C config);

  /** Runs the load test; throws {@link IllegalArgumentException} for a refused target. */
  protected abstract LoadTestResult run(C config, PrintWriter progress) throws Exception;

  @Override
  public final Integer call() throws Exception {
    final PrintWriter out = spec().commandLine().getOut();
    final PrintWriter err = spec().commandLine().getErr();
    if (printConfig) {
      out.print(ConfigPrinter.print(defaults()));
      out.flush();
      return 0;
    }
    final C config;
    try {
      config =
          configFile == null
              ? defaults()
              : ConfigLoader.load(configFile, configType(), defaults());
    } catch (ConfigException e) {
      err.println("config " + configFile + " is not valid:");
      e.problems().forEach(problem -> err.println("  " + problem));
      return EXIT_USAGE;
    }
    final List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      err.println("config is not valid:");
      problems.forEach(problem -> err.println("  " + problem));
      return EXIT_USAGE;
    }
    if (printInfoHashes) {
      final TorrentPool torrents = TorrentPool.generate(workload(config));
      for (int i = 0; i < torrents.size(); i++) {
        out.println(torrents.infoHashHex(i));
      }
      return 0;
    }
    final LoadTestResult result;
    try {
      result = run(config, out);
    } catch (IllegalArgumentException e) {
      err.println("aquatic-load-test: " + e.getMessage());
      return EXIT_USAGE;
    }
    ReportPrinter.print(result, out);
    out.flush();
    return 0;
  }

  private CommandSpec spec() {
    return Objects.requireNonNull(spec, "picocli injects the spec");
  }
}
