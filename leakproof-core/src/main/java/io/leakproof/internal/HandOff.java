package io.leakproof.internal;

import io.leakproof.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The wait queue and the hand-off of resources to waiters (promise 2: FIFO, and no caller waits
 * while a resource sits idle).
 *
 * <p>Implementation notes. {@link #lock} guards the queue and the {@link #closed} flag's writes;
 * it is the first lock in the pool's lock order and is never held across I/O, a listener call or
 * an unpark. {@link #waiterCount} is written under the lock, always before the queue is scanned
 * for idle resources, and read without it.
 *
 * <p>The publication argument. A releaser makes its resource IDLE (a volatile compare-and-set)
 * and then reads {@code waiterCount}; an enqueuing waiter writes {@code waiterCount} and then
 * scans the resources for IDLE ones (volatile reads). Volatile accesses are sequentially
 * consistent, so in every interleaving at least one side sees the other's write: either the
 * scan finds the idle resource, or the releaser sees the waiter and drains. Every path that
 * makes a resource idle goes through {@link #offer}, so none can skip the check. The same
 * argument orders {@link #close} (writes {@code closed}, then reserves idle resources) against
 * {@link #offer} (makes the resource idle, then reads {@code closed}).
 *
 * @param <R> the resource type
 */
// Threads are compared by identity on purpose.
@SuppressWarnings("ReferenceEquality")
final class HandOff<R> {
  /** {@link #enqueue} result: the pool is closed. */
  static final int CLOSED = -1;

  /** {@link #enqueue} result: maxWaiting callers already wait; the caller is refused. */
  static final int REJECTED = -2;

  private final SlotTable<R> slots;
  private final Resources<R> resources;
  private final ReentrantLock lock = new ReentrantLock();
  private final WaitQueue waiters = new WaitQueue(); // guarded by lock
  private volatile int waiterCount; // written under lock, before any scan; read without it
  private volatile boolean closed; // written under lock

  HandOff(SlotTable<R> slots, Resources<R> resources) {
    this.slots = slots;
    this.resources = resources;
  }

  /** Whether anyone waits (a racy read, ordered by the publication argument above). */
  boolean hasWaiters() {
    return waiterCount > 0;
  }

  /** How many callers wait now. */
  int waiting() {
    return waiterCount;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Queues a waiter (at the back, or at the front when it lost the resource it was handed) and
   * hands it an idle resource if there is one.
   *
   * @return how many callers wait afterwards, or {@link #CLOSED} or {@link #REJECTED}
   */
  int enqueue(Waiter w, boolean front, int maxWaiting) {
    Waiter wake = null;
    int result;
    lock.lock();
    try {
      if (closed) {
        return CLOSED;
      }
      if (!front && waiters.size() >= maxWaiting) {
        // Load shedding; but a caller that finds a free resource and nobody waiting still gets it.
        Slot<R> s = waiters.isEmpty() ? slots.reserveIdle() : null;
        if (s == null) {
          return REJECTED;
        }
        w.assigned = s;
        return waiters.size();
      }
      if (front) {
        waiters.addFirst(w);
      } else {
        waiters.addLast(w);
      }
      waiterCount = waiters.size(); // before the scan: see the publication argument
      wake = drainLocked();
      result = waiters.size();
    } finally {
      lock.unlock();
    }
    wakeAll(wake);
    return result;
  }

  /** Removes a waiter that gives up. Returns false if a resource was handed to it meanwhile. */
  boolean leave(Waiter w) {
    lock.lock();
    try {
      if (w.assigned != null) {
        return false;
      }
      waiters.remove(w);
      waiterCount = waiters.size();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes a resource the caller owns (LEASED or RESERVED) idle and hands it to the longest
   * waiter if anyone waits; on a closed pool, destroys it instead.
   *
   * @param used whether it comes back from use (its idle time restarts)
   */
  void offer(Slot<R> slot, long now, boolean used) {
    if (used) {
      slot.markIdleSince(now);
    }
    slot.moveToIdle();
    if (waiterCount > 0) {
      drain();
    }
    if (closed && slot.tryReserve()) {
      resources.destroy(slot, CloseReason.SHUTDOWN);
    }
  }

  /** Hands idle resources to waiters in queue order. */
  void drain() {
    Waiter wake;
    lock.lock();
    try {
      wake = drainLocked();
    } finally {
      lock.unlock();
    }
    wakeAll(wake);
  }

  private Waiter drainLocked() {
    Waiter wake = null;
    while (!waiters.isEmpty()) {
      Slot<R> s = slots.reserveIdle();
      if (s == null) {
        break;
      }
      Waiter w = waiters.pollFirst();
      w.assigned = s;
      w.wakeNext = wake;
      wake = w;
    }
    waiterCount = waiters.size();
    return wake;
  }

  /**
   * Wakes the waiters whose deadline passed on the pool's ticker, so that they time out (matters
   * on fake time, where parking does not end by itself).
   *
   * @return how many callers wait
   */
  int wakeExpired(long now) {
    Waiter wake = null;
    int n;
    lock.lock();
    try {
      n = waiters.size();
      for (Waiter w = waiters.peekFirst(); w != null; w = w.next) {
        if (now - w.deadlineNanos >= 0) {
          w.wakeNext = wake;
          wake = w;
        }
      }
    } finally {
      lock.unlock();
    }
    for (Waiter w = wake; w != null; ) {
      Waiter next = w.wakeNext;
      w.wakeNext = null;
      LockSupport.unpark(w.thread);
      w = next;
    }
    return n;
  }

  /**
   * Closes the queue: no caller is queued from now on, and every waiter wakes to learn that the
   * pool closed.
   *
   * @return false if it was already closed
   */
  boolean close() {
    Waiter wake = null;
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      for (Waiter w = waiters.pollFirst(); w != null; w = waiters.pollFirst()) {
        w.poolClosed = true;
        w.wakeNext = wake;
        wake = w;
      }
      waiterCount = 0;
    } finally {
      lock.unlock();
    }
    wakeAll(wake);
    return true;
  }

  /**
   * Wakes every queued waiter without dequeuing it, so that each looks at the pool's state again
   * (used when the pool pauses: they leave and fail with the creation error).
   */
  void wakeAll() {
    // A list of its own, not the wakeNext links: another wake-up may be walking those now.
    List<Thread> wake = new ArrayList<>();
    lock.lock();
    try {
      for (Waiter w = waiters.peekFirst(); w != null; w = w.next) {
        wake.add(w.thread);
      }
    } finally {
      lock.unlock();
    }
    for (Thread t : wake) {
      LockSupport.unpark(t);
    }
  }

  private static void wakeAll(Waiter w) {
    Thread me = Thread.currentThread();
    while (w != null) {
      Waiter next = w.wakeNext;
      w.wakeNext = null;
      if (w.thread != me) {
        LockSupport.unpark(w.thread);
      }
      w = next;
    }
  }
}
