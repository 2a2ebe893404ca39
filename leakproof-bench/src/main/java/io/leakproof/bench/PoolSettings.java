package io.leakproof.bench;

import java.time.Duration;

/**
 * What every pool in one benchmark is configured with, whatever its implementation: a fixed size
 * (all connections opened up front and kept), and how long a borrower waits before the pool
 * gives up. Each pool keeps its own defaults for everything else, except where
 * {@link PoolKind} says otherwise.
 *
 * @param size the fixed number of connections (max = min = initial)
 * @param acquireTimeout how long a borrow may wait; a pool that hangs fails the benchmark after
 *     this instead of stalling the run
 */
public record PoolSettings(int size, Duration acquireTimeout) {

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException if size is below 1 or the timeout is not positive
   */
  public PoolSettings {
    if (size < 1) {
      throw new IllegalArgumentException("size must be >= 1 but was " + size);
    }
    if (acquireTimeout.isNegative() || acquireTimeout.isZero()) {
      throw new IllegalArgumentException(
          "acquireTimeout must be positive but was " + acquireTimeout);
    }
  }

  /**
   * Returns the acquire timeout in whole milliseconds, as most pools take it.
   *
   * @return the timeout in milliseconds
   */
  public long acquireTimeoutMillis() {
    return acquireTimeout.toMillis();
  }
}
