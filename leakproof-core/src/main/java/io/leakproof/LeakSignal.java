package io.leakproof;

/** The signals by which the pool notices a lease that may never come back (docs/design.md §3). */
public enum LeakSignal {
  /** The lease handle became unreachable while leased: a definite leak, reclaimed. */
  ABANDONED,
  /** The lease is older than {@link PoolConfig#leakWarningThreshold()}: a suspect. */
  HELD_TOO_LONG,
  /** The lease is older than {@link PoolConfig#maxHoldTime()}: reclaimed by policy. */
  HOLD_LIMIT,
  /** The lease was still held when {@link Pool#close()} gave up waiting: forcibly ended. */
  SHUTDOWN
}
