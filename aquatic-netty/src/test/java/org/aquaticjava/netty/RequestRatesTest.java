package org.aquaticjava.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.aquaticjava.core.metrics.TrackerMetrics;
import org.junit.jupiter.api.Test;

/** Rates over the last minute from once-a-second samples, with a clock the test moves. */
class RequestRatesTest {
  private final TrackerMetrics metrics = new TrackerMetrics();
  private long now;
  private final RequestRates rates = new RequestRates(metrics, () -> now);

  private void tick(int seconds) {
    now += TimeUnit.SECONDS.toNanos(seconds);
    rates.sample();
  }

  @Test
  void noRateBeforeTwoSamples() {
    assertThat(rates.rates().windowSeconds()).isZero();
    metrics.requests().labelValues("udp", "announce", "4", "0").inc(5);
    rates.sample();
    final RequestRates.Rates first = rates.rates();
    assertThat(first.windowSeconds()).isZero();
    assertThat(first.requestsPerSecond()).containsExactly(0, 0, 0);
    assertThat(first.requestsTotal()).containsExactly(5, 0, 0);
  }

  @Test
  void requestsMadeBeforeTheWorkersFirstSampleAreInTheWindow() {
    // The first sample is the constructor's: a request served before the sampler's thread first
    // runs still counts in the rate (it did not on a loaded machine when the thread took it).
    metrics.requests().labelValues("udp", "announce", "4", "0").inc(2);
    tick(1);
    final RequestRates.Rates r = rates.rates();
    assertThat(r.windowSeconds()).isEqualTo(1.0);
    assertThat(r.requestsPerSecond()).containsExactly(2, 0, 0);
  }

  @Test
  void ratesSumEveryLabelOfAProtocolAndSpanAtMostAMinute() {
    rates.sample();
    for (int second = 1; second <= 90; second++) {
      // udp: 10 a second over two label sets; ws: 1 a second; http: nothing.
      metrics.requests().labelValues("udp", "announce", "4", "0").inc(6);
      metrics.requests().labelValues("udp", "connect", "6", "1").inc(4);
      metrics.requests().labelValues("ws", "announce", "4", "0").inc(1);
      metrics.responses().labelValues("udp", "announce", "4", "0").inc(second <= 60 ? 0 : 2);
      tick(1);
    }
    final RequestRates.Rates r = rates.rates();
    assertThat(r.windowSeconds()).isEqualTo(60.0);
    assertThat(r.requestsPerSecond()[0]).isCloseTo(10, within(1e-9));
    assertThat(r.requestsPerSecond()[1]).isZero();
    assertThat(r.requestsPerSecond()[2]).isCloseTo(1, within(1e-9));
    // Responses began at second 61: 30 s of 2 a second in the last 60 s.
    assertThat(r.responsesPerSecond()[0]).isCloseTo(1, within(1e-9));
    assertThat(r.requestsTotal()).containsExactly(900, 0, 90);
    assertThat(r.responsesTotal()).containsExactly(60, 0, 0);
  }
}
