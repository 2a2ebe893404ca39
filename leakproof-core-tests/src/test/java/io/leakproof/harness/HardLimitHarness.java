package io.leakproof.harness;

import io.leakproof.testkit.FakeResourceFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hammers a {@link BorrowTarget} with thousands of virtual and platform threads while its
 * factory turns slow, failing and back, and watches how many resources are open at once: after
 * every step a sampler thread reads the factory's open count, and the factory itself records
 * the peak. Returns what it saw; the tests decide what to assert.
 *
 * <p>Bounded: it runs for {@link Plan#duration()} and then stops every thread it started.
 */
public final class HardLimitHarness {

  /**
   * What to run.
   *
   * @param virtualThreads borrowers on virtual threads
   * @param platformThreads borrowers on platform threads
   * @param duration how long to run
   * @param acquireTimeout each borrow's timeout
   * @param maxHoldMicros a borrower holds for a random time up to this
   * @param chaos whether to toggle slow/failing creates and failing validation, and disturb
   */
  public record Plan(
      int virtualThreads,
      int platformThreads,
      Duration duration,
      Duration acquireTimeout,
      int maxHoldMicros,
      boolean chaos) {}

  /**
   * What happened.
   *
   * @param factoryPeak the most resources open at once, by the factory's own count
   * @param sampledPeak the most seen by the sampler
   * @param borrows successful borrows
   * @param failures failed borrows (timeouts, creation errors)
   * @param samples how many times the sampler looked
   */
  public record Result(int factoryPeak, int sampledPeak, long borrows, long failures, long samples) {}

  private HardLimitHarness() {}

  public static Result run(BorrowTarget target, FakeResourceFactory factory, Plan plan)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong borrows = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    AtomicInteger sampled = new AtomicInteger();
    AtomicLong samples = new AtomicLong();
    List<Thread> threads = new ArrayList<>();

    Thread sampler =
        Thread.ofPlatform()
            .name("harness-sampler")
            .start(
                () -> {
                  while (!stop.get()) {
                    sampled.accumulateAndGet(factory.open(), Math::max);
                    samples.incrementAndGet();
                    Thread.onSpinWait();
                  }
                });

    Runnable borrower =
        () -> {
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          while (!stop.get()) {
            try (BorrowTarget.Handle h = target.borrow(plan.acquireTimeout())) {
              borrows.incrementAndGet();
              int hold = rnd.nextInt(plan.maxHoldMicros() + 1);
              if (hold > 0) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(hold));
              }
              if (h == null) {
                throw new AssertionError("null handle");
              }
            } catch (Exception e) {
              failures.incrementAndGet();
              // Back off like a real client: a failing borrower that spins would starve the
              // virtual-thread carriers (and the pool's own threads) for no benefit.
              LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
          }
        };
    for (int i = 0; i < plan.virtualThreads(); i++) {
      threads.add(Thread.ofVirtual().name("v-borrower-" + i).start(borrower));
    }
    for (int i = 0; i < plan.platformThreads(); i++) {
      threads.add(Thread.ofPlatform().name("p-borrower-" + i).daemon().start(borrower));
    }

    long end = System.nanoTime() + plan.duration().toNanos();
    int step = 0;
    while (System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(25);
      step++;
      if (plan.chaos()) {
        factory.createDelay(Duration.ofMillis(step % 3 == 0 ? 2 : 0));
        factory.failCreates(step % 11 == 0);
        factory.failValidation(step % 13 == 0);
        target.disturb(step);
      }
    }
    factory.failCreates(false);
    factory.failValidation(false);
    stop.set(true);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    sampler.join();
    return new Result(factory.peak(), sampled.get(), borrows.get(), failures.get(), samples.get());
  }
}
