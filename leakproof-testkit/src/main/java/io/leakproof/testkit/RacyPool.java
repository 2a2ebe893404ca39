package io.leakproof.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A deliberately racy pool with the bug of Go's old mgo driver (docs/articles.md, article 2): it
 * checks {@code live < max} under its lock, unlocks, creates, and only then counts the new
 * resource. Concurrent callers all pass the check before any of them counts, so the limit does not
 * hold. A harness that guards a limit runs against this pool too, to show it would catch the bug;
 * if the harness stops catching it, the harness is broken.
 *
 * <p>To be kind to a shared server, a create gate may bound the creates in flight; a caller checks
 * again after waiting at the gate. The race is unchanged (check, unlock, create, count); it only
 * overshoots in shorter bursts.
 *
 * <p>Implementation notes: {@code lock} guards the idle stack and the counters; it is never held
 * while creating or destroying. Waiters poll the condition every {@link #WAIT_SLICE} so that a
 * freed create slot (which signals nothing) is noticed. Test code only.
 *
 * @param <R> the resource type
 */
public final class RacyPool<R> {
  /** Creates a resource. */
  @FunctionalInterface
  public interface Creator<R> {
    /**
     * Creates a resource.
     *
     * @return the new resource
     * @throws Exception if it cannot be created
     */
    R create() throws Exception;
  }

  /** Destroys a resource; never throws. */
  @FunctionalInterface
  public interface Destroyer<R> {
    /**
     * Destroys a resource.
     *
     * @param resource the resource
     */
    void destroy(R resource);
  }

  /** How long a waiter sleeps before it checks the racy condition again. */
  private static final long WAIT_SLICE = TimeUnit.MILLISECONDS.toNanos(10);

  private final int max;
  private final Semaphore createGate; // null: unbounded
  private final Creator<R> creator;
  private final Destroyer<R> destroyer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition returned = lock.newCondition();
  private final ArrayDeque<R> idle = new ArrayDeque<>(); // guarded by lock
  private int live; // guarded by lock
  private int leased; // guarded by lock
  private int waiting; // guarded by lock

  /**
   * Creates the pool; it creates lazily.
   *
   * @param max the limit it checks (and fails to keep)
   * @param createGate how many creates may run at once, 0 for no bound
   * @param creator creates a resource
   * @param destroyer destroys an idle resource on {@link #closeIdle()}
   * @throws IllegalArgumentException if max is below 1 or createGate negative
   */
  public RacyPool(int max, int createGate, Creator<R> creator, Destroyer<R> destroyer) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1 but was " + max);
    }
    if (createGate < 0) {
      throw new IllegalArgumentException("createGate must be >= 0 but was " + createGate);
    }
    this.max = max;
    this.createGate = createGate == 0 ? null : new Semaphore(createGate);
    this.creator = Objects.requireNonNull(creator, "creator");
    this.destroyer = Objects.requireNonNull(destroyer, "destroyer");
  }

  /**
   * Borrows a resource: an idle one, or a new one when the (racy) check passes.
   *
   * @param timeout how long to wait when the check fails
   * @return the resource; give it back with {@link #giveBack}
   * @throws TimeoutException if none came within the timeout
   * @throws Exception what the creator throws
   */
  public R borrow(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      R r = takeIdleOrPassTheCheck(deadline);
      if (r != null) {
        return r;
      }
      if (createGate != null) {
        createGate.acquireUninterruptibly();
      }
      try {
        if (createGate != null && !passesCheck()) {
          continue; // checked again after the gate: still racy, only a shorter burst
        }
        R created = creator.create(); // ...create...
        lock.lock();
        try {
          live++; // ...then count: too late.
          leased++;
        } finally {
          lock.unlock();
        }
        return created;
      } finally {
        if (createGate != null) {
          createGate.release();
        }
      }
    }
  }

  /** Returns an idle resource (leased), or null when the caller may create: the check passed. */
  private R takeIdleOrPassTheCheck(long deadlineNanos) throws TimeoutException {
    lock.lock();
    try {
      while (true) {
        R r = idle.pollFirst();
        if (r != null) {
          leased++;
          return r;
        }
        if (live < max) {
          return null; // the check passes...
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("racy pool: timed out");
        }
        waiting++;
        try {
          returned.awaitNanos(Math.min(left, WAIT_SLICE));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TimeoutException("racy pool: interrupted while waiting");
        } finally {
          waiting--;
        }
      }
    } finally {
      lock.unlock(); // ...and the lock is dropped before creating.
    }
  }

  private boolean passesCheck() {
    lock.lock();
    try {
      return live < max;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Gives a borrowed resource back.
   *
   * @param resource the resource
   */
  public void giveBack(R resource) {
    lock.lock();
    try {
      leased--;
      idle.addFirst(resource);
      returned.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many resources the pool counted as created and not destroyed.
   *
   * @return the count (below the truth while creates are in flight: the bug)
   */
  public int live() {
    lock.lock();
    try {
      return live;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many resources are borrowed.
   *
   * @return the count
   */
  public int leased() {
    lock.lock();
    try {
      return leased;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many resources are idle.
   *
   * @return the count
   */
  public int idle() {
    lock.lock();
    try {
      return idle.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many callers wait for a resource.
   *
   * @return the count
   */
  public int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /** Destroys every idle resource (outside the lock). */
  public void closeIdle() {
    ArrayDeque<R> drained;
    lock.lock();
    try {
      drained = new ArrayDeque<>(idle);
      live -= idle.size();
      idle.clear();
    } finally {
      lock.unlock();
    }
    for (R r : drained) {
      destroyer.destroy(r);
    }
  }
}
