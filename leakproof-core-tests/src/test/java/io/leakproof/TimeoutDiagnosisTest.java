package io.leakproof;

import static io.leakproof.FakeTimeTest.await;
import static io.leakproof.FakeTimeTest.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.app.Borrowers;
import example.app.QueuedWorker;
import io.leakproof.testkit.FakeResourceFactory;
import io.leakproof.testkit.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The acquire-timeout message tells an overloaded pool from a leaking one and from one that
 * cannot connect, from the evidence: how long the current leases have been held against the
 * caller's wait, the queue, the call sites and the creation errors. Fake time: every hold and
 * wait is exact, and the pool lends in queue order, so each scenario is the same on every run.
 * Creations run inside the acquisition that starts them (a direct executor); the tests wait,
 * boundedly, only for their own borrower threads to hold or queue, and for a hung creation.
 */
@SuppressWarnings("MustBeClosedChecker") // leases are held across steps on purpose
class TimeoutDiagnosisTest {
  final FakeTicker time = new FakeTicker();
  final FakeResourceFactory factory = new FakeResourceFactory();
  final List<QueuedWorker> workers = new ArrayList<>();

  PoolConfig.Builder config(int maxSize) {
    return PoolConfig.builder()
        .name("diag")
        .ticker(time)
        .housekeeping(false)
        .executor(Runnable::run) // creations run inside the acquisition that starts them
        .maxSize(maxSize)
        .minIdle(0)
        .acquireTimeout(Duration.ofSeconds(5))
        .shutdownTimeout(Duration.ofMillis(100))
        .callSiteCapture(CallSiteCapture.ALL)
        .logging(false)
        .jfr(false);
  }

  /**
   * Starts a worker and waits until every worker started so far holds a lease or queues, so that
   * workers queue in the order they were started.
   */
  QueuedWorker worker(Pool<?> pool) throws InterruptedException {
    QueuedWorker w = QueuedWorker.start(pool);
    workers.add(w);
    await(
        () -> workers.stream().filter(QueuedWorker::holding).count() + pool.stats().waiting()
            == workers.size(),
        "worker " + workers.size() + " holds a lease or queues");
    return w;
  }

