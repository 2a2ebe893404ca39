package io.leakproof.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTest {
  /** One result as JMH 1.37 writes it with {@code -rf json}, shortened. */
  private static final String JMH =
      """
      [ {
          "jmhVersion" : "1.37", "benchmark" : "example.bench.ConnectionCycleBench.cycle",
          "mode" : "thrpt", "threads" : 8, "forks" : 2, "jvm" : "/usr/bin/java",
          "jvmArgs" : [ "-Xmx1g", "-Djmh.executor=VIRTUAL" ],
          "vmName" : "OpenJDK 64-Bit Server VM", "vmVersion" : "25",
          "warmupIterations" : 1, "warmupTime" : "1 s",
          "measurementIterations" : 3, "measurementTime" : "2 s",
          "params" : { "pool" : "hikari", "size" : "10" },
          "primaryMetric" : { "score" : 1.5E3, "scoreError" : "NaN", "scoreUnit" : "ops/ms" },
          "secondaryMetrics" : {
            "\\u00b7gc.alloc.rate.norm" : { "score" : 24.0, "scoreUnit" : "B/op" },
            "timeouts" : { "score" : 12, "scoreUnit" : "#" }
          }
      } ]
      """;

  @Test
  void readsWhatJmhWrites() {
    List<Result> results = Result.parse(JMH);
    assertThat(results).hasSize(1);
    Result r = results.get(0);
    assertThat(r.benchmark()).isEqualTo("ConnectionCycleBench.cycle");
    assertThat(r.param("pool")).isEqualTo("hikari");
    assertThat(r.param("size")).isEqualTo("10");
    assertThat(r.threads()).isEqualTo(8);
    assertThat(r.virtualThreads()).isTrue();
    assertThat(r.score()).isEqualTo(1500.0);
    assertThat(r.error()).isNaN();
    assertThat(r.unit()).isEqualTo("ops/ms");
    assertThat(r.metric("gc.alloc.rate.norm")).isEqualTo(24.0);
    assertThat(r.perIteration("timeouts")).isEqualTo(2.0); // 12 over 2 forks x 3 iterations
    assertThat(r.shape()).isEqualTo("-f 2 -wi 1 -w 1s -i 3 -r 2s");
    assertThat(r.jvm()).isEqualTo("OpenJDK 64-Bit Server VM 25");
    assertThat(r.threading()).isEqualTo("8 virtual threads");
  }

  @Test
  void rejectsBrokenInputSayingWhy() {
    assertThatThrownBy(() -> Result.parse("{\"a\" 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JMH result file: ");
    assertThatThrownBy(() -> Result.parse("{\"a\": 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a JMH result file is a JSON array");
  }
}
