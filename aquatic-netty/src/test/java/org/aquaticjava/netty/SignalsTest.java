package org.aquaticjava.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {
  @Test
  void runsTheActionOnItsOwnThreadWhenSigusr1Arrives() throws Exception {
    final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    final boolean installed = Signals.onSignal("USR1", () -> threads.add(Thread.currentThread().getName()));
    // Without a handler SIGUSR1 would terminate the test JVM, so never send it then.
    assumeTrue(installed, "no signal API on this JVM");

    final Process kill =
        new ProcessBuilder("kill", "-USR1", Long.toString(ProcessHandle.current().pid()))
            .inheritIO()
            .start();
    assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();

    assertThat(threads.poll(5, TimeUnit.SECONDS)).isEqualTo("signals");
  }

  @Test
  void refusesASignalThatDoesNotExist() {
    assertThat(Signals.onSignal("NOSUCHSIGNAL", () -> {})).isFalse();
  }
}
