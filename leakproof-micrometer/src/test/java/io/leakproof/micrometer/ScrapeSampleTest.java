package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The names a real scrape exposes are the documented ones; a sample lands in target/. */
class ScrapeSampleTest {
  @Test
  void scrapeExposesEveryFamilyUnderLeakproofConnections() throws Exception {
    String text = Scrapes.everything();
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/scrape-sample.txt"), text);
    assertThat(Scrapes.sampleNames(text))
        .containsExactly(
            "leakproof_connections_acquire_seconds_count",
            "leakproof_connections_acquire_seconds_max",
            "leakproof_connections_acquire_seconds_sum",
            "leakproof_connections_acquired_total",
            "leakproof_connections_callsite_active",
            "leakproof_connections_callsite_hold_seconds_count",
            "leakproof_connections_callsite_hold_seconds_sum",
            "leakproof_connections_callsite_leaks_reclaimed_total",
            "leakproof_connections_callsite_leaks_suspected_total",
            "leakproof_connections_callsite_leases_total",
            "leakproof_connections_closed_total",
            "leakproof_connections_closing",
            "leakproof_connections_connecting",
            "leakproof_connections_creation_failures_total",
            "leakproof_connections_creation_seconds_count",
            "leakproof_connections_creation_seconds_max",
            "leakproof_connections_creation_seconds_sum",
            "leakproof_connections_hold_seconds_count",
            "leakproof_connections_hold_seconds_max",
            "leakproof_connections_hold_seconds_sum",
            "leakproof_connections_idle",
            "leakproof_connections_leaks_reclaimed_total",
            "leakproof_connections_leaks_suspected_total",
            "leakproof_connections_leased",
            "leakproof_connections_leased_peak",
            "leakproof_connections_max",
            "leakproof_connections_min_idle",
            "leakproof_connections_open",
            "leakproof_connections_opened_total",
            "leakproof_connections_rejected_total",
            "leakproof_connections_timeouts_total",
            "leakproof_connections_wait_seconds_count",
            "leakproof_connections_wait_seconds_sum",
            "leakproof_connections_waiting");
    assertThat(text)
        .contains("leakproof_connections_leaks_reclaimed_total{pool=\"orders\"} 2")
        .contains("leakproof_connections_closed_total{pool=\"orders\",reason=\"invalidated\"} 1")
        .contains("leakproof_connections_timeouts_total{pool=\"orders\"} 1")
        .contains("callsite=\"example.app.Borrowers.leak(Borrowers.java:16)\"");
  }
}