  /** A caller on its own thread that waits {@code timeout} and keeps what acquire threw. */
  static Thread caller(Pool<?> pool, Duration timeout, AtomicReference<Throwable> thrown) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (Lease<?> lease = pool.acquire(timeout)) {
                lease.get();
              } catch (RuntimeException e) {
                thrown.set(e);
              }
            });
  }

  /** Moves time by {@code step}, lets worker {@code from} go and waits until {@code to} holds. */
  void handOff(Duration step, QueuedWorker from, QueuedWorker to) throws InterruptedException {
    time.advance(step);
    from.release();
    await(to::holding, "the next worker in the queue got the lease");
  }

  /** Lets the caller's deadline pass on the pool's clock and returns its timeout message. */
  String timeoutOf(
      Pool<FakeResourceFactory.Resource> pool, Thread caller, AtomicReference<Throwable> thrown)
      throws InterruptedException {
    real(pool).sweep(time.read()); // wakes waiters whose deadline passed on the fake clock
    caller.join(5_000);
    assertThat(caller.isAlive()).as("the caller timed out").isFalse();
    assertThat(thrown.get()).isInstanceOf(AcquireTimeoutException.class);
    return thrown.get().getMessage();
  }

  void finishWorkers() throws InterruptedException {
    for (QueuedWorker w : workers) {
      w.finish();
    }
  }

  @Test
  void shortHoldsAndALongQueueAreDiagnosedAsOverloadNotAsALeak() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config(2).build(), factory)) {
      for (int i = 0; i < 12; i++) {
        worker(pool); // two hold at t=0, ten queue
      }
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread late = caller(pool, Duration.ofMillis(200), thrown);
      await(() -> pool.stats().waiting() == 11, "the late caller queues behind ten workers");
      // Every 30 ms a worker closes and the head of the queue gets its resource: holds of 30-60
      // ms, the same call site every time, which is what the old advice mistook for a leak.
      for (int i = 0; i < 6; i++) {
        handOff(Duration.ofMillis(30), workers.get(i), workers.get(i + 2));
      }
      time.advance(Duration.ofMillis(20)); // t = 200 ms: the late caller's deadline
      String message = timeoutOf(pool, late, thrown);

      assertThat(message)
          .startsWith("Pool 'diag' could not lend a fake resource within 200 ms")
          .contains("(maxSize 2: 2 leased, 0 idle, 0 connecting, 0 closing; 4 waiting)")
          .contains("Longest-held leases (2 of 2):\n  1. held 50 ms by virtual")
          .contains("acquired at example.app.QueuedWorker.acquireAndHold(QueuedWorker.java:41)")
          .contains("\nVerdict: overloaded: leases ")
          .contains(" (longest held 50 ms")
          .contains("2 of the 2 held now were lent during the 200 ms wait")
          .contains("but 4 more callers queue for 2 fake resources; no lease looks leaked")
          .contains("\nNext step: the pool is too small for the load or the load must be shed")
          .contains("set maxWaiting")
          .doesNotContain("leak suspected")
          .doesNotContain("missing close()");
      finishWorkers();
    }
  }

  @Test
  void leasesHeldFarLongerThanTheOthersAreDiagnosedAsALeakWithTheirCallSite() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config(4).build(), factory)) {
      List<Lease<FakeResourceFactory.Resource>> leaked = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        leaked.add(Borrowers.hold(pool)); // t = 0, never closed until the end of the test
      }
      time.advance(Duration.ofSeconds(47));
      for (int i = 0; i < 6; i++) {
        worker(pool); // one holds the fourth resource, five queue
      }
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread late = caller(pool, Duration.ofSeconds(1), thrown);
      await(() -> pool.stats().waiting() == 6, "the late caller queues behind five workers");
      // The one resource left turns over every 12 ms while the other three stay out.
      for (int i = 0; i < 5; i++) {
        handOff(Duration.ofMillis(12), workers.get(i), workers.get(i + 1));
      }
      time.advance(Duration.ofMillis(940)); // t = 48 s: the late caller's deadline
      String message = timeoutOf(pool, late, thrown);

      assertThat(message)
          .startsWith("Pool 'diag' could not lend a fake resource within 1.0 s")
          .contains("(maxSize 4: 4 leased, 0 idle, 0 connecting, 0 closing; 0 waiting)")
          .contains("  1. held 48.0 s by ")
          .contains("\nVerdict: leak suspected: 3 of 4 leases held for 48.0 s or longer, ")
          .contains("all acquired at example.app.Borrowers.hold(Borrowers.java:22)")
          .contains("the other 1 was lent during the wait")
          .contains(
              "\nNext step: look at example.app.Borrowers.hold(Borrowers.java:22) for a missing"
                  + " close()")
          .doesNotContain("overloaded")
          .doesNotContain("QueuedWorker.java:41 for a missing close()");
      finishWorkers();
      leaked.forEach(Lease::close);
    }
  }

  @Test
  void whenNoLeaseCameBackTheMessageNamesTheSiteHoldingThemAll() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config(2).build(), factory)) {
      Lease<FakeResourceFactory.Resource> a = Borrowers.hold(pool);
      Lease<FakeResourceFactory.Resource> b = Borrowers.hold(pool);
      time.advance(Duration.ofMinutes(3));
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread late = caller(pool, Duration.ofSeconds(2), thrown);
      await(() -> pool.stats().waiting() == 1, "the caller queues");
      time.advance(Duration.ofSeconds(2));
      String message = timeoutOf(pool, late, thrown);

      assertThat(message)
          .contains("\nVerdict: leak suspected: 2 of 2 leases held for 3.0 min or longer,"
              + " through the whole 2.0 s wait, all acquired at"
              + " example.app.Borrowers.hold(Borrowers.java:22)")
          .doesNotContain("overloaded");
      a.close();
      b.close();
    }
  }

  @Test
  void failingCreationsAreDiagnosedAsCannotConnect() throws Exception {
    factory.failCreates(true);
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config(3).acquireTimeout(Duration.ZERO).build(), factory)) {
      assertThatThrownBy(pool::acquire)
          .isInstanceOf(AcquireTimeoutException.class)
          .hasMessageContaining("\nLast fake resource creation error 0.0 ms ago: ")
          .hasMessageContaining("fake: connection refused")
          .hasMessageContaining(
              "\nVerdict: cannot connect: every creation has failed (1 attempt, none succeeded),"
                  + " so only 0 of 3 fake resources are open and none could be added for the 1"
                  + " waiting caller")
          .hasMessageContaining("\nNext step: the pool cannot create fake resources: fix the cause")
          .hasMessageNotContaining("overloaded")
          .hasMessageNotContaining("leak suspected");

      factory.failCreates(false);
      time.advance(Duration.ofSeconds(1)); // past the retry back-off
      Lease<FakeResourceFactory.Resource> held = pool.acquire();
      factory.failCreates(true);
      time.advance(Duration.ofSeconds(1));
      assertThatThrownBy(pool::acquire)
          .isInstanceOf(AcquireTimeoutException.class)
          .hasMessageContaining(
              "\nVerdict: cannot connect: creations fail now (the last failed 0.0 ms ago; 2 of 3"
                  + " attempts failed in all), so only 1 of 3 fake resources are open")
          .hasMessageContaining("\nNext step: the pool cannot create fake resources");
      held.close();
    }
  }

  @Test
  void aCreationThatHangsIsDiagnosedAsSlowToConnect() throws Exception {
    factory.hangCreates();
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            config(3)
                .acquireTimeout(Duration.ZERO)
                .executor(null) // a hung creation needs a thread of its own
                .build(),
            factory)) {
      assertThatThrownBy(pool::acquire).isInstanceOf(AcquireTimeoutException.class);
      await(() -> factory.attempts() == 1, "the creation started and hangs");
      assertThatThrownBy(pool::acquire)
          .isInstanceOf(AcquireTimeoutException.class)
          .hasMessageContaining("(maxSize 3: 0 leased, 0 idle, 1 connecting, 0 closing; 0 waiting)")
          .hasMessageContaining(
              "\nVerdict: slow to connect: 1 fake resource is being created and none was ready")
          .hasMessageContaining("createTimeout bounds each attempt");
      factory.releaseHungCreates();
    }
  }
}
