package io.leakproof.micrometer;

import example.app.Borrowers;
import io.leakproof.AcquireTimeoutException;
import io.leakproof.CallSiteCapture;
import io.leakproof.Lease;
import io.leakproof.Pool;
import io.leakproof.PoolConfig;
import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Pools and workloads shared by the tests: everything a scrape can show happens here. */
final class Workloads {
  private Workloads() {}

  /** A config builder for a small pool that captures every call site and reacts fast. */
  static PoolConfig.Builder smallPool(String name, PoolMetrics metrics) {
    return PoolConfig.builder()
        .name(name)
        .maxSize(4)
        .minIdle(0)
        .acquireTimeout(Duration.ofSeconds(5))
        .callSiteCapture(CallSiteCapture.ALL)
        .leakWarningThreshold(Duration.ofMillis(200))
        .gcOnExhaustion(Duration.ofMillis(50))
        .shutdownTimeout(Duration.ofMillis(200))
        .logging(false)
        .listener(metrics);
  }

  /**
   * Makes every kind of event happen once or more: borrows, an invalidation, a suspected leak
   * that comes back, two proven leaks reclaimed after GC, a timeout. Returns when the pool has
   * counted the reclaimed leaks. Leaves nothing leased.
   */
  static void everything(Pool<FakeResourceFactory.Resource> pool) throws InterruptedException {
    for (int i = 0; i < 20; i++) {
      Borrowers.borrowAndReturn(pool);
    }
    Borrowers.borrowAndInvalidate(pool);
    // Suspected leak: held past leakWarningThreshold (200 ms), then returned.
    try (Lease<FakeResourceFactory.Resource> slow = Borrowers.hold(pool)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (pool.stats().leaksSuspected() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      slow.get();
    }
    leakAndAwaitReclaim(pool, 2);
    // Timeout: hold every connection and ask for one more with a short wait.
    List<Lease<FakeResourceFactory.Resource>> held = new ArrayList<>();
    try {
      for (int i = 0; i < pool.stats().maxSize(); i++) {
        held.add(Borrowers.hold(pool));
      }
      try (Lease<FakeResourceFactory.Resource> l = pool.acquire(Duration.ofMillis(20))) {
        throw new AssertionError("expected a timeout but got " + l.get());
      } catch (AcquireTimeoutException expected) {
        // counted by the pool
      }
    } finally {
      for (Lease<FakeResourceFactory.Resource> l : held) {
        l.close();
      }
    }
  }

  /** Leaks {@code n} leases and waits (bounded) until the pool has reclaimed them. */
  static void leakAndAwaitReclaim(Pool<?> pool, int n) throws InterruptedException {
    long before = pool.stats().leaksReclaimed();
    for (int i = 0; i < n; i++) {
      Borrowers.leak(pool);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (pool.stats().leaksReclaimed() < before + n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("leaks not reclaimed in 10 s: " + pool.stats());
      }
      System.gc();
      Thread.sleep(20);
    }
  }
}
