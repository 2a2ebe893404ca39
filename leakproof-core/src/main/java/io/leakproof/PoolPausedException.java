package io.leakproof;

import java.time.Duration;
import java.util.List;

/**
 * The pool is paused: its last creations failed in a row and no resource is open, so it fails
 * callers at once with the creation error (the {@linkplain #getCause() cause}) instead of making
 * them wait their whole acquire timeout for a resource nothing can supply. It keeps retrying in
 * the background with its usual back-off and lends again after the next successful creation.
 * See {@link PoolConfig#pauseAfterCreateFailures()}.
 *
 * <p>A subtype of {@link AcquireTimeoutException}, so that code handling "no resource in time"
 * handles this too (the JDBC module maps both to {@code SQLTransientConnectionException}, with
 * the SQLState of the creation error when it has one).
 */
public final class PoolPausedException extends AcquireTimeoutException {
  private static final long serialVersionUID = 1L;

  private final int failures;

  /**
   * Creates the exception.
   *
   * @param poolName the pool
   * @param message what failed and what happens next
   * @param cause the last creation error
   * @param failures how many creations failed in a row
   * @param waited how long the caller waited before it was failed
   * @param stats the pool's state
   */
  public PoolPausedException(
      String poolName, String message, Throwable cause, int failures, Duration waited, PoolStats stats) {
    super(poolName, message, cause, waited, stats, List.of());
    this.failures = failures;
  }

  /**
   * Returns how many creations had failed in a row when the caller was failed.
   *
   * @return the consecutive creation failures
   */
  public int failures() {
    return failures;
  }
}
