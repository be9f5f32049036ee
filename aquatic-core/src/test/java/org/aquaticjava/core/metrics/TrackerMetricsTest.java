package org.aquaticjava.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aquaticjava.core.access.AccessListHolder;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.AccessListMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerMetricsTest {
  @TempDir Path dir;

  @Test
  void exportsJvmAndProcessMetricsUnderStandardNames() {
    final String text = scrape(TrackerMetrics.withJvmMetrics().registry());
    assertThat(text)
        .contains("jvm_memory_used_bytes{area=\"heap\"}")
        .contains("jvm_memory_committed_bytes{area=\"nonheap\"}")
        .contains("jvm_gc_collection_seconds_count{gc=")
        .contains("jvm_threads_current ")
        .contains("process_cpu_seconds_total ")
        .contains("process_open_fds ")
        .contains("process_start_time_seconds ");
  }

  @Test
  void trackersInOneJvmHaveIndependentRegistries() {
    final TrackerMetrics first = TrackerMetrics.withJvmMetrics();
    final TrackerMetrics second = TrackerMetrics.withJvmMetrics();
    Counter.builder().name("aquatic_requests").register(first.registry()).inc(3);
    Counter.builder().name("aquatic_requests").register(second.registry()).inc(5);

    assertThat(scrape(first.registry())).contains("aquatic_requests_total 3.0");
    assertThat(scrape(second.registry())).contains("aquatic_requests_total 5.0");
  }

  @Test
  void protocolsShareOneFamilyPerNameTellingThemApartByTheProtocolLabel() {
    final TrackerMetrics metrics = new TrackerMetrics();
    metrics.requests().labelValues("udp", "announce", "4", "0").inc(2);
    metrics.requests().labelValues("http", "announce", "4", "0").inc(3);
    metrics.registerSwarmCounts(TrackerMetrics.BITTORRENT_SWARMS, counts(5, 7));
    metrics.registerSwarmCounts(TrackerMetrics.WEBTORRENT_SWARMS, counts(1, 2));

    assertThat(scrape(metrics.registry()))
        .contains(
            "aquatic_requests_total{ip_version=\"4\",protocol=\"udp\",type=\"announce\",worker_index=\"0\"} 2.0")
        .contains(
            "aquatic_requests_total{ip_version=\"4\",protocol=\"http\",type=\"announce\",worker_index=\"0\"} 3.0")
        .contains("aquatic_peers{ip_version=\"4\",swarms=\"bittorrent\"} 7.0")
        .contains("aquatic_peers{ip_version=\"4\",swarms=\"webtorrent\"} 2.0")
        .contains("aquatic_torrents{ip_version=\"6\",swarms=\"webtorrent\"} 1.0")
        .contains("aquatic_seeders{ip_version=\"4\",swarms=\"bittorrent\"} 6.0");
    assertThat(metrics.swarmCounts().keySet())
        .containsExactlyInAnyOrder(
            TrackerMetrics.BITTORRENT_SWARMS, TrackerMetrics.WEBTORRENT_SWARMS);
  }

  @Test
  void oneNameCannotHaveTwoLabelSets() {
    final TrackerMetrics metrics = new TrackerMetrics();
    metrics.gaugeSource("aquatic_x", "x", java.util.List.of("protocol"), cb -> cb.call(1, "udp"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> metrics.gaugeSource("aquatic_x", "x", java.util.List.of("reason"), cb -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("aquatic_x has labels [protocol], not [reason]");
  }

  private static TrackerMetrics.SwarmCounts counts(long torrents, long peers) {
    return new TrackerMetrics.SwarmCounts() {
      @Override
      public long torrents(boolean ipv6) {
        return torrents;
      }

      @Override
      public long peers(boolean ipv6) {
        return peers;
      }

      @Override
      public long seeders(boolean ipv6) {
        return peers - 1;
      }

      @Override
      public java.util.List<org.aquaticjava.core.swarm.BusyTorrent> busiest(boolean ipv6) {
        return java.util.List.of();
      }
    };
  }

  @Test
  void exportsAccessListSizeAndReloadOutcomes() throws Exception {
    final Path file = dir.resolve("list.txt");
    Files.writeString(file, "0123456789abcdef0123456789abcdef01234567\n");
    final AccessListHolder holder =
        AccessListHolder.load(new AccessListConfig(AccessListMode.DENY, file.toString()));
    final TrackerMetrics metrics = new TrackerMetrics();
    metrics.registerAccessList(holder);
    Files.writeString(file, "bad\n");
    holder.reload();

    assertThat(scrape(metrics.registry()))
        .contains("aquatic_access_list_entries 1.0")
        .contains("aquatic_access_list_reloads_total{result=\"failure\"} 1.0")
        .contains("aquatic_access_list_reloads_total{result=\"success\"} 0.0");
  }

  private static String scrape(PrometheusRegistry registry) {
    return PrometheusTextFormatWriter.create().toDebugString(registry.scrape());
  }
}
