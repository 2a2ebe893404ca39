package io.leakproof.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The quiet moment in which a lost wake-up hides: every resource is held, exactly one caller
 * starts waiting, exactly one resource is returned a few microseconds later, and nothing else
 * runs. A correct pool serves that waiter every time; a pool whose enqueue and release are not
 * ordered against each other sometimes lets it sleep until its timeout with a resource idle.
 *
 * <p>A waiter that times out is judged by what its pool saw at the timeout ({@link
 * BorrowTarget#idleAtTimeout}): a resource idle means a lost wake-up; none means the release had
 * not happened yet, because the releasing thread was descheduled for longer than the timeout.
 *
 * <p>Under constant traffic a later release rescues the sleeping waiter, which is why the
 * throughput harnesses never see this; here nothing does. Each round costs microseconds when the
 * hand-off works and one {@code waiterTimeout} when it is lost, so rounds are bounded in count and
 * in time.
 */
public final class QuietHandOffHarness {
  private QuietHandOffHarness() {}

  /**
   * What happened: rounds run; rounds whose single waiter timed out although the pool had a
   * resource idle (a lost wake-up); and rounds whose release came only after the waiter's timeout
   * (the releasing thread was descheduled for longer than the timeout on a loaded machine, which
   * proves nothing either way).
   */
  public record Result(int rounds, int lostWakeUps, int lateReleases, List<String> firstErrors) {}

  /**
   * Runs up to {@code rounds} rounds (or until {@code budget} elapsed, or {@code stopAfter} lost
   * wake-ups were seen).
   *
   * @param target the pool, with {@code size} resources
   * @param size how many resources the target has (all are held before each round)
   * @param rounds the most rounds to run
   * @param budget the most time to spend
   * @param waiterTimeout how long the waiter waits before it counts as lost
   * @param maxDelayNanos the release happens at a random point up to this long after the waiter starts
   * @param stopAfter stop after this many lost wake-ups
   */
  public static Result run(
      BorrowTarget target,
      int size,
      int rounds,
      Duration budget,
      Duration waiterTimeout,
      long maxDelayNanos,
      int stopAfter)
      throws Exception {
    List<BorrowTarget.Handle> held = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      held.add(target.borrow(Duration.ofSeconds(5)));
    }
    AtomicInteger go = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<String> errors = new ArrayList<>();
    BorrowTarget.Handle[] got = new BorrowTarget.Handle[1];
    int[] lost = new int[1];
    int[] late = new int[1];
    Thread waiter =
        Thread.ofPlatform()
            .name("quiet-waiter")
            .daemon()
            .start(
                () -> {
                  for (int round = 1; ; round++) {
                    while (go.get() < round) {
                      if (go.get() < 0) {
                        return;
                      }
                      Thread.onSpinWait();
                    }
                    try {
                      got[0] = target.borrow(waiterTimeout);
                    } catch (Exception e) {
                      got[0] = null;
                      // A lost wake-up leaves the returned resource idle (nothing else runs); a
                      // release that has not happened yet leaves none.
                      if (target.idleAtTimeout(e) == 0) {
                        late[0]++;
                      } else {
                        lost[0]++;
                        if (errors.size() < 3) {
                          errors.add(e.getMessage());
                        }
                      }
                    }
                    done.set(round); // publishes got, lost and errors to the driver
                  }
                });
    long deadline = System.nanoTime() + budget.toNanos();
    int round = 0;
    try {
      while (round < rounds && System.nanoTime() - deadline < 0 && lost[0] < stopAfter) {
        round++;
        long delay = ThreadLocalRandom.current().nextLong(maxDelayNanos + 1);
        go.set(round);
        long releaseAt = System.nanoTime() + delay;
        while (System.nanoTime() - releaseAt < 0) {
          Thread.onSpinWait();
        }
        held.remove(held.size() - 1).close();
        while (done.get() < round) {
          Thread.onSpinWait();
        }
        // Take back what was returned, so that the next round starts with everything held.
        held.add(got[0] != null ? got[0] : target.borrow(Duration.ofSeconds(5)));
      }
    } finally {
      go.set(-1);
      waiter.join(waiterTimeout.toMillis() * 2 + 5_000);
      for (BorrowTarget.Handle h : held) {
        h.close();
      }
    }
    return new Result(round, lost[0], late[0], List.copyOf(errors));
  }
}
