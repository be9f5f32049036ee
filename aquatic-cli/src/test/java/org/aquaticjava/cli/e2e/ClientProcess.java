package org.aquaticjava.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One real BitTorrent client program in a child process, started with {@code HOME} set to its own
 * work directory (so no client reads or writes the user's configuration) and its console output in
 * a file there. Stopping is by this process's PID only: SIGTERM, then SIGKILL after a bounded
 * grace time. Should the test JVM exit before a client was stopped (a killed fork), a shutdown
 * hook kills every client still running, so none outlives the test run. Also runs the clients'
 * short-lived control programs ({@link #run}). Thread-safe.
 */
final class ClientProcess {
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  /** The clients started and not yet seen to exit, for the shutdown hook. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-clients"));
  }

  private final String name;
  private final Process process;
  private final Path console;

  private ClientProcess(String name, Process process, Path console) {
    this.name = name;
    this.process = process;
    this.console = console;
  }

  /**
   * Starts {@code command} in {@code workDir} (which becomes its {@code HOME}) with {@code
   * environment} added, its output going to {@code workDir/console.txt}.
   */
  static ClientProcess start(List<String> command, Path workDir, Map<String, String> environment)
      throws IOException {
    final Path console = workDir.resolve("console.txt");
    final ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(console.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("HOME", workDir.toString());
    builder.environment().putAll(environment);
    final Process process = builder.start();
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    return new ClientProcess(command.getFirst(), process, console);
  }

  /**
   * Runs a control program (e.g. {@code transmission-remote}) to its end, at most {@code timeout},
   * and returns its exit status and output; one that outlives the bound is killed.
   */
  static Result run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    final Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    final FutureTask<byte[]> output =
        new FutureTask<>(() -> process.getInputStream().readAllBytes());
    Thread.ofVirtual().start(output);
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(KILL_WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    String text;
    try {
      text =
          new String(output.get(KILL_WAIT.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8);
    } catch (ExecutionException | TimeoutException e) {
      text = "(cannot read the output: " + e + ")";
    }
    return new Result(process.isAlive() ? -1 : process.exitValue(), text);
  }

  /** What a control program printed and its exit status (-1 if it had to be killed). */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Whether the program has exited with status 0 (aria2c's "download complete"). */
  boolean exitedSuccessfully() {
    return !process.isAlive() && process.exitValue() == 0;
  }

  /** The last {@code lines} lines of the program's console output. */
  String consoleTail(int lines) {
    return tail(console, lines);
  }

  /** The last {@code lines} lines of {@code file}, or a note that it does not exist. */
  static String tail(Path file, int lines) {
    try {
      final List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (NoSuchFileException e) {
      return "(no " + file + ")";
    } catch (IOException e) {
      // e.g. a log with bytes that are not UTF-8 (rtorrent dumps raw tracker replies)
      try {
        final String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        final String[] all = text.split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
      } catch (IOException again) {
        return "(cannot read " + file + ": " + again + ")";
      }
    }
  }

  /**
   * Stops the program by its PID: SIGTERM, then SIGKILL if it has not exited within {@code grace}.
   * Returns within {@code grace} plus 10 s.
   */
  void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(KILL_WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Waits at most {@code timeout} for the program to exit by itself; true if it has. */
  boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
