package io.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.cli.internal.db.Dialect;
import io.leakproof.cli.internal.db.EmbeddedH2;
import io.leakproof.cli.internal.db.ServerSessions;
import io.leakproof.cli.internal.loadtest.LoadTest;
import io.leakproof.cli.internal.loadtest.LoadTestResult;
import io.leakproof.cli.internal.loadtest.LoadTestSettings;
import io.leakproof.cli.internal.pool.PoolChoice;
import io.leakproof.cli.internal.pool.PoolKind;
import io.leakproof.cli.internal.pool.PoolLogs;
import io.leakproof.cli.internal.term.Terminal;
import io.leakproof.cli.support.Cli;
import io.leakproof.cli.support.Databases;
import io.leakproof.cli.support.RacyPool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakproof loadtest}: the PostgreSQL run with two pools, and the sampler's own check. */
class LoadTestTest {
  @TempDir Path dir;

  @Test
  void loadtestOnPostgresWithTwoPoolsPrintsTheTableAndWritesTheCharts() throws Exception {
    Databases.requirePostgres();
    Path report = dir.resolve("loadtest.html");
    Cli.Result r =
        Cli.run(
            "loadtest",
            "--url", Databases.POSTGRES_URL,
            "--user", Databases.POSTGRES_USER,
            "--borrowers", "200",
            "--hold", "50ms",
            "--max", "10",
            "--pools", "hikaricp,agroal",
            "--sample-interval", "20ms",
            "--report", report.toString());

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("hikaricp", "agroal", "HikariCP 7.1.0", "Agroal 3.2.1")
        .contains("peak server connections / max", "wall time", "ideal wall time")
        .contains("throughput (of ideal)", "acquire wait p50", "acquire wait p99", "acquire wait max")
        .contains("timeouts", "errors", "connections created (dial)", "borrows that reused one")
        .contains("✓ hikaricp: limit held", "✓ agroal: limit held")
        .doesNotContain("EXCEEDED");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(html)
        .contains("Server-side connections over time", "Acquire wait percentiles")
        .contains("<canvas id=\"chart-0\"", "<canvas id=\"chart-1\"", "Chart.js v4")
        .contains("pg_stat_activity rows with the pool&#39;s application_name");
    String charts = html.substring(html.indexOf("<script type=\"application/json\" id=\"charts\">"));
    assertThat(charts).contains("\"label\":\"HikariCP 7.1.0\"", "\"label\":\"Agroal 3.2.1\"", "\"limit\":10");
  }

  @Test
  void postgresServerCountSeesEveryConnectionOfEachPool() {
    Databases.requirePostgres();
    LoadTestSettings s = settings(Databases.POSTGRES_URL, Databases.POSTGRES_USER, 5, 100, Duration.ofMillis(50));
    List<LoadTestResult> results =
        new LoadTest(s, quietTerminal()).run(List.of(PoolKind.HIKARICP.choice(), PoolKind.AGROAL.choice()));

    for (LoadTestResult r : results) {
      assertThat(r.borrowed()).as(r.name()).isEqualTo(100);
      assertThat(r.timeouts() + r.errors()).as(r.name()).isZero();
      // HikariCP fills to max at once; Agroal grows on demand: both reach max under this load.
      assertThat(r.peakServerConnections()).as(r.name() + " peak").isEqualTo(5);
      assertThat(r.created()).as(r.name() + " created").isEqualTo(5);
      assertThat(r.reused()).as(r.name() + " reused").isEqualTo(95);
      assertThat(r.leftOpen()).isZero();
    }
  }

  @Test
  void samplerCatchesARacyPoolExceedingItsMaximum() throws Exception {
    PoolLogs.install(null);
    try (EmbeddedH2 h2 = EmbeddedH2.start("racy")) {
      try (Connection c = ServerSessions.connect(h2.url(), h2.user(), h2.password())) {
        Dialect.H2.prepare(c);
      }
      LoadTestSettings s = new LoadTestSettings(
          h2.url(), h2.user(), h2.password(), 200, Duration.ofMillis(100), 3, 0, true,
          Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMillis(20), true);
      List<LoadTestResult> results =
          new LoadTest(s, quietTerminal())
              .run(List.of(new PoolChoice("racy", RacyPool::open), PoolKind.HIKARICP.choice()));

      LoadTestResult racy = results.get(0);
      assertThat(racy.exceededMax()).as("racy pool, peak %d for max 3", racy.peakServerConnections()).isTrue();
      assertThat(racy.created()).as("physical connects of the racy pool").isGreaterThan(3);
      LoadTestResult hikari = results.get(1);
      assertThat(hikari.exceededMax()).as("HikariCP, peak %d", hikari.peakServerConnections()).isFalse();
      assertThat(hikari.peakServerConnections()).isEqualTo(3);
    }
  }

  private static LoadTestSettings settings(String url, String user, int max, int borrowers, Duration hold) {
    return new LoadTestSettings(
        url, user, null, borrowers, hold, max, 0, true, Duration.ofSeconds(30), Duration.ofSeconds(2),
        Duration.ofMillis(20), true);
  }

  private static Terminal quietTerminal() {
    return new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, false);
  }
}
