package io.leakproof.harness;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A deliberately broken pool with the engine's hand-off protocol in the wrong order: an enqueuing
 * waiter scans for an idle resource and only then publishes the waiter count, while a releaser
 * makes its resource idle and then hands off only if it sees a waiter. A release that falls
 * between the scan and the publication is lost, and the waiter sleeps until its timeout with a
 * resource idle: the bug Leakproof's engine had. {@link QuietHandOffHarness} must catch it.
 */
public final class LostWakeupPool implements BorrowTarget {
  private static final int IDLE = 0;
  private static final int LEASED = 1;
  private static final int RESERVED = 2;

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Waiter> queue = new ArrayDeque<>(); // guarded by lock
  private final AtomicIntegerArray state;
  private volatile int waiterCount;

  private static final class Waiter {
    final Thread thread = Thread.currentThread();
    volatile int assigned = -1;
  }

  public LostWakeupPool(int size) {
    state = new AtomicIntegerArray(size);
  }

  @Override
  public Handle borrow(Duration timeout) throws Exception {
    if (waiterCount == 0) {
      for (int i = 0; i < state.length(); i++) {
        if (state.compareAndSet(i, IDLE, LEASED)) {
          int slot = i;
          return () -> release(slot);
        }
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Waiter w = new Waiter();
    lock.lock();
    try {
      queue.addLast(w);
      drainLocked(); // the scan first...
      waiterCount = queue.size(); // ...then the publication: the bug
    } finally {
      lock.unlock();
    }
    while (w.assigned < 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        lock.lock();
        try {
          if (w.assigned < 0) {
            queue.remove(w);
            waiterCount = queue.size();
            throw new Timeout(idle());
          }
        } finally {
          lock.unlock();
        }
        break;
      }
      LockSupport.parkNanos(this, left);
    }
    int slot = w.assigned;
    state.set(slot, LEASED);
    return () -> release(slot);
  }

  private void release(int slot) {
    state.set(slot, IDLE);
    if (waiterCount > 0) {
      lock.lock();
      try {
        drainLocked();
        waiterCount = queue.size();
      } finally {
        lock.unlock();
      }
    }
  }

  private void drainLocked() {
    while (!queue.isEmpty()) {
      int found = -1;
      for (int i = 0; i < state.length() && found < 0; i++) {
        if (state.compareAndSet(i, IDLE, RESERVED)) {
          found = i;
        }
      }
      if (found < 0) {
        return;
      }
      Waiter w = queue.pollFirst();
      w.assigned = found;
      LockSupport.unpark(w.thread);
    }
  }

  private int idle() {
    int n = 0;
    for (int i = 0; i < state.length(); i++) {
      n += state.get(i) == IDLE ? 1 : 0;
    }
    return n;
  }

  /** A timeout that remembers how many resources were idle when it was thrown. */
  private static final class Timeout extends TimeoutException {
    private static final long serialVersionUID = 1L;
    final int idle;

    Timeout(int idle) {
      super("lost-wakeup pool: timed out with " + idle + " idle");
      this.idle = idle;
    }
  }

  @Override
  public int idleAtTimeout(Exception timeout) {
    return timeout instanceof Timeout t ? t.idle : -1;
  }

  @Override
  public int waiting() {
    return waiterCount;
  }

  @Override
  public void close() {}
}
