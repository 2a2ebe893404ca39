package io.leakproof;

/**
 * The acquiring thread was interrupted while waiting. The thread's interrupt status is set again
 * before this is thrown, so the interruption is not lost.
 */
public final class AcquireInterruptedException extends PoolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param poolName the pool
   * @param message what happened
   * @param cause the {@link InterruptedException}
   */
  public AcquireInterruptedException(String poolName, String message, Throwable cause) {
    super(poolName, message, cause);
  }
}
