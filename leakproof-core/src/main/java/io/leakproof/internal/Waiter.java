package io.leakproof.internal;

/**
 * One caller waiting to acquire. Linked into the pool's {@link WaitQueue} while queued.
 *
 * <p>Implementation notes. {@link #assigned} and {@link #poolClosed} are written under the pool
 * lock and read by the waiting thread without it (volatile); the links are guarded by the pool
 * lock. A waiter is removed from the queue by whoever assigns it a slot, or by itself under the
 * lock when it times out, so a slot is never assigned to a waiter that has left.
 */
final class Waiter {
  final Thread thread;
  final long deadlineNanos;
  volatile Slot<?> assigned;
  volatile boolean poolClosed;

  // Guarded by the pool lock.
  Waiter prev;
  Waiter next;
  boolean queued;

  // A singly linked list of waiters to unpark after the lock is released.
  Waiter wakeNext;

  Waiter(Thread thread, long deadlineNanos) {
    this.thread = thread;
    this.deadlineNanos = deadlineNanos;
  }
}
