package org.aquaticjava.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the process writes to {@code System.err}, where slf4j-simple logs (it looks the
 * stream up for each line), while still passing it through, so a test can assert on the log lines
 * the real server printed. {@link #close} restores the previous stream.
 *
 * <p>Process-wide: meant for tests that run one at a time in their JVM (the default here).
 * Thread-safe: the buffer's methods are synchronized.
 */
public final class StderrCapture implements AutoCloseable {
  private final PrintStream previous;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private StderrCapture() {
    previous = System.err;
    final OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            captured.write(b);
            previous.write(b);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            captured.write(bytes, offset, length);
            previous.write(bytes, offset, length);
          }
        };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** Starts capturing. */
  public static StderrCapture start() {
    return new StderrCapture();
  }

  /** Everything written since {@link #start}. */
  public String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(previous);
  }
}
