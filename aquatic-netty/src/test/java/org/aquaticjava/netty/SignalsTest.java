package org.aquaticjava.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignalsTest {
  @Test
  void runsTheActionOnItsOwnThreadWhenSigusr1Arrives() throws Exception {
    final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    final BlockingQueue<String> withdrawn = new LinkedBlockingQueue<>();
    final Signals.Registration first =
        Signals.onSignal("USR1", () -> threads.add(Thread.currentThread().getName()));
    // Without a handler SIGUSR1 would terminate the test JVM, so never send it then.
    assumeTrue(first != null, "no signal API on this JVM");
    final Signals.Registration second = Signals.onSignal("USR1", () -> threads.add("second"));
    Signals.onSignal("USR1", () -> withdrawn.add("ran")).close();

    final Process kill =
        new ProcessBuilder("kill", "-USR1", Long.toString(ProcessHandle.current().pid()))
            .inheritIO()
            .start();
    assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();

    assertThat(List.of(threads.poll(5, TimeUnit.SECONDS), threads.poll(5, TimeUnit.SECONDS)))
        .containsExactly("signals", "second");
    assertThat(withdrawn).isEmpty();
    first.close();
    second.close();
  }

  @Test
  void refusesASignalThatDoesNotExist() {
    assertThat(Signals.onSignal("NOSUCHSIGNAL", () -> {})).isNull();
  }
}
