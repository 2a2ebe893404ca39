package io.leakproof.micrometer;

import io.leakproof.Pool;
import io.leakproof.testkit.FakeResourceFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real Prometheus scrape of a pool after {@link Workloads#everything}, and its metric names. */
final class Scrapes {
  private Scrapes() {}

  private static String everything;

  /** Returns the scrape (computed once per test JVM). */
  static synchronized String everything() throws InterruptedException {
    if (everything == null) {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      PoolMetrics metrics = PoolMetrics.builder().snapshotTtl(Duration.ZERO).build();
      try (Pool<FakeResourceFactory.Resource> pool =
              Pool.open(Workloads.smallPool("orders", metrics).build(), new FakeResourceFactory());
          PoolMetrics.Binding b = metrics.bindTo(pool, registry)) {
        Workloads.everything(pool);
        // Call sites first seen during a scrape get their meters then: some series show from
        // the next scrape on (docs/observability.md says so). Scrape twice, as a server would.
        registry.scrape();
        everything = registry.scrape();
        if (!b.poolName().equals("orders")) {
          throw new AssertionError(b);
        }
      }
    }
    return everything;
  }

  /** The sample names of a scrape ({@code leakproof_connections_acquire_seconds_count}, ...). */
  static Set<String> sampleNames(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.lines().toList()) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      names.add(line.substring(0, end < 0 ? line.indexOf(' ') : end));
    }
    return names;
  }

  private static final Pattern METRIC = Pattern.compile("\\bleakproof_[a-z0-9_]+");

  /** The Leakproof metric names a text (PromQL, Markdown) mentions. */
  static Set<String> mentioned(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}
