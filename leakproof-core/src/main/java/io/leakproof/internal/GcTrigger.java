package io.leakproof.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Asks for a garbage collection when a pool is exhausted and callers are waiting, so that leaked
 * lease handles are proven (enqueued) in time. Measured on the incumbents, a leak storm ran 0–1
 * collections per run: without this, the reference-queue signal alone never fires in time.
 *
 * <p>Rate limit. A collection that proved a leak allows the next one at once (a leak storm is
 * being cleaned up); a fruitless one (the pool is merely busy) backs the next one off, doubling
 * from the configured interval up to {@value #MAX_BACKOFF_SHIFT} doublings (64×), so that a pool
 * saturated by honest load costs at most one collection per minute or so. The collection runs on
 * the pool's worker, never on the caller's thread.
 */
final class GcTrigger {
  /** Fruitless collections double the interval at most this many times (64×: 1 s → ~1 min). */
  static final int MAX_BACKOFF_SHIFT = 6;

  private final long intervalNanos;
  private final LongSupplier reclaimedSoFar;
  private final AtomicBoolean running = new AtomicBoolean();
  private final Runnable collect;

  // Guarded by `running` (only the thread that set it writes these).
  private long lastRequestNanos;
  private boolean requestedBefore;
  private long reclaimedAtLastRequest;
  private int fruitless;
  private final AtomicLong requests = new AtomicLong();

  GcTrigger(long intervalNanos, LongSupplier reclaimedSoFar, Runnable collect) {
    this.intervalNanos = intervalNanos;
    this.reclaimedSoFar = reclaimedSoFar;
    this.collect = collect;
  }

  boolean enabled() {
    return intervalNanos > 0;
  }

  long requests() {
    return requests.get();
  }

  /** Requests a collection on {@code executor} if the rate limit allows it now. */
  void request(long nowNanos, Executor executor) {
    if (intervalNanos <= 0 || !running.compareAndSet(false, true)) {
      return;
    }
    boolean submitted = false;
    try {
      long reclaimed = reclaimedSoFar.getAsLong();
      if (reclaimed > reclaimedAtLastRequest) {
        fruitless = 0;
      }
      long wait =
          !requestedBefore || reclaimed > reclaimedAtLastRequest
              ? 0
              : intervalNanos << Math.min(Math.max(fruitless - 1, 0), MAX_BACKOFF_SHIFT);
      if (requestedBefore && nowNanos - lastRequestNanos < wait) {
        return;
      }
      requestedBefore = true;
      lastRequestNanos = nowNanos;
      reclaimedAtLastRequest = reclaimed;
      fruitless++;
      requests.incrementAndGet();
      executor.execute(
          () -> {
            try {
              collect.run();
            } finally {
              running.set(false);
            }
          });
      submitted = true;
    } catch (RejectedExecutionException closing) {
      // The pool is shutting down: nothing to find any more.
    } finally {
      if (!submitted) {
        running.set(false);
      }
    }
  }
}
