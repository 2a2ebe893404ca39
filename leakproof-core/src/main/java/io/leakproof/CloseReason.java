package io.leakproof;

/** Why the pool closed (destroyed) a physical resource. Counted per reason in {@link PoolStats}. */
public enum CloseReason {
  /** Idle longer than {@link PoolConfig#idleTimeout()} while the pool had more than minIdle. */
  IDLE_TIMEOUT,
  /** Older than {@link PoolConfig#maxLifetime()} (minus its jitter). */
  LIFETIME,
  /** The factory classified a failure reported on the lease as "resource broken". */
  BROKEN,
  /** Validation (on borrow or keepalive) failed or timed out. */
  VALIDATION_FAILED,
  /** Resetting the resource on return threw. */
  RESET_FAILED,
  /** The borrower called {@link Lease#invalidate()}. */
  INVALIDATED,
  /** Its lease handle was garbage-collected while leased: a proven leak, reclaimed. */
  LEAK_RECLAIMED,
  /** Held longer than {@link PoolConfig#maxHoldTime()}: forcibly reclaimed by policy. */
  HOLD_LIMIT,
  /** Removed by {@link Pool#softEvict()}. */
  EVICTED,
  /** Removed because {@link Pool#resize} lowered maxSize. */
  RESIZED,
  /** Closed by {@link Pool#close()}. */
  SHUTDOWN
}
