package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.Borrowers;
import example.app.Storm;
import io.leakproof.internal.RealPool;
import io.leakproof.spi.PoolEvent;
import io.leakproof.testkit.FakeResourceFactory;
import io.leakproof.testkit.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Promise 4: a leak cannot exhaust the pool. */
class LeakDetectionTest {

  private static PoolConfig.Builder config(RecordingListener rec) {
    return PoolConfig.builder()
        .name("leaks")
        .maxSize(2)
        .callSiteCapture(CallSiteCapture.ALL)
        .acquireTimeout(Duration.ofSeconds(10))
        .shutdownTimeout(Duration.ofMillis(200))
        .logging(false)
        .listener(rec);
  }

  @Test
  void leakedHandleIsReclaimedAfterGcAndReportedOnceWithItsCallSite() throws Exception {
    FakeResourceFactory f = new FakeResourceFactory();
    RecordingListener rec = new RecordingListener();
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config(rec).build(), f)) {
      Borrowers.leakOne(pool);
      Borrowers.leakOne(pool);
      // Both slots are leaked; this acquisition can only succeed if the pool proves the leaks.
      long t0 = System.nanoTime();
      Borrowers.borrowAndReturn(pool);
      long recoveredMs = (System.nanoTime() - t0) / 1_000_000;
      List<PoolEvent.Leak> leaks =
          rec.await(
              PoolEvent.Leak.class, e -> e.signal() == LeakSignal.ABANDONED, 2, Duration.ofSeconds(5));
      System.out.println("exhausted pool recovered from 2 leaks in " + recoveredMs + " ms");
      assertThat(leaks).hasSize(2);
      for (PoolEvent.Leak leak : leaks) {
        assertThat(leak.lease().callSite())
            .hasToString("example.app.Borrowers.leakOne(Borrowers.java:16)");
        assertThat(leak.message())
            .contains("Leak proven in pool 'leaks'")
            .contains("Did you forget to close the fake resource acquired at example.app.Borrowers.leakOne(Borrowers.java:16)?");
      }
      // Reported once each: a second collection finds nothing more.
      System.gc();
      Thread.sleep(100);
      assertThat(rec.events(PoolEvent.Leak.class)).hasSize(2);
      PoolStats s = pool.stats();
      assertThat(s.leaksReclaimed()).isEqualTo(2);
      assertThat(s.closed(CloseReason.LEAK_RECLAIMED)).isEqualTo(2);
      assertThat(s.timeouts()).isZero();
      assertThat(pool.callSiteStats())
          .anySatisfy(
              c -> {
                assertThat(c.callSite().methodName()).isEqualTo("leakOne");
                assertThat(c.leaksReclaimed()).isEqualTo(2);
              });
      assertThat(f.peak()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aSuspectedLeakIsReportedOnTimeOnRealTime() throws Exception {
    RecordingListener rec = new RecordingListener();
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            config(rec).leakWarningThreshold(Duration.ofMillis(300)).build(),
            new FakeResourceFactory())) {
      Thread.sleep(50); // the first sweep has been scheduled before this lease exists
      long t0 = System.nanoTime();
      try (Lease<FakeResourceFactory.Resource> lease = Borrowers.hold(pool)) {
        rec.await(RecordingListener.Suspected.class, s -> true, 1, Duration.ofSeconds(5));
        long reportedMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("suspected leak reported after " + reportedMs + " ms (threshold 300 ms)");
        assertThat(reportedMs).as("reported within one sweep floor of the threshold").isLessThan(600);
        assertThat(lease.get()).isNotNull();
      }
    }
  }

  @Test
  void leakedLeaseIsNotReclaimedWhileItsHandleIsReachable() throws Exception {
    FakeResourceFactory f = new FakeResourceFactory();
    RecordingListener rec = new RecordingListener();
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config(rec).build(), f)) {
      Lease<FakeResourceFactory.Resource> kept = Borrowers.hold(pool);
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(20);
      }
      assertThat(rec.events(PoolEvent.Leak.class)).isEmpty();
      assertThat(kept.get()).isNotNull();
      kept.close();
    }
  }

  /**
   * The leak storm: 2% of borrowers leak on a pool of 10 over 50,000 leases. Measured on
   * the incumbents, the JVM ran 0–1 collections in such a run, so only a pool that notices its
   * exhaustion and asks for a collection keeps serving. Zero acquire timeouts allowed.
   */
  @Test
  @Tag("slow")
  void leakStormOfTwoPercentCausesNoTimeouts() throws Exception {
    FakeResourceFactory f = new FakeResourceFactory();
    RecordingListener rec = new RecordingListener();
    PoolConfig config =
        PoolConfig.builder()
            .name("storm")
            .maxSize(10)
            .callSiteCapture(CallSiteCapture.SAMPLED)
            .acquireTimeout(Duration.ofSeconds(30))
            .logging(false)
            .listener(rec)
            .build();
    int leases = 50_000;
    int borrowers = 50;
    AtomicLong leaked = new AtomicLong();
    AtomicLong timeouts = new AtomicLong();
    AtomicLong maxWaitNanos = new AtomicLong();
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config, f)) {
      long t0 = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int b = 0; b < borrowers; b++) {
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      ThreadLocalRandom rnd = ThreadLocalRandom.current();
                      for (int i = 0; i < leases / borrowers; i++) {
                        long s = System.nanoTime();
                        try {
                          if (rnd.nextInt(100) < 2) {
                            Storm.forgetful(pool);
                            leaked.incrementAndGet();
                          } else {
                            Storm.careful(pool);
                          }
                        } catch (AcquireTimeoutException e) {
                          timeouts.incrementAndGet();
                        }
                        maxWaitNanos.accumulateAndGet(System.nanoTime() - s, Math::max);
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      long tookMs = (System.nanoTime() - t0) / 1_000_000;
      rec.await(
          PoolEvent.Leak.class,
          e -> e.signal() == LeakSignal.ABANDONED,
          (int) leaked.get() - 10, // at most maxSize leaks can still be waiting for a collection
          Duration.ofSeconds(10));
      PoolStats s = pool.stats();
      System.out.printf(
          "leak storm: %d leases, %d leaked, %d reclaimed, %d timeouts, %d collections requested (%d ms in them),"
              + " %d ms total, longest single acquire %d ms, peak open %d%n",
          leases,
          leaked.get(),
          s.leaksReclaimed(),
          timeouts.get(),
          ((RealPool<?>) pool).gcRequests(),
          ((RealPool<?>) pool).gcTime().toMillis(),
          tookMs,
          maxWaitNanos.get() / 1_000_000,
          f.peak());
      assertThat(leaked.get()).isGreaterThan(500);
      assertThat(timeouts.get()).isZero();
      assertThat(s.timeouts()).isZero();
      assertThat(f.peak()).isLessThanOrEqualTo(10);
    }
  }

  /**
   * The "only with evidence" rule of collections on exhaustion: a pool saturated by honest short
   * holds (every caller queues, no lease is ever old) never asks for a collection. Leases not
   * sampled are stamped with the coarse clock (up to a tick behind the real time), so a lease
   * a few microseconds old can look 10 ms old: a suspect threshold under one tick (the first
   * version's 1 ms) made nearly every check find a "suspect", and this test fails on it.
   */
  @Test
  void aPoolSaturatedByShortHoldsAsksForNoCollection() throws Exception {
    PoolConfig config =
        PoolConfig.builder()
            .name("busy")
            .maxSize(4)
            .acquireTimeout(Duration.ofSeconds(30))
            .logging(false)
            .jfr(false)
            .build();
    AtomicLong borrows = new AtomicLong();
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config, new FakeResourceFactory())) {
      long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      while (System.nanoTime() - end < 0) {
                        try (Lease<FakeResourceFactory.Resource> lease = pool.acquire()) {
                          lease.get();
                          LockSupport.parkNanos(100_000);
                        }
                        borrows.incrementAndGet();
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      long requested = ((RealPool<?>) pool).gcRequests();
      long waited = pool.stats().waitCount();
      System.out.printf(
          "saturated pool: %d borrows, %d of them waited, %d collections requested%n",
          borrows.get(), waited, requested);
      assertThat(waited).as("borrows that queued").isGreaterThan(borrows.get() / 2);
      assertThat(requested).as("collections requested by a busy, leak-free pool").isZero();
    }
  }

  /**
   * A lease passing the warning threshold is reported, then the collection it asks for proves
   * the leak: the suspicion is recorded before its proof. The collection was once asked for
   * before the report, and a JFR recording of the demo showed the proof first; that order is a
   * race this test lost in one run of three here, while the order as built holds every time. The
   * holder thread has ended by then, and the report says so once ("(terminated)", not also the
   * state).
   */
  @Test
  void aSuspicionIsReportedBeforeItsProof() throws Exception {
    RecordingListener rec = new RecordingListener();
    PoolConfig config = config(rec).leakWarningThreshold(Duration.ofMillis(150)).build();
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config, new FakeResourceFactory())) {
      System.gc(); // an empty young generation: no collection of its own proves the leak early
      Thread holder = Thread.ofPlatform().name("short-lived").start(() -> Borrowers.leakOne(pool));
      holder.join();
      rec.await(
          PoolEvent.Leak.class, e -> e.signal() == LeakSignal.ABANDONED, 1, Duration.ofSeconds(10));
      List<Object> events = rec.events();
      int suspected = -1;
      int proven = -1;
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i) instanceof RecordingListener.Suspected && suspected < 0) {
          suspected = i;
        } else if (events.get(i) instanceof PoolEvent.Leak l
            && l.signal() == LeakSignal.ABANDONED
            && proven < 0) {
          proven = i;
        }
      }
      assertThat(suspected).as("index of the suspicion in %s", events).isNotNegative();
      assertThat(suspected).as("suspicion before proof in %s", events).isLessThan(proven);
      String message = rec.events(RecordingListener.Suspected.class).get(0).leak().message();
      assertThat(message).contains("\"short-lived\"").contains("(terminated)").doesNotContain("TERMINATED");
    }
  }
}
