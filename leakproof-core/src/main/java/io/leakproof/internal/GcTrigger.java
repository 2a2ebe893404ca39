package io.leakproof.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Asks for a garbage collection when a pool is exhausted and callers are waiting, so that leaked
 * lease handles are proven (enqueued) in time. Measured on the incumbents, a leak storm ran 0–1
 * collections per run: without this, the reference-queue signal alone never fires in time.
 *
 * <p>Rate limit. A collection is judged by what followed it: if leases were reclaimed since, it
 * was productive and the next one may run as soon as as much time passed as the last one took
 * (a leak storm is being cleaned up, at most half the time collecting, and leaks batch up in
 * between). If nothing
 * was reclaimed within {@link #SETTLE_NANOS} after it ended, it was fruitless (the pool is merely
 * busy) and the next one waits the configured interval, doubling per fruitless collection in a
 * row up to {@value #MAX_BACKOFF_SHIFT} times (64×: 1 s becomes about a minute), so that a pool
 * saturated by honest load costs little. Collections run on the pool's worker, never on the
 * caller's thread, and never two at once.
 *
 * <p>Implementation notes: {@link #running} is the only guard; the plain fields below are written
 * only by the thread that set it, and read after setting it again (the compare-and-set orders
 * them).
 */
final class GcTrigger {
  /** Fruitless collections double the interval at most this many times (64×: 1 s → ~1 min). */
  static final int MAX_BACKOFF_SHIFT = 6;

  /**
   * After a collection ends, the reference handler still has to enqueue what it found and the
   * reaper to reclaim it (milliseconds). A collection is not judged before this much time passed.
   */
  static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final long intervalNanos;
  private final LongSupplier reclaimedSoFar;
  private final LongSupplier clock;
  private final Runnable collect;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong collectNanos = new AtomicLong();

  private boolean collectedBefore;
  private volatile long lastEndNanos;
  private volatile long lastDurationNanos;
  private long reclaimedAtLastCollect;
  private boolean judged;
  private int fruitless;

  GcTrigger(long intervalNanos, LongSupplier reclaimedSoFar, LongSupplier clock, Runnable collect) {
    this.intervalNanos = intervalNanos;
    this.reclaimedSoFar = reclaimedSoFar;
    this.clock = clock;
    this.collect = collect;
  }

  boolean enabled() {
    return intervalNanos > 0;
  }

  long requests() {
    return requests.get();
  }

  /** Returns the time spent in requested collections, in nanoseconds. */
  long collectNanos() {
    return collectNanos.get();
  }

  /**
   * Runs one collection on the calling thread now, outside the rate limit (shutdown's proof of
   * abandoned leases), counted like a requested one. If a requested collection is running, this
   * one still runs: the caller needs its result before it goes on.
   */
  void collectNow() {
    requests.incrementAndGet();
    long t0 = System.nanoTime();
    try {
      collect.run();
    } finally {
      collectNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /**
   * Requests a collection on {@code executor} if the rate limit allows it at {@code now}.
   *
   * @return 0 if a collection was started or none is due (one is running, or the feature is
   *     off); otherwise the time at which to ask again
   */
  long request(long now, Executor executor) {
    if (intervalNanos <= 0 || !running.compareAndSet(false, true)) {
      return 0;
    }
    boolean submitted = false;
    try {
      long reclaimed = reclaimedSoFar.getAsLong();
      if (collectedBefore) {
        long sinceEnd = now - lastEndNanos;
        if (reclaimed > reclaimedAtLastCollect) {
          fruitless = 0;
          if (sinceEnd < lastDurationNanos) {
            return lastEndNanos + lastDurationNanos; // at most half the time collecting
          }
        } else if (sinceEnd < SETTLE_NANOS) {
          return lastEndNanos + SETTLE_NANOS; // too early to judge the last collection
        } else {
          if (!judged) {
            fruitless++;
            judged = true;
          }
          long wait = intervalNanos << Math.min(fruitless - 1, MAX_BACKOFF_SHIFT);
          if (sinceEnd < wait) {
            return lastEndNanos + wait;
          }
        }
      }
      collectedBefore = true;
      judged = false;
      reclaimedAtLastCollect = reclaimed;
      requests.incrementAndGet();
      executor.execute(
          () -> {
            long t0 = System.nanoTime();
            try {
              collect.run();
            } finally {
              long took = System.nanoTime() - t0;
              collectNanos.addAndGet(took);
              lastDurationNanos = took;
              lastEndNanos = clock.getAsLong();
              running.set(false);
            }
          });
      submitted = true;
      return 0;
    } catch (RejectedExecutionException closing) {
      return 0; // the pool is shutting down: nothing to find any more
    } finally {
      if (!submitted) {
        running.set(false);
      }
    }
  }
}
