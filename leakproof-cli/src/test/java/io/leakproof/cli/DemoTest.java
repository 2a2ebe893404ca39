package io.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakproof.cli.internal.demo.Demo;
import io.leakproof.cli.internal.demo.DemoResult;
import io.leakproof.cli.internal.demo.DemoSettings;
import io.leakproof.cli.internal.pool.LeakSite;
import io.leakproof.cli.internal.pool.PoolChoice;
import io.leakproof.cli.internal.pool.PoolKind;
import io.leakproof.cli.internal.pool.PoolLogs;
import io.leakproof.cli.internal.term.Terminal;
import io.leakproof.cli.support.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakproof demo} in a short mode on the embedded H2: it completes, the pools' leak reports
 * point at the shop's own lines, and the terminal output and the HTML report have their parts.
 * (The Leakproof pool's assertions — leaks reclaimed, zero timeouts — come with leakproof-jdbc.)
 */
class DemoTest {
  /** Four leaks of each kind in under 3 s: more leaks than connections, so HikariCP runs out. */
  private static final int LEAK_EVERY = 30;

  @TempDir Path dir;

  @Test
  void demoReportsHikariLeaksAtTheShopsLinesAndItsTimeouts() {
    StringWriter out = new StringWriter();
    PoolLogs.install(null);
    Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(new StringWriter()), false, false);
    DemoSettings settings =
        new DemoSettings(
            null,
            null,
            null,
            Duration.ofSeconds(3),
            150,
            10,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            LEAK_EVERY);
    List<PoolChoice> pools = List.of(PoolKind.HIKARICP.choice(), PoolKind.DBCP2.choice());
    List<DemoResult> results =
        Demo.run(new Demo.Request(null, null, null, settings, pools, List.of(), dir.resolve("demo.html")), terminal);

    assertThat(results).extracting(DemoResult::name).containsExactly("hikaricp", "dbcp2");
    DemoResult hikari = results.get(0);
    assertThat(hikari.requests()).as("requests issued").isBetween(400L, 460L);
    assertThat(hikari.ok()).isPositive();
    assertThat(hikari.leaksMade()).as("leaks made").isGreaterThanOrEqualTo(10);
    assertThat(hikari.leaks().reported()).as("HikariCP reported leaks").isGreaterThanOrEqualTo(1);
    assertThat(hikari.leaks().reclaimed()).as("HikariCP never reclaims").isZero();
    assertThat(hikari.peakLeased()).isEqualTo(10);
    assertThat(hikari.timeouts()).as("HikariCP ran out of connections").isPositive();
    assertThat(hikari.firstTimeoutSeconds()).isPositive();
    assertThat(hikari.peakServerSessions()).isBetween(1, 10);
    assertThat(hikari.leaks().sites())
        .extracting(LeakSite::callSite)
        .allMatch(site -> site.startsWith("com.example.shop."), "points at the shop's code")
        .anyMatch(site -> site.startsWith("com.example.shop.OrderRepository.countOpenOrders(OrderRepository.java:"));

    DemoResult dbcp2 = results.get(1);
    assertThat(dbcp2.leaks().reclaimed()).as("DBCP2 removes abandoned connections").isPositive();
    assertThat(dbcp2.leaks().sites()).extracting(LeakSite::callSite).allMatch(s -> s.startsWith("com.example.shop."));

    String text = out.toString();
    assertThat(text)
        .contains("Leakproof demo", "HikariCP", "DBCP2", "Leaks by call site", "Side by side")
        .contains("com.example.shop.OrderRepository.countOpenOrders(OrderRepository.java:")
        .contains("Connection never closed")
        .contains("requests timed out waiting for a connection");
  }

  /**
   * The demo's promise for Leakproof itself. It runs once {@link PoolKind#LEAKPROOF} has its
   * adapter (when leakproof-jdbc is bundled); until then it is skipped with a message.
   */
  @Test
  void leakproofReclaimsTheShopsLeaksAndNoRequestTimesOut() {
    PoolLogs.install(null);
    StringWriter out = new StringWriter();
    Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(new StringWriter()), false, false);
    DemoSettings settings =
        new DemoSettings(
            null, null, null, Duration.ofSeconds(3), 150, 10, Duration.ofSeconds(2), Duration.ofSeconds(2),
            LEAK_EVERY);
    DemoResult leakproof =
        Demo.run(
                new Demo.Request(
                    null, null, null, settings, List.of(PoolKind.LEAKPROOF.choice()), List.of(), null),
                terminal)
            .get(0);

    assertThat(leakproof.leaksMade()).as("more leaks than connections").isGreaterThan(10);
    assertThat(leakproof.timeouts()).as("requests timed out\n" + out).isZero();
    assertThat(leakproof.leaks().reclaimed()).as("leaks reclaimed").isPositive();
    assertThat(leakproof.leaks().sites())
        .extracting(LeakSite::callSite)
        .anyMatch(site -> site.startsWith("com.example.shop."));
  }

  @Test
  void demoCommandWritesAnHtmlReportWithChartsAndTheLeakTable() throws Exception {
    Path report = dir.resolve("report.html");
    Cli.Result r =
        Cli.run(
            "demo",
            "--duration", "2s",
            "--pools", "hikaricp",
            "--leak-every", "40",
            "--report", report.toString());

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out()).contains("HikariCP", "acquire wait", "leaks", "Report: file:");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(html)
        .contains("<canvas id=\"chart-0\"", "Chart.js v4", "id=\"charts\"")
        .contains("Connections leased", "Requests waiting for a connection", "Requests timed out")
        .contains("<h2>Results</h2>", "Leaked at", "com.example.shop.");
    assertThat(html).doesNotContain("password");
  }
}
