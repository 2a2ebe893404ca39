package io.leakproof.harness;

import io.leakproof.AcquireTimeoutException;
import io.leakproof.Lease;
import io.leakproof.Pool;
import java.time.Duration;

/** The real pool, as a harness target. */
public final class LeakproofTarget implements BorrowTarget {
  private final Pool<?> pool;
  private final int maxSize;

  public LeakproofTarget(Pool<?> pool) {
    this.pool = pool;
    this.maxSize = pool.config().maxSize();
  }

  @Override
  @SuppressWarnings("MustBeClosedChecker") // the harness closes the handle
  public Handle borrow(Duration timeout) {
    Lease<?> lease = pool.acquire(timeout);
    lease.get();
    return lease::close;
  }

  /** The pool's own stats, taken when it gave up on the caller. */
  @Override
  public int idleAtTimeout(Exception timeout) {
    return timeout instanceof AcquireTimeoutException t ? t.stats().idle() : -1;
  }

  @Override
  public int waiting() {
    return pool.stats().waiting();
  }

  /** Soft-evicts every 7th step and shrinks/grows between maxSize/2 and maxSize every 5th. */
  @Override
  public void disturb(int step) {
    if (step % 7 == 0) {
      pool.softEvict();
    }
    if (step % 5 == 0) {
      pool.resize(0, step % 10 == 0 ? Math.max(1, maxSize / 2) : maxSize);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
