package org.aquaticjava.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.aquaticjava.core.config.AccessListConfig;
import org.aquaticjava.core.config.ClusterConfig;
import org.aquaticjava.core.config.PersistenceConfig;
import org.aquaticjava.core.swarm.SwarmSettings;
import org.aquaticjava.core.worker.FatalExit;
import org.junit.jupiter.api.Test;

class TrackerRuntimeTest {
  private final List<String> fatal = new ArrayList<>();
  private final FatalExit recordingExit = (worker, cause) -> fatal.add(worker);

  @Test
  void runtimeWithoutSwarmStoreHasNoStoreNoCleaningWorkerAndNoSwarmGauges() throws Exception {
    try (TrackerRuntime runtime =
        TrackerRuntime.startWithoutSwarmStore(AccessListConfig.DEFAULTS, recordingExit)) {
      assertThatThrownBy(runtime::store).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(runtime::cleaning).isInstanceOf(IllegalStateException.class);
      // The protocol registers its own aquatic_peers / aquatic_torrents: the names must be free.
      assertThat(runtime.metrics().registry().scrape().stream()
              .map(snapshot -> snapshot.getMetadata().getPrometheusName()))
          .doesNotContain("aquatic_peers", "aquatic_torrents")
          .contains("aquatic_access_list_entries");
    }
    assertThat(fatal).isEmpty();
  }

  @Test
  void runtimeWithSwarmStoreStillRegistersTheSwarmGauges() throws Exception {
    try (TrackerRuntime runtime =
        TrackerRuntime.start(
            new SwarmSettings(64, 1200, 120),
            AccessListConfig.DEFAULTS,
            PersistenceConfig.DEFAULTS, ClusterConfig.DEFAULTS,
            recordingExit)) {
      assertThat(runtime.store()).isNotNull();
      assertThat(runtime.metrics().registry().scrape().stream()
              .map(snapshot -> snapshot.getMetadata().getPrometheusName()))
          .contains("aquatic_peers", "aquatic_torrents");
    }
    assertThat(fatal).isEmpty();
  }
}
