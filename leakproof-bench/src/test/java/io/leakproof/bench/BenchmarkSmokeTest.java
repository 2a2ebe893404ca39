package io.leakproof.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakproof.bench.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The CI smoke mode: every benchmark, every pool, one short iteration each, checking that each
 * runs and produces a result, and that the report writer turns the results into Markdown and a
 * chart. No speed is asserted: CI machines are shared and noisy.
 *
 * <p>It runs inside this JVM ({@code forks(0)}), which is quick; the virtual-thread benchmark
 * starts its own virtual threads, so it needs no fork either. The test has a hard time limit, so a
 * hang fails the build instead of stalling it.
 */
class BenchmarkSmokeTest {

  /** Pools in the connection and statement benchmarks' default parameter list. */
  private static final int CYCLE_POOLS = 10;

  /** Pools in the leak storm's default parameter list. */
  private static final int STORM_POOLS = 11;

  /** Capture levels in the engine benchmark. */
  private static final int CAPTURE_LEVELS = 9;

  private static ChainedOptionsBuilder quick(String include) {
    return new OptionsBuilder()
        .include(include)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .timeout(TimeValue.seconds(30))
        .threads(2)
        .shouldFailOnError(true);
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everyBenchmarkRunsOnEveryPoolAndTheReportIsWritten(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("smoke.json");
    Collection<RunResult> results =
        new Runner(
                quick(
                        "example\\.bench\\."
                            + "(ConnectionCycle|VirtualThreadCycle|StatementCycle|LeakStorm|CallSiteCapture)Bench")
                    .forks(0)
                    .param("poolSize", "4")
                    .param("leakOneIn", "100")
                    .param("acquireTimeoutMs", "250")
                    .param("virtualThreads", "64")
                    .param("cyclesPerThread", "20")
                    .resultFormat(ResultFormatType.JSON)
                    .result(json.toString())
                    .build())
            .run();

    assertThat(count(results, "ConnectionCycleBench")).isEqualTo(CYCLE_POOLS);
    assertThat(count(results, "VirtualThreadCycleBench")).isEqualTo(CYCLE_POOLS);
    assertThat(count(results, "StatementCycleBench")).isEqualTo(CYCLE_POOLS);
    assertThat(count(results, "LeakStormBench")).isEqualTo(STORM_POOLS);
    assertThat(count(results, "CallSiteCaptureBench")).isEqualTo(CAPTURE_LEVELS);
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark() + " " + r.getParams().getParam("pool");
      if (name.contains("LeakStormBench")) {
        assertThat(r.getSecondaryResults()).as(name).containsKeys("completed", "timeouts", "leaks");
      } else {
        assertThat(r.getPrimaryResult().getScore()).as(name).isPositive();
      }
    }

    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n\nhand-written part\n");
    ReportWriter.main(
        new String[] {
          "--results", dir.toString(),
          "--doc", doc.toString(),
          "--chart", dir.resolve("benchmarks.png").toString(),
          "--note", "smoke run"
        });
    String md = Files.readString(doc);
    assertThat(md)
        .startsWith("# Benchmarks\n\nhand-written part\n")
        .contains("### Connection cycle: 2 platform threads, pool 4")
        .contains("### Connection cycle in bursts: 64 virtual threads, pool 4")
        .contains("| HikariCP |")
        .contains("1.00×")
        .contains("### Leak storm")
        .contains("### Call-site capture cost");
    assertThat(dir.resolve("benchmarks.png")).isNotEmptyFile();
    assertThat(dir.resolve("benchmarks-capture.png")).isNotEmptyFile();
  }

  private static long count(Collection<RunResult> results, String benchmark) {
    return results.stream()
        .filter(r -> r.getParams().getBenchmark().contains("." + benchmark + "."))
        .count();
  }
}
