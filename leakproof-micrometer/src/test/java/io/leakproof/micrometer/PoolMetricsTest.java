package io.leakproof.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.app.Borrowers;
import io.leakproof.CallSite;
import io.leakproof.Lease;
import io.leakproof.LeaseInfo;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.testkit.FakeResourceFactory;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolMetricsTest {
  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final FakeResourceFactory factory = new FakeResourceFactory();

  private double gauge(String name, String pool) {
    return registry.get(name).tag(MeterNames.TAG_POOL, pool).gauge().value();
  }

  @Test
  void gaugesReadOneSnapshotPerTtlAndRefreshAfterIt() {
    PoolMetrics metrics = PoolMetrics.create();
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(Workloads.smallPool("cached", metrics).build(), factory);
        PoolMetrics.Binding b = metrics.bindTo(pool, registry)) {
      assertThat(gauge(MeterNames.LEASED, "cached")).isZero();
      try (Lease<FakeResourceFactory.Resource> lease = Borrowers.hold(pool)) {
        lease.get();
        // Same snapshot: the clock has not moved.
        assertThat(gauge(MeterNames.LEASED, "cached")).isZero();
        clock.add(PoolMetrics.DEFAULT_SNAPSHOT_TTL);
        assertThat(gauge(MeterNames.LEASED, "cached")).isEqualTo(1.0);
        assertThat(gauge(MeterNames.OPEN, "cached")).isEqualTo(1.0);
      }
      assertThat(b.poolName()).isEqualTo("cached");
    }
  }

  @Test
  void zeroTtlReadsThePoolForEveryMeter() {
    PoolMetrics metrics = PoolMetrics.builder().snapshotTtl(Duration.ZERO).build();
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(Workloads.smallPool("uncached", metrics).build(), factory);
        PoolMetrics.Binding b = metrics.bindTo(pool, registry);
        Lease<FakeResourceFactory.Resource> lease = Borrowers.hold(pool)) {
      lease.get();
      assertThat(gauge(MeterNames.LEASED, "uncached")).isEqualTo(1.0);
      assertThat(b.poolName()).isEqualTo("uncached");
    }
  }

  @Test
  void timersCountFromBindingWhileCountersIncludeEarlierEvents() {
    PoolMetrics metrics = PoolMetrics.builder().snapshotTtl(Duration.ZERO).build();
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(Workloads.smallPool("early", metrics).build(), factory)) {
      Borrowers.borrowAndReturn(pool); // before binding: counted by the pool, not by the timers
      try (PoolMetrics.Binding b = metrics.bindTo(pool, registry)) {
        Borrowers.borrowAndReturn(pool);
        Borrowers.borrowAndReturn(pool);
        assertThat(registry.get(MeterNames.ACQUIRED).functionCounter().count()).isEqualTo(3.0);
        assertThat(registry.get(MeterNames.ACQUIRE).timer().count()).isEqualTo(2);
        assertThat(registry.get(MeterNames.HOLD).timer().count()).isEqualTo(2);
        assertThat(registry.get(MeterNames.OPENED).functionCounter().count()).isEqualTo(1.0);
        assertThat(registry.get(MeterNames.CREATION).timer().count()).isZero();
        assertThat(b.poolName()).isEqualTo("early");
      }
    }
  }

  @Test
  void bindingAPoolOpenedWithoutTheListenerIsRefusedWithTheFix() {
    PoolMetrics metrics = PoolMetrics.create();
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(PoolConfig.builder().name("nolistener").logging(false).build(), factory)) {
      assertThatThrownBy(() -> metrics.bindTo(pool, registry))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'nolistener'")
          .hasMessageContaining("PoolConfig.Builder.listener(metrics)");
    }
  }

  @Test
  void oneInstanceBindsOnceAndClosingRemovesEveryMeter() {
    PoolMetrics metrics = PoolMetrics.create();
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(Workloads.smallPool("once", metrics).build(), factory)) {
      Borrowers.borrowAndReturn(pool); // a call site, so call-site meters exist too
      PoolMetrics.Binding b = metrics.bindTo(pool, registry);
      assertThat(registry.getMeters()).isNotEmpty();
      assertThat(registry.find(MeterNames.CALL_SITE_LEASES).meters()).hasSize(2); // site + other
      assertThatThrownBy(() -> metrics.bindTo(pool, registry))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already bound to pool 'once'");
      b.close();
      b.close(); // idempotent
      assertThat(registry.getMeters()).isEmpty();
      // Unbound: the listener records nothing, and it can be bound again.
      Borrowers.borrowAndReturn(pool);
      try (PoolMetrics.Binding again = metrics.bindTo(pool, registry)) {
        assertThat(registry.get(MeterNames.ACQUIRE).timer().count()).isZero();
        assertThat(again.poolName()).isEqualTo("once");
      }
    }
  }

  @Test
  void twoPoolsWithOneNameInOneRegistryAreRefused() {
    PoolMetrics m1 = PoolMetrics.create();
    PoolMetrics m2 = PoolMetrics.create();
    try (Pool<FakeResourceFactory.Resource> p1 =
            Pool.open(Workloads.smallPool("twin", m1).build(), factory);
        Pool<FakeResourceFactory.Resource> p2 =
            Pool.open(Workloads.smallPool("twin", m2).build(), factory);
        PoolMetrics.Binding b1 = m1.bindTo(p1, registry)) {
      assertThatThrownBy(() -> m2.bindTo(p2, registry))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("pool names must be unique within a registry");
      assertThat(b1.poolName()).isEqualTo("twin");
    }
  }

  @Test
  void extraTagsGoOnEveryMeter() {
    PoolMetrics metrics = PoolMetrics.builder().tag("app", "shop").build();
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(Workloads.smallPool("tagged", metrics).build(), factory);
        PoolMetrics.Binding b = metrics.bindTo(pool, registry)) {
      Borrowers.borrowAndReturn(pool);
      clock.add(PoolMetrics.DEFAULT_SNAPSHOT_TTL);
      registry.get(MeterNames.LEASED).gauge().value(); // refresh: registers call-site meters
      assertThat(registry.getMeters()).isNotEmpty();
      for (Meter m : registry.getMeters()) {
        assertThat(m.getId().getTag("app")).as(m.getId().toString()).isEqualTo("shop");
        assertThat(m.getId().getTag("pool")).as(m.getId().toString()).isEqualTo("tagged");
      }
      assertThat(b.callSiteTagValues()).hasSize(2);
    }
  }

  @Test
  void builderRejectsBadSettingsNamingTheRule() {
    assertThatThrownBy(() -> PoolMetrics.builder().callSiteTags(-1))
        .hasMessage("callSiteTags must be between 0 and 100 but was -1");
    assertThatThrownBy(() -> PoolMetrics.builder().callSiteTags(101))
        .hasMessage("callSiteTags must be between 0 and 100 but was 101");
    assertThatThrownBy(() -> PoolMetrics.builder().snapshotTtl(Duration.ofSeconds(-1)))
        .hasMessage("snapshotTtl must be between 0 and 1 minute but was PT-1S");
    assertThatThrownBy(() -> PoolMetrics.builder().tag("pool", "x"))
        .hasMessageContaining("must not be 'pool'");
  }

  @Test
  void noCallSiteMetersWhenTurnedOff() {
    PoolMetrics metrics = PoolMetrics.builder().callSiteTags(0).build();
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(Workloads.smallPool("nosites", metrics).build(), factory);
        PoolMetrics.Binding b = metrics.bindTo(pool, registry)) {
      Borrowers.borrowAndReturn(pool);
      clock.add(PoolMetrics.DEFAULT_SNAPSHOT_TTL);
      registry.get(MeterNames.LEASED).gauge().value();
      assertThat(registry.find(MeterNames.CALL_SITE_LEASES).meters()).isEmpty();
      assertThat(b.callSiteTagValues()).isEmpty();
    }
  }

  // ------------------------------------------------------------------ hot path cost

  /** A LeaseInfo for calling the listener directly; the listener must not read it. */
  private static final LeaseInfo LEASE =
      new LeaseInfo() {
        @Override
        public String poolName() {
          throw new AssertionError("the hot path must not read the lease");
        }

        @Override
        public long leaseId() {
          throw new AssertionError("the hot path must not read the lease");
        }

        @Override
        public long resourceId() {
          throw new AssertionError("the hot path must not read the lease");
        }

        @Override
        public Thread holder() {
          throw new AssertionError("the hot path must not read the lease");
        }

        @Override
        public CallSite callSite() {
          throw new AssertionError("the hot path must not read the lease");
        }

        @Override
        public StackTraceElement[] stackTrace() {
          throw new AssertionError("the hot path must not read the lease");
        }

        @Override
        public String tag() {
          throw new AssertionError("the hot path must not read the lease");
        }

        @Override
        public long acquiredAtNanos() {
          throw new AssertionError("the hot path must not read the lease");
        }
      };

  @Test
  void acquireAndReleaseCallbacksDoNotAllocateWithThePrometheusRegistry() {
    assertAllocationFree(PoolMetrics.create());
  }

  @Test
  void acquireAndReleaseCallbacksDoNotAllocateWithPercentileHistograms() {
    assertAllocationFree(PoolMetrics.builder().percentileHistogram(true).build());
  }

  private void assertAllocationFree(PoolMetrics metrics) {
    MeterRegistry prometheus =
        new PrometheusMeterRegistry(
            PrometheusConfig.DEFAULT, new PrometheusRegistry(), io.micrometer.core.instrument.Clock.SYSTEM);
    try (Pool<FakeResourceFactory.Resource> pool =
            Pool.open(Workloads.smallPool("alloc", metrics).build(), factory);
        PoolMetrics.Binding b = metrics.bindTo(pool, prometheus)) {
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long id = Thread.currentThread().threadId();
      int calls = 200_000;
      for (int round = 0; round < 3; round++) { // warm-up rounds let the JIT settle
        callBoth(metrics, calls);
      }
      long before = threads.getThreadAllocatedBytes(id);
      callBoth(metrics, calls);
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      System.out.printf("%d acquire+release callbacks allocated %d bytes%n", calls, allocated);
      // 400,000 callbacks: even one 16-byte object per call would be 6.4 MB. The slack covers
      // the measurement itself and a rare window rotation of the timers' maximum.
      assertThat(allocated).as("bytes allocated by %d callbacks", 2 * calls).isLessThan(16_384);
      assertThat(prometheus.get(MeterNames.ACQUIRE).timer().count()).isEqualTo(4L * calls);
      assertThat(b.poolName()).isEqualTo("alloc");
    }
  }

  private static void callBoth(PoolMetrics metrics, int calls) {
    for (int i = 0; i < calls; i++) {
      metrics.onAcquire(LEASE, i & 1023);
      metrics.onRelease(LEASE, 1_000 + (i & 1023));
    }
  }
}
