package io.leakproof.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * The pool's resources and the count that keeps the hard limit (promise 1).
 *
 * <p>Implementation notes. {@link #open} counts every physical resource: being created, idle,
 * leased, reserved, being closed. A creation reserves its place ({@link #reserve}, only while
 * {@code open < maxSize}, by compare-and-set) before the factory is called, and a destroy gives
 * it back ({@link #remove}) only after the factory's destroy returned. The slot array is
 * copy-on-write under {@link #lock}, which also carries the condition that shutdown waits on; it
 * is never held across anything but an array copy, and is the last lock in the lock order.
 *
 * @param <R> the resource type
 */
final class SlotTable<R> {
  @SuppressWarnings("rawtypes")
  private static final Slot[] NO_SLOTS = new Slot[0];

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition openDecreased = lock.newCondition();
  private final AtomicInteger open = new AtomicInteger();
  private volatile Slot<R>[] slots;
  private volatile int maxSize;
  private volatile int minIdle;

  @SuppressWarnings("unchecked")
  SlotTable(int maxSize, int minIdle) {
    this.slots = NO_SLOTS;
    this.maxSize = maxSize;
    this.minIdle = minIdle;
  }

  /** Every live resource, as a snapshot (never modified: the array is copied on write). */
  Slot<R>[] all() {
    return slots;
  }

  int open() {
    return open.get();
  }

  int maxSize() {
    return maxSize;
  }

  int minIdle() {
    return minIdle;
  }

  /** Sets the limits (resize); callers then retire the excess and refill. */
  void limits(int newMinIdle, int newMaxSize) {
    maxSize = newMaxSize;
    minIdle = newMinIdle;
  }

  /** Takes one place under the limit for a resource about to be created; false if none is free. */
  boolean reserve() {
    while (true) {
      int o = open.get();
      if (o >= maxSize) {
        return false;
      }
      if (open.compareAndSet(o, o + 1)) {
        return true;
      }
    }
  }

  /** Gives back a place whose creation failed or never started. */
  void unreserve() {
    lock.lock();
    try {
      open.decrementAndGet();
      openDecreased.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Adds a created resource (its place was reserved). */
  void add(Slot<R> slot) {
    lock.lock();
    try {
      Slot<R>[] old = slots;
      Slot<R>[] grown = Arrays.copyOf(old, old.length + 1);
      grown[old.length] = slot;
      slots = grown;
    } finally {
      lock.unlock();
    }
  }

  /** Removes a destroyed resource and gives back its place. */
  void remove(Slot<R> slot) {
    lock.lock();
    try {
      Slot<R>[] old = slots;
      int i = Arrays.asList(old).indexOf(slot);
      if (i >= 0) {
        @SuppressWarnings("unchecked")
        Slot<R>[] shrunk = (Slot<R>[]) new Slot<?>[old.length - 1];
        System.arraycopy(old, 0, shrunk, 0, i);
        System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
        slots = shrunk;
      }
      open.decrementAndGet();
      openDecreased.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Reserves the first idle resource (IDLE → RESERVED), or returns {@code null}. */
  Slot<R> reserveIdle() {
    for (Slot<R> s : slots) {
      if (s.isIdle() && s.tryReserve()) {
        return s;
      }
    }
    return null;
  }

  /** Resources lent or held by the pool for a hand-off or a check (LEASED or RESERVED). */
  int busy() {
    int n = 0;
    for (Slot<R> s : slots) {
      SlotState st = s.state();
      if (st == SlotState.LEASED || st == SlotState.RESERVED) {
        n++;
      }
    }
    return n;
  }

  /** Resources ready or about to be ready to lend (IDLE or RESERVED). */
  int idleOrReserved() {
    int n = 0;
    for (Slot<R> s : slots) {
      SlotState st = s.state();
      if (st == SlotState.IDLE || st == SlotState.RESERVED) {
        n++;
      }
    }
    return n;
  }

  int closing() {
    int n = 0;
    for (Slot<R> s : slots) {
      if (s.state() == SlotState.CLOSING) {
        n++;
      }
    }
    return n;
  }

  /**
   * Waits, in real time, until {@code count} is at most {@code target}, re-reading it each time a
   * resource is removed (a lease that ends during shutdown is destroyed, so it counts too); gives
   * up after {@code timeoutNanos}.
   */
  void await(IntSupplier count, int target, long timeoutNanos) {
    long remaining = timeoutNanos;
    lock.lock();
    try {
      while (remaining > 0) {
        if (count.getAsInt() <= target) {
          return;
        }
        remaining = openDecreased.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }
}
