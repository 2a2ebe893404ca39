package io.leakproof.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Checks promise 2 on a target of exactly one permit: waiters are served in arrival order, and a
 * newcomer never overtakes a waiter. Bounded: every borrow has a timeout.
 */
public final class FifoHarness {
  private FifoHarness() {}

  /**
   * Queues {@code waiters} callers one by one (each is seen waiting before the next starts), then
   * releases the permit, and returns the order in which they were served.
   */
  public static List<Integer> serviceOrder(BorrowTarget target, int waiters, boolean virtual)
      throws Exception {
    List<Integer> served = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    BorrowTarget.Handle held = target.borrow(Duration.ofSeconds(5));
    for (int i = 0; i < waiters; i++) {
      int id = i;
      Runnable r =
          () -> {
            try (BorrowTarget.Handle h = target.borrow(Duration.ofSeconds(20))) {
              served.add(id); // only one permit: this is the grant order
              if (h == null) {
                throw new AssertionError();
              }
            } catch (Exception e) {
              served.add(-1 - id);
            }
          };
      threads.add(virtual ? Thread.ofVirtual().start(r) : Thread.ofPlatform().start(r));
      awaitWaiting(target, i + 1);
    }
    held.close();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(30));
    }
    return served;
  }

  /**
   * {@code rounds} times: holds the permit, queues {@code waiters} callers, releases the permit
   * and at once lets a newcomer on the releasing thread try to take it with a zero timeout.
   * Returns how many newcomers got the permit while waiters were queued (overtakes).
   */
  public static int overtakes(BorrowTarget target, int waiters, int rounds) throws Exception {
    int overtakes = 0;
    for (int round = 0; round < rounds; round++) {
      List<Thread> threads = new ArrayList<>();
      BorrowTarget.Handle held = target.borrow(Duration.ofSeconds(5));
      for (int i = 0; i < waiters; i++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      try (BorrowTarget.Handle h = target.borrow(Duration.ofSeconds(20))) {
                        if (h == null) {
                          throw new AssertionError();
                        }
                      } catch (Exception e) {
                        throw new AssertionError("a waiter failed", e);
                      }
                    }));
        awaitWaiting(target, i + 1);
      }
      held.close();
      try (BorrowTarget.Handle newcomer = target.borrow(Duration.ZERO)) {
        // The newcomer holds the only permit, so nobody else can move: if anyone still waits,
        // the newcomer went ahead of them. (If nobody waits, every waiter was served before the
        // newcomer asked, which is fine: 20 threads on two cores can all run in between.)
        if (newcomer != null && target.waiting() > 0) {
          overtakes++;
        }
      } catch (Exception expected) {
        // Correct: the permit went to the longest waiter.
      }
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(30));
      }
    }
    return overtakes;
  }

  private static void awaitWaiting(BorrowTarget target, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (target.waiting() != n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("expected " + n + " waiting, saw " + target.waiting());
      }
      TimeUnit.MICROSECONDS.sleep(200);
    }
  }
}
