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
   * Capture one lease in {@link PoolConfig#callSiteSampleRate()}, chosen at random, and every
   * lease acquired while callers are waiting (when the pool is exhausted, the diagnosis matters
   * more than the cost, and throughput is bound by the holders anyway). The default.
   */
  SAMPLED,
  /** Capture every lease. */
  ALL
}
