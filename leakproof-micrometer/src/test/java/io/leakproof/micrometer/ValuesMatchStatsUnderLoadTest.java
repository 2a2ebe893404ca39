package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.Borrowers;
import io.leakproof.AcquireTimeoutException;
import io.leakproof.CallSiteStats;
import io.leakproof.CloseReason;
import io.leakproof.Pool;
import io.leakproof.PoolStats;
import io.leakproof.testkit.FakeResourceFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under a concurrent workload (borrows, invalidations, leaks, timeouts), every scrape reads the
 * pool exactly once and every gauge and counter equals the corresponding field of that one
 * snapshot; once the load stops, the listener-fed timers agree with the pool's counters.
 */
class ValuesMatchStatsUnderLoadTest {
  private static final int THREADS = 6;
  private static final int SCRAPES = 60;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyScrapeEqualsOnePoolSnapshotWhileBorrowersRun() throws Exception {
    MockClock clock = new MockClock();
    SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    PoolMetrics metrics = PoolMetrics.create();
    FakeResourceFactory factory = new FakeResourceFactory();
    RecordingPool<FakeResourceFactory.Resource> pool =
        new RecordingPool<>(
            Pool.open(
                Workloads.smallPool("load", metrics)
                    .acquireTimeout(Duration.ofMillis(30))
                    .build(),
                factory));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong leaked = new AtomicLong();
    List<Thread> borrowers = new ArrayList<>();
    try (PoolMetrics.Binding binding = metrics.bindTo(pool, registry)) {
      for (int t = 0; t < THREADS; t++) {
        borrowers.add(Thread.ofVirtual().name("borrower-" + t).start(() -> borrow(pool, stop, leaked)));
      }
      int changed = 0;
      Map<String, Double> previous = Map.of();
      for (int i = 0; i < SCRAPES; i++) {
        Thread.sleep(15);
        clock.add(PoolMetrics.DEFAULT_SNAPSHOT_TTL);
        int callsBefore = pool.statsCalls.get();
        Map<String, Double> scraped = scrape(registry);
        assertThat(pool.statsCalls.get() - callsBefore)
            .as("pool scans during one scrape")
            .isEqualTo(1);
        assertThat(scraped).isEqualTo(expected(pool.lastStats.get()));
        // Scraping again within the TTL reads nothing new and returns the same values.
        assertThat(scrape(registry)).isEqualTo(scraped);
        assertThat(pool.statsCalls.get() - callsBefore).isEqualTo(1);
        if (!scraped.equals(previous)) {
          changed++;
        }
        previous = scraped;
        if (i == SCRAPES / 2) {
          System.gc(); // let the pool find this half's leaks while the load goes on
        }
      }
      assertThat(changed).as("scrapes that saw the pool move").isGreaterThan(SCRAPES / 2);

      stop.set(true);
      for (Thread t : borrowers) {
        t.join();
      }
      awaitQuiet(pool, leaked.get());

      clock.add(PoolMetrics.DEFAULT_SNAPSHOT_TTL);
      Map<String, Double> last = scrape(registry);
      PoolStats s = pool.lastStats.get();
      assertThat(last).isEqualTo(expected(s));
      assertThat(s.acquired()).isGreaterThan(100);
      assertThat(s.timeouts()).isPositive();
      assertThat(s.leaksReclaimed()).isEqualTo(leaked.get()).isPositive();
      assertThat(s.closed(CloseReason.INVALIDATED)).isPositive();

      // Timers were bound before the first borrow: they saw every event.
      assertThat(registry.get(MeterNames.ACQUIRE).timer().count()).isEqualTo(s.acquired());
      assertThat(registry.get(MeterNames.HOLD).timer().count())
          .as("leases ended by their borrowers")
          .isEqualTo(s.acquired() - s.leaksReclaimed());
      assertThat(registry.get(MeterNames.CREATION).timer().count()).isEqualTo(s.created());

      // Per call site: the tagged series plus "other" add up to the pool's table.
      List<CallSiteStats> table = pool.lastCallSites.get();
      assertThat(sum(registry, MeterNames.CALL_SITE_LEASES))
          .isEqualTo(table.stream().mapToLong(CallSiteStats::leases).sum())
          .isEqualTo(s.acquired()); // capture ALL: every lease has a site
      assertThat(sum(registry, MeterNames.CALL_SITE_LEAKS_RECLAIMED)).isEqualTo(s.leaksReclaimed());
      assertThat(binding.callSiteTagValues()).hasSizeLessThanOrEqualTo(PoolMetrics.DEFAULT_CALL_SITE_TAGS + 1);
    } finally {
      stop.set(true);
      pool.close();
    }
  }

