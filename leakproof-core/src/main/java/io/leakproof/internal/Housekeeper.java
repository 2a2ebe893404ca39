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
 * <p>Implementation notes. {@link #lock} guards only {@link #scheduledAt} and {@link #future}; it
 * is never held while the sweep runs, so the sweep's I/O and listener calls run lock-free.
 */
final class Housekeeper {
  /** Sweeps never run more often than this, whatever the deadlines say. */
  static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final ScheduledExecutorService scheduler;
  private final Ticker ticker;
  private final LongUnaryOperator sweep;
  private final ReentrantLock lock = new ReentrantLock();
  private long scheduledAt = Long.MAX_VALUE; // guarded by lock
  private ScheduledFuture<?> future; // guarded by lock
  private volatile boolean stopped;

  Housekeeper(ScheduledExecutorService scheduler, Ticker ticker, LongUnaryOperator sweep) {
    this.scheduler = scheduler;
    this.ticker = ticker;
    this.sweep = sweep;
  }

  /** Makes sure a sweep runs no later than {@code deadlineNanos}. */
  void runBy(long deadlineNanos) {
    if (stopped) {
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
