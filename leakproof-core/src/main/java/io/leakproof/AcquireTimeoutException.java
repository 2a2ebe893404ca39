package io.leakproof;

import java.time.Duration;
import java.util.List;

/**
 * No resource became available within the acquire timeout. The message says who holds the pool:
 * the counts, the longest-held leases with their threads and call sites, and the last creation
 * error (also the {@linkplain #getCause() cause}).
 */
public class AcquireTimeoutException extends PoolException {
  private static final long serialVersionUID = 1L;

  private final Duration waited;
  private final transient PoolStats stats;
  private final transient List<LeaseSnapshot> longestHeld;

  /**
   * Creates the exception.
   *
   * @param poolName the pool
   * @param message the full diagnosis
   * @param cause the last creation error, or {@code null}
   * @param waited how long the caller waited
   * @param stats the pool's state at the timeout
   * @param longestHeld the longest-held leases, longest first
   */
  public AcquireTimeoutException(
      String poolName,
      String message,
      Throwable cause,
      Duration waited,
      PoolStats stats,
      List<LeaseSnapshot> longestHeld) {
    super(poolName, message, cause);
    this.waited = waited;
    this.stats = stats;
    this.longestHeld = List.copyOf(longestHeld);
  }

  /**
   * Returns how long the caller waited.
   *
   * @return the wait
   */
  public Duration waited() {
    return waited;
  }

  /**
   * Returns the pool's state at the timeout.
   *
   * @return the stats snapshot, or {@code null} after deserialization
   */
  public PoolStats stats() {
    return stats;
  }

  /**
   * Returns the longest-held leases at the timeout, longest first.
   *
   * @return the leases, or {@code null} after deserialization
   */
  public List<LeaseSnapshot> longestHeld() {
    return longestHeld;
  }
}