  @SuppressWarnings("MustBeClosedChecker") // leaks on purpose, one in 50 borrows
  private static void borrow(
      Pool<FakeResourceFactory.Resource> pool, AtomicBoolean stop, AtomicLong leaked) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    while (!stop.get()) {
      int dice = r.nextInt(100);
      try {
        if (dice < 2) {
          Borrowers.leak(pool);
          leaked.incrementAndGet();
        } else if (dice < 5) {
          Borrowers.borrowAndInvalidate(pool);
        } else {
          Borrowers.borrowFor(pool, r.nextInt(200_000));
        }
      } catch (AcquireTimeoutException expected) {
        // the load is sized to time out now and then
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void awaitQuiet(RecordingPool<?> pool, long leaked) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      PoolStats s = pool.stats();
      if (s.leaksReclaimed() == leaked && s.leased() == 0 && s.closing() == 0 && s.connecting() == 0) {
        return;
      }
      assertThat(System.nanoTime()).as("quiet pool in 20 s: %s", s).isLessThan(deadline);
      System.gc();
      Thread.sleep(20);
    }
  }

  private static long sum(SimpleMeterRegistry registry, String name) {
    double total = 0;
    for (FunctionCounter c : registry.find(name).functionCounters()) {
      total += c.count();
    }
    return (long) total;
  }

  /** Every pool-level gauge and counter of the registry, keyed like {@link #expected}. */
  private static Map<String, Double> scrape(SimpleMeterRegistry registry) {
    Map<String, Double> out = new TreeMap<>();
    for (Meter m : registry.getMeters()) {
      String name = m.getId().getName();
      if (name.startsWith("leakproof.connections.callsite.")) {
        continue;
      }
      String reason = m.getId().getTag(MeterNames.TAG_REASON);
      String key = reason == null ? name : name + "{" + reason + "}";
      if (m instanceof Gauge g) {
        out.put(key, g.value());
      } else if (m instanceof FunctionCounter c) {
        out.put(key, c.count());
      } else if (m instanceof FunctionTimer t) {
        out.put(key + ".count", t.count());
        // Micrometer keeps the total in the base unit (seconds): round away the conversion.
        out.put(key + ".sum", (double) Math.round(t.totalTime(TimeUnit.NANOSECONDS)));
      }
    }
    return out;
  }

  /** What each meter must show for one snapshot. */
  private static Map<String, Double> expected(PoolStats s) {
    Map<String, Double> m = new TreeMap<>();
    m.put(MeterNames.MAX, (double) s.maxSize());
    m.put(MeterNames.MIN_IDLE, (double) s.minIdle());
    m.put(MeterNames.OPEN, (double) s.open());
    m.put(MeterNames.IDLE, (double) s.idle());
    m.put(MeterNames.LEASED, (double) s.leased());
    m.put(MeterNames.CONNECTING, (double) s.connecting());
    m.put(MeterNames.CLOSING, (double) s.closing());
    m.put(MeterNames.WAITING, (double) s.waiting());
    m.put(MeterNames.LEASED_PEAK, (double) s.peakLeased());
    m.put(MeterNames.ACQUIRED, (double) s.acquired());
    m.put(MeterNames.TIMEOUTS, (double) s.timeouts());
    m.put(MeterNames.REJECTED, (double) s.rejected());
    m.put(MeterNames.OPENED, (double) s.created());
    m.put(MeterNames.CREATION_FAILURES, (double) s.createFailures());
    m.put(MeterNames.LEAKS_SUSPECTED, (double) s.leaksSuspected());
    m.put(MeterNames.LEAKS_RECLAIMED, (double) s.leaksReclaimed());
    for (CloseReason r : CloseReason.values()) {
      m.put(MeterNames.CLOSED + "{" + r.name().toLowerCase(Locale.ROOT) + "}", (double) s.closed(r));
    }
    m.put(MeterNames.WAIT + ".count", (double) s.waitCount());
    m.put(MeterNames.WAIT + ".sum", (double) s.totalWait().toNanos());
    return m;
  }
}
