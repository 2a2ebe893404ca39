package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.ManySites;
import io.leakproof.CallSiteStats;
import io.leakproof.Pool;
import io.leakproof.testkit.FakeResourceFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call-site tag values stay bounded, leaking sites get a slot, and no counter goes back. */
class CallSiteTagsTest {
  private static final int TAGS = 5;

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final List<Double> otherLeases = new ArrayList<>();
  private final List<Double> otherReclaimed = new ArrayList<>();

  /** Advances past the TTL and reads every call-site counter: what one scrape would do. */
  private Map<String, Double> scrape(String meter) {
    clock.add(PoolMetrics.DEFAULT_SNAPSHOT_TTL);
    registry.get(MeterNames.LEASED).gauge().value();
    Map<String, Double> out = new HashMap<>();
    for (FunctionCounter c : registry.find(meter).functionCounters()) {
      out.put(c.getId().getTag(MeterNames.TAG_CALL_SITE), c.count());
    }
    otherLeases.add(value(MeterNames.CALL_SITE_LEASES, MeterNames.OTHER_CALL_SITES));
    otherReclaimed.add(value(MeterNames.CALL_SITE_LEAKS_RECLAIMED, MeterNames.OTHER_CALL_SITES));
    return out;
  }

  private double value(String meter, String site) {
    FunctionCounter c =
        registry.find(meter).tag(MeterNames.TAG_CALL_SITE, site).functionCounter();
    return c == null ? Double.NaN : c.count();
  }

  private static double sum(Map<String, Double> m) {
    return m.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  private static String site(Pool<?> pool, int n) {
    int line = lineOf(n);
    for (CallSiteStats s : pool.callSiteStats()) {
      if (s.callSite().lineNumber() == line) {
        return s.callSite().toString();
      }
    }
    throw new AssertionError("no call site at line " + line + " in " + pool.callSiteStats());
  }

  /** ManySites puts case n on line 24 + n (see its source). */
  private static int lineOf(int n) {
    return 24 + n;
  }

  @Test
  void tagValuesStayBoundedAndLeakingSitesTakeSlotsWithoutCountersGoingBack() throws Exception {
    PoolMetrics metrics = PoolMetrics.builder().callSiteTags(TAGS).build();
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(Workloads.smallPool("sites", metrics).build(), new FakeResourceFactory());
        PoolMetrics.Binding binding = metrics.bindTo(pool, registry)) {
      // Sites 0..23 appear one by one, each scraped after it first borrows: the first TAGS get
      // slots, in order of appearance, counting from zero; the rest go to "other".
      for (int n = 0; n < ManySites.COUNT; n++) {
        for (int k = 0; k <= n % 3; k++) {
          ManySites.borrow(pool, n, false);
        }
        Map<String, Double> leases = scrape(MeterNames.CALL_SITE_LEASES);
        assertThat(leases.size()).isLessThanOrEqualTo(TAGS + 1);
        assertThat(sum(leases)).isEqualTo((double) pool.stats().acquired());
      }
      assertThat(binding.callSiteTagValues())
          .hasSize(TAGS + 1)
          .containsExactlyInAnyOrder(
              site(pool, 0), site(pool, 1), site(pool, 2), site(pool, 3), site(pool, 4), "other");
      assertThat(value(MeterNames.CALL_SITE_LEASES, site(pool, 0))).isEqualTo(1.0);
      assertThat(value(MeterNames.CALL_SITE_LEASES, site(pool, 2))).isEqualTo(3.0);

      // More traffic at an untagged site does not take a slot.
      for (int k = 0; k < 50; k++) {
        ManySites.borrow(pool, 20, false);
      }
      scrape(MeterNames.CALL_SITE_LEASES);
      assertThat(binding.callSiteTagValues()).doesNotContain(site(pool, 20));

      // A leaking untagged site takes the slot of a tagged site without leaks. It counts from
      // the moment it got the slot: its 50+ earlier leases stay in "other".
      double otherBefore = value(MeterNames.CALL_SITE_LEASES, MeterNames.OTHER_CALL_SITES);
      ManySites.borrow(pool, 20, true);
      awaitReclaimed(pool, 1);
      Map<String, Double> reclaimed = scrape(MeterNames.CALL_SITE_LEAKS_RECLAIMED);
      String leaky = site(pool, 20);
      assertThat(binding.callSiteTagValues()).hasSize(TAGS + 1).contains(leaky);
      assertThat(reclaimed).hasSize(TAGS + 1);
      assertThat(value(MeterNames.CALL_SITE_LEASES, leaky)).isZero();
      assertThat(sum(scrape(MeterNames.CALL_SITE_LEASES))).isEqualTo((double) pool.stats().acquired());
      assertThat(value(MeterNames.CALL_SITE_LEASES, MeterNames.OTHER_CALL_SITES))
          .as("the demoted site's counts flow back into other")
          .isGreaterThanOrEqualTo(otherBefore);

      // Its next leak shows under its own tag value; totals still add up.
      ManySites.borrow(pool, 20, true);
      awaitReclaimed(pool, 2);
      scrape(MeterNames.CALL_SITE_LEAKS_RECLAIMED);
      assertThat(value(MeterNames.CALL_SITE_LEAKS_RECLAIMED, leaky)).isEqualTo(1.0);
      assertThat(sum(scrape(MeterNames.CALL_SITE_LEAKS_RECLAIMED)))
          .isEqualTo((double) pool.stats().leaksReclaimed());

      // A hold timer per tag value too; its leases ended by return or reclaim (none active).
      long ended = 0;
      for (FunctionTimer t : registry.find(MeterNames.CALL_SITE_HOLD).functionTimers()) {
        ended += (long) t.count();
      }
      assertThat(ended).isEqualTo(pool.stats().acquired());

      assertThat(otherLeases).as("other's lease counter over every scrape").isSorted();
      assertThat(otherReclaimed).as("other's reclaimed counter over every scrape").isSorted();
    }
  }

  private static void awaitReclaimed(Pool<?> pool, long n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pool.stats().leaksReclaimed() < n) {
      assertThat(System.nanoTime()).as("leak reclaimed within 10 s").isLessThan(deadline);
      System.gc();
      Thread.sleep(20);
    }
    // The call-site table counts the reclaim right after the pool's counter; let it land.
    while (pool.callSiteStats().stream().mapToLong(CallSiteStats::leaksReclaimed).sum() < n) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
