package org.aquaticjava.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionTest {
  private static final List<String> KEYS =
      List.of("address_ipv4", "address_ipv6", "use_ipv4", "max_response_peers");

  @Test
  void suggestsTheKeyOneTypoAway() {
    assertThat(KeySuggestion.closest("adress_ipv4", KEYS)).contains("address_ipv4");
    assertThat(KeySuggestion.closest("max_responce_peers", KEYS)).contains("max_response_peers");
  }

  @Test
  void suggestsNothingForAnUnrelatedKey() {
    assertThat(KeySuggestion.closest("workers", KEYS)).isEmpty();
    assertThat(KeySuggestion.closest("x", List.of())).isEmpty();
  }

  @Test
  void measuresEditDistance() {
    assertThat(KeySuggestion.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(KeySuggestion.editDistance("", "abc")).isEqualTo(3);
    assertThat(KeySuggestion.editDistance("same", "same")).isZero();
  }
}
