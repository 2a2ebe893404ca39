package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.app.Borrowers;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import io.leakproof.testkit.FakeResourceFactory;
import io.leakproof.testkit.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Shutdown, load shedding, use after close, interruption, listeners, diagnosis. */
@SuppressWarnings("MustBeClosedChecker") // leases are held across steps on purpose
class LifecycleTest {
  final FakeResourceFactory factory = new FakeResourceFactory();
  final RecordingListener rec = new RecordingListener();

  PoolConfig.Builder config() {
    return PoolConfig.builder()
        .name("life")
        .maxSize(2)
        .minIdle(0)
        .acquireTimeout(Duration.ofSeconds(10))
        .callSiteCapture(CallSiteCapture.ALL)
        .shutdownTimeout(Duration.ofMillis(300))
        .logging(false)
        .listener(rec);
  }

  @Test
  void closeFailsWaitersAtOnceWaitsForLeasesThenForcesAndReportsTheRest() throws Exception {
    Pool<FakeResourceFactory.Resource> pool = Pool.open(config().build(), factory);
    Lease<FakeResourceFactory.Resource> returnedLate = Borrowers.hold(pool);
    Lease<FakeResourceFactory.Resource> neverReturned = Borrowers.hold(pool);
    AtomicReference<Throwable> waiterError = new AtomicReference<>();
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
                    l.get();
                  } catch (Throwable t) {
                    waiterError.set(t);
                  }
                });
    while (pool.stats().waiting() == 0) {
      TimeUnit.MILLISECONDS.sleep(1);
    }
    Thread closer = Thread.ofPlatform().start(pool::close);
    waiter.join(2_000);
    assertThat(waiterError.get())
        .as("the waiter fails at once, not after its 10 s timeout")
        .isInstanceOf(PoolClosedException.class)
        .hasMessage("Pool 'life' is closed; it lends no more fake resources");
    assertThatThrownBy(pool::acquire).isInstanceOf(PoolClosedException.class);
    returnedLate.close(); // returned within shutdownTimeout: closed normally
    closer.join(5_000);
    assertThat(closer.isAlive()).isFalse();
    assertThat(rec.events(PoolEvent.Leak.class))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.signal()).isEqualTo(LeakSignal.SHUTDOWN);
              assertThat(l.lease().callSite()).hasToString("example.app.Borrowers.hold(Borrowers.java:22)");
              assertThat(l.message()).contains("closed while a fake resource was still held");
            });
    assertThat(neverReturned.isActive()).isFalse();
    assertThatThrownBy(neverReturned::get).isInstanceOf(LeaseEndedException.class);
    assertThat(factory.open()).isZero();
    assertThat(pool.stats().closed(CloseReason.SHUTDOWN)).isEqualTo(2);
    pool.close(); // idempotent
  }

  @Test
  void beyondMaxWaitingCallersAreRefusedAtOnce() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().maxSize(1).maxWaiting(2).build(), factory)) {
      Lease<FakeResourceFactory.Resource> held = pool.acquire();
      List<Thread> waiters = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        waiters.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
                        l.get();
                      }
                    }));
      }
      while (pool.stats().waiting() < 2) {
        TimeUnit.MILLISECONDS.sleep(1);
      }
      long t0 = System.nanoTime();
      assertThatThrownBy(pool::acquire)
          .isInstanceOf(PoolOverloadedException.class)
          .hasMessageContaining("2 callers are already waiting (maxWaiting 2)");
      assertThat(System.nanoTime() - t0).as("refused without waiting").isLessThan(TimeUnit.SECONDS.toNanos(2));
      assertThat(pool.stats().rejected()).isEqualTo(1);
      assertThat(rec.events(PoolEvent.Rejected.class)).hasSize(1);
      held.close();
      for (Thread t : waiters) {
        t.join(5_000);
      }
    }
  }

  @Test
  void aHandleUsedAfterCloseFailsAndNeverReachesTheNextBorrowersResource() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config().maxSize(1).build(), factory)) {
      Lease<FakeResourceFactory.Resource> first = pool.acquire();
      FakeResourceFactory.Resource r = first.get();
      first.close();
      first.close(); // idempotent
      try (Lease<FakeResourceFactory.Resource> second = pool.acquire()) {
        assertThat(second.get()).as("the same physical resource, lent again").isSameAs(r);
        assertThatThrownBy(first::get)
            .isInstanceOf(LeaseEndedException.class)
            .hasMessageContaining("has ended (closed by its holder)");
        first.close();
        first.invalidate();
        assertThat(second.isActive()).as("the stale handle did not end the new lease").isTrue();
        assertThat(second.get()).isSameAs(r);
      }
      assertThat(rec.events(RecordingListener.LeaseEvent.class).stream().filter(e -> e.kind().equals("release")))
          .hasSize(2);
    }
  }

  @Test
  void invalidateAndBrokenFailuresDestroyTheResource() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config().build(), factory)) {
      Lease<FakeResourceFactory.Resource> a = pool.acquire();
      a.invalidate();
      Lease<FakeResourceFactory.Resource> b = pool.acquire();
      assertThat(b.reportFailure(new IllegalStateException("just this query"))).isFalse();
      assertThat(b.reportFailure(new java.io.IOException("socket closed"))).isTrue();
      b.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (pool.stats().closedTotal() < 2 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(1);
      }
      assertThat(pool.stats().closed(CloseReason.INVALIDATED)).isEqualTo(1);
      assertThat(pool.stats().closed(CloseReason.BROKEN)).isEqualTo(1);
    }
  }

  @Test
  void interruptedWaiterGetsAClearErrorAndKeepsItsInterruptStatus() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config().maxSize(1).build(), factory)) {
      Lease<FakeResourceFactory.Resource> held = pool.acquire();
      AtomicReference<Throwable> error = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
                      l.get();
                    } catch (Throwable e) {
                      error.set(e);
                      flag.set(Thread.currentThread().isInterrupted());
                    }
                  });
      while (pool.stats().waiting() == 0) {
        TimeUnit.MILLISECONDS.sleep(1);
      }
      t.interrupt();
      t.join(5_000);
      assertThat(error.get()).isInstanceOf(AcquireInterruptedException.class);
      assertThat(flag.get()).isTrue();
      assertThat(pool.stats().waiting()).isZero();
      held.close();
    }
  }

  @Test
  void aThrowingListenerDoesNotBreakThePool() throws Exception {
    PoolListener bad =
        new PoolListener() {
          @Override
          public void onAcquire(LeaseInfo lease, long waitNanos) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void onCreate(PoolEvent.Created event) {
            throw new IllegalStateException("listener bug");
          }
        };
    try (Pool<FakeResourceFactory.Resource> pool = Pool.open(config().listener(bad).build(), factory)) {
      for (int i = 0; i < 5; i++) {
        try (Lease<FakeResourceFactory.Resource> l = pool.acquire()) {
          assertThat(l.get()).isNotNull();
        }
      }
      assertThat(pool.stats().acquired()).isEqualTo(5);
    }
  }

  @Test
  void timeoutMessageNamesTheHoldersTheirThreadsAndCallSites() throws Exception {
    try (Pool<FakeResourceFactory.Resource> pool =
        Pool.open(config().acquireTimeout(Duration.ofMillis(100)).tagSupplier(() -> "trace-42").build(), factory)) {
      CountDownLatch release = new CountDownLatch(1);
      Thread holder =
          Thread.ofPlatform()
              .name("order-worker-7")
              .start(
                  () -> {
                    try (Lease<FakeResourceFactory.Resource> l = Borrowers.hold(pool)) {
                      l.get();
                      release.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      Lease<FakeResourceFactory.Resource> mine = Borrowers.hold(pool);
      while (pool.stats().leased() < 2) {
        TimeUnit.MILLISECONDS.sleep(1);
      }
      assertThatThrownBy(pool::acquire)
          .isInstanceOf(AcquireTimeoutException.class)
          .satisfies(
              e -> {
                AcquireTimeoutException t = (AcquireTimeoutException) e;
                assertThat(t.getMessage())
                    .startsWith("Pool 'life' could not lend a fake resource within 1")
                    .contains("maxSize 2: 2 leased, 0 idle, 0 connecting, 0 closing; 0 waiting")
                    .contains("\"order-worker-7\"")
                    .contains("acquired at example.app.Borrowers.hold(Borrowers.java:22) [trace-42]")
                    .contains("Next step: 2 of the 2 leases held now were acquired at example.app.Borrowers.hold");
                assertThat(t.longestHeld()).hasSize(2);
                assertThat(t.stats().leased()).isEqualTo(2);
                assertThat(t.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(100));
              });
      assertThat(rec.events(PoolEvent.Timeout.class)).hasSize(1);
      String text = pool.dump().toText();
      assertThat(text).contains("order-worker-7").contains("tag trace-42").contains("Borrowers.hold(Borrowers.java:22)");
      String json = pool.dump().toJson();
      assertThat(json).contains("\"thread\":\"order-worker-7\"").contains("\"tag\":\"trace-42\"").startsWith("{").endsWith("}");
      release.countDown();
      holder.join();
      mine.close();
    }
  }
}
