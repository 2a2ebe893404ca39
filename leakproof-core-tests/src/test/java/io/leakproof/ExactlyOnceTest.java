package io.leakproof;

import static org.assertj.core.api.Assertions.assertThat;

import example.app.Storm;
import io.leakproof.harness.EndCounter;
import io.leakproof.internal.RealPool;
import io.leakproof.spi.PoolEvent;
import io.leakproof.spi.PoolListener;
import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Promise 3: every lease ends exactly once — returned, invalidated, reclaimed as leaked, reclaimed
 * past maxHoldTime, or closed at shutdown — even when those paths race.
 */
@Tag("stress")
class ExactlyOnceTest {

  /** Feeds the pool's own reports of lease beginnings and endings into an {@link EndCounter}. */
  static final class Counting implements PoolListener {
    final EndCounter counter = new EndCounter();

    @Override
    public void onAcquire(LeaseInfo lease, long waitNanos) {
      counter.begun(lease.leaseId());
    }

    @Override
    public void onRelease(LeaseInfo lease, long holdNanos) {
      counter.ended(lease.leaseId());
    }

    @Override
    public void onLeakReclaimed(PoolEvent.Leak event) {
      counter.ended(event.lease().leaseId());
    }
  }

  @Test
  @SuppressWarnings("MustBeClosedChecker") // some borrowers drop their lease on purpose
  void everyLeaseEndsExactlyOnceWhileCloseReclaimAndShutdownRace() throws Exception {
    Counting counting = new Counting();
    FakeResourceFactory f = new FakeResourceFactory();
    Pool<FakeResourceFactory.Resource> pool =
        Pool.open(
            PoolConfig.builder()
                .name("once")
                .maxSize(4)
                .leakWarningThreshold(Duration.ZERO)
                .maxHoldTime(Duration.ofMillis(2))
                .acquireTimeout(Duration.ofMillis(500))
                .shutdownTimeout(Duration.ofMillis(20))
                .logging(false)
                .listener(counting)
                .build(),
            f);
    RealPool<?> real = (RealPool<?>) pool;
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger borrowed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    // A sweeper racing the holders' closes with hold-limit reclaims.
    threads.add(
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!stop.get()) {
                    real.sweep(System.nanoTime());
                    LockSupport.parkNanos(50_000);
                  }
                }));
    CountDownLatch done = new CountDownLatch(16);
    for (int i = 0; i < 16; i++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    try {
                      while (!stop.get()) {
                        try {
                          if (rnd.nextInt(50) == 0) {
                            Storm.forgetful(pool); // leaked: the GC path ends it
                          } else {
                            Lease<FakeResourceFactory.Resource> l = pool.acquire();
                            borrowed.incrementAndGet();
                            LockSupport.parkNanos(rnd.nextInt(3_000_000)); // 0-3 ms around maxHoldTime
                            if (rnd.nextBoolean()) {
                              l.close();
                            } else {
                              l.invalidate();
                            }
                          }
                        } catch (PoolClosedException e) {
                          return; // stop: spinning virtual threads would starve the carriers
                        } catch (PoolException e) {
                          // timeouts are fine here
                        }
                      }
                    } finally {
                      done.countDown();
                    }
                  }));
    }
    TimeUnit.MILLISECONDS.sleep(1_500);
    System.gc();
    TimeUnit.MILLISECONDS.sleep(200);
    pool.close(); // races the borrowers still running: the rest end at shutdown
    stop.set(true);
    done.await(10, TimeUnit.SECONDS);
    for (Thread t : threads) {
      t.join(10_000);
    }
    // Leases dropped after the last collection are still leased in a closed pool: shutdown ended them.
    System.out.println(
        "exactly once: " + counting.counter.leases() + " leases, " + pool.stats());
    assertThat(borrowed.get()).isGreaterThan(100);
    assertThat(pool.stats().closed(CloseReason.HOLD_LIMIT)).as("the hold limit really raced").isPositive();
    assertThat(counting.counter.violations()).isEmpty();
    assertThat(f.open()).isZero();
  }

  /**
   * The counter catches a broken implementation: a lease whose end is decided by check-then-act
   * instead of compare-and-set gets ended twice when three paths race to end it.
   */
  @Test
  void counterCatchesCheckThenActEnding() throws Exception {
    EndCounter counter = new EndCounter();
    final class BrokenLease {
      final long id;
      volatile boolean ended;

      BrokenLease(long id) {
        this.id = id;
        counter.begun(id);
      }

      void end() {
        if (!ended) { // check...
          LockSupport.parkNanos(100_000); // the window every real race has, widened
          ended = true; // ...then act
          counter.ended(id);
        }
      }
    }
    for (int round = 0; round < 200; round++) {
      BrokenLease lease = new BrokenLease(round);
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> enders = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        enders.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        go.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      lease.end();
                    }));
      }
      go.countDown();
      for (Thread t : enders) {
        t.join();
      }
      if (!counter.violations().isEmpty()) {
        break;
      }
    }
    assertThat(counter.violations()).containsPattern("begun 1, ended [23]");
  }
}
