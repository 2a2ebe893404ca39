package io.leakproof.cli.internal.pool;

/**
 * A pool's gauges at one moment, as the pool itself reports them.
 *
 * @param leased connections lent out (including leaked ones the pool has not reclaimed)
 * @param idle connections ready to lend
 * @param waiting callers waiting in {@code getConnection()}, or {@link #UNKNOWN}
 * @param open physical connections the pool counts as its own, or {@link #UNKNOWN}
 */
public record PoolGauges(int leased, int idle, int waiting, int open) {
  /** A gauge the pool does not report. */
  public static final int UNKNOWN = -1;

  /**
   * Returns these gauges with {@code waiting} filled in from the caller's own count when the pool
   * does not report it.
   *
   * @param measuredWaiting callers the CLI saw inside {@code getConnection()}
   * @return the gauges
   */
  public PoolGauges withWaitingFallback(int measuredWaiting) {
    return waiting == UNKNOWN ? new PoolGauges(leased, idle, measuredWaiting, open) : this;
  }
}
