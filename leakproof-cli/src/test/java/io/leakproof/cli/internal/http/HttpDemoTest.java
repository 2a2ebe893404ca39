package io.leakproof.cli.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.cli.support.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakproof http-demo}, short: the bare client runs out of connections and times out, the
 * Leakproof one reclaims every dropped response with the workload's line and never times out.
 */
class HttpDemoTest {
  @TempDir Path dir;

  @Test
  void bareClientTimesOutWhileLeakproofReclaimsEveryDroppedResponse() throws Exception {
    HttpDemoRun.Settings settings =
        new HttpDemoRun.Settings(600, 10, 5, 40, Duration.ofSeconds(2), Duration.ofSeconds(5));
    try (DemoServer server = new DemoServer()) {
      HttpDemoRun.Result bare = HttpDemoRun.run("bare", false, server, settings);
      HttpDemoRun.Result lp = HttpDemoRun.run("leakproof", true, server, settings);
      assertThat(bare.timedOut()).as("the bare pool runs dry").isPositive();
      assertThat(bare.leaksReported()).isZero();
      assertThat(lp.timedOut()).isZero();
      assertThat(lp.failed()).isZero();
      assertThat(lp.served()).isEqualTo(600);
      assertThat(lp.leaksMade()).isEqualTo(15);
      assertThat(lp.leaksReported()).isEqualTo(15);
      assertThat(lp.leaksReclaimed()).isEqualTo(15);
      assertThat(lp.firstReport()).contains("com.example.shop.http.PriceClient.hasHistory");
      if (lp.peakSockets() >= 0) {
        assertThat(lp.peakSockets()).isBetween(1, 5);
      }
    }
  }

  @Test
  void commandPrintsBothSidesAndWritesTheReport() throws Exception {
    Path report = dir.resolve("http.html");
    Cli.Result r =
        Cli.run(
            "http-demo",
            "--requests", "200",
            "--threads", "4",
            "--leak-every", "50",
            "--deadline", "3s",
            "--report", report.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.out())
        .contains("HttpClient 5 (bare)", "HttpClient 5 + Leakproof", "leaks reclaimed")
        .contains("PriceClient.hasHistory");
    assertThat(Files.readString(report, StandardCharsets.UTF_8))
        .contains("Leakproof HTTP demo", "peak ESTABLISHED sockets to the host");
  }

  @Test
  void badOptionsNameTheOptionAndTheRule() {
    Cli.Result r = Cli.run("http-demo", "--per-host", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--per-host must be >= 1 but was 0");
  }
}
