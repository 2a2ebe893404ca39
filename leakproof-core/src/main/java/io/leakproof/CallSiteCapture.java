package io.leakproof;

/**
 * How often the pool records where a lease was acquired (its call site).
 *
 * <p>Capturing a call site walks the borrower's stack, which costs more than a whole borrow
 * (see docs/leak-detection.md for the measured cost of each level). Leak reports, per-call-site
 * statistics, dumps and the acquire-timeout diagnosis use whatever was captured.
 */
public enum CallSiteCapture {
  /** Never capture. Leak reports still name the pool, thread and hold time. */
  OFF,
  /**
   * Capture one lease in {@link PoolConfig#callSiteSampleRate()}, chosen at random; every lease
   * that waited longer than {@link PoolConfig#slowAcquireThreshold()} (when the pool is
   * exhausted, the diagnosis matters more than the cost, and the walk is small next to the wait);
   * and every lease for ten minutes after a leak was proven or suspected (a leak usually recurs
   * from the same code path, which then gets its line). The default.
   */
  SAMPLED,
  /** Capture every lease. */
  ALL
}
