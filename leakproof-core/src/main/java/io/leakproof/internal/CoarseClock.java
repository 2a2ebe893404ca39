package io.leakproof.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A clock the hot path can read for free: {@link System#nanoTime()} as of at most
 * {@value #TICK_MILLIS} ms ago, kept by one daemon thread per JVM while any pool that uses the
 * system ticker is open.
 *
 * <p>Why: a {@code System.nanoTime()} read costs about 25 ns here, a quarter of a whole borrow,
 * and a borrow needs a time only to stamp the lease (for hold times, leak thresholds, idle
 * times, lifetimes), where {@value #TICK_MILLIS} ms of resolution is plenty. Everything that
 * needs precision reads the real clock: waiting and deadlines, creation, validation windows'
 * ends, leases whose call site is sampled, and leases whose hold time a listener wants (metrics).
 * A coarse reading is never later than the real time, so a hold computed from it is at most one
 * tick too long.
 *
 * <p>Implementation notes: {@link #nanos} is written only by the ticking thread and read by
 * anyone. The thread parks between ticks (about a hundred wake-ups a second, a few microseconds
 * each) and parks without a deadline when no pool is open; {@link #register} wakes it.
 */
final class CoarseClock {
  /** Resolution of the coarse clock. */
  static final long TICK_MILLIS = 10;

  /** Resolution of the coarse clock, in nanoseconds. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
  private static final AtomicInteger USERS = new AtomicInteger();
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static volatile long nanos = System.nanoTime();
  private static volatile Thread thread;

  private CoarseClock() {}

  /** Returns {@link System#nanoTime()} as of at most one tick ago. */
  static long nanos() {
    return nanos;
  }

  /** Counts a pool that reads this clock; starts or wakes the ticking thread. */
  static void register() {
    USERS.incrementAndGet();
    nanos = System.nanoTime();
    if (!STARTED.get() && STARTED.compareAndSet(false, true)) {
      Thread t = new Thread(CoarseClock::run, "leakproof-clock");
      t.setDaemon(true);
      thread = t;
      t.start();
    } else {
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  /** Forgets a pool; the thread parks when none is left. */
  static void unregister() {
    USERS.decrementAndGet();
  }

  private static void run() {
    while (true) {
      nanos = System.nanoTime();
      if (USERS.get() > 0) {
        LockSupport.parkNanos(TICK_NANOS);
      } else {
        LockSupport.park();
      }
    }
  }
}
