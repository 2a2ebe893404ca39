package io.leakproof.internal;

import io.leakproof.Ticker;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongUnaryOperator;

/**
 * Runs a pool's maintenance sweep on its scheduler, at the deadline the previous sweep returned,
 * or earlier when something asks for it ({@link #runBy}).
 *
 * <p>Implementation notes. {@link #lock} guards only the writes of {@link #scheduledAt} and
 * {@link #future}; it is never held while the sweep runs, so the sweep's I/O and listener calls
 * run lock-free. {@code scheduledAt} is volatile so that the common case (a sweep is already due
 * earlier) takes no lock.
 */
final class Housekeeper {
  /** Sweeps never run more often than this, whatever the deadlines say. */
  static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final ScheduledExecutorService scheduler;
  private final Ticker ticker;
  private final LongUnaryOperator sweep;
  private final ReentrantLock lock = new ReentrantLock();
  // Written under lock; read without it to skip the lock when a sweep is already due earlier.
  private volatile long scheduledAt = Long.MAX_VALUE;
  private ScheduledFuture<?> future; // guarded by lock
  private volatile boolean stopped;

  Housekeeper(ScheduledExecutorService scheduler, Ticker ticker, LongUnaryOperator sweep) {
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.sweep = sweep;
  }

  /** Makes sure a sweep runs no later than {@code deadlineNanos}. */
  void runBy(long deadlineNanos) {
    if (stopped || deadlineNanos >= scheduledAt) {
      return;
    }
    lock.lock();
    try {
      if (deadlineNanos >= scheduledAt) {
        return;
      }
      if (future != null) {
        future.cancel(false);
      }
      long delay = Math.max(0, deadlineNanos - ticker.read());
      scheduledAt = deadlineNanos;
      future = scheduler.schedule(this::run, delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      future = null;
      scheduledAt = Long.MAX_VALUE;
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    lock.lock();
    try {
      scheduledAt = Long.MAX_VALUE;
      future = null;
    } finally {
      lock.unlock();
    }
    if (stopped) {
      return;
    }
    long now = ticker.read();
    long next = sweep.applyAsLong(now);
    runBy(Math.max(next, ticker.read() + MIN_INTERVAL_NANOS));
  }

  void stop() {
    stopped = true;
    lock.lock();
    try {
      if (future != null) {
        future.cancel(false);
        future = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
