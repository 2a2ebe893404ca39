package io.leakproof;

/**
 * Refused at once, without waiting, because {@link PoolConfig#maxWaiting()} callers were already
 * waiting (load shedding: failing fast beats queueing behind a wait that will time out anyway).
 */
public final class PoolOverloadedException extends PoolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param poolName the pool
   * @param message the counts and the limit
   */
  public PoolOverloadedException(String poolName, String message) {
    super(poolName, message, null);
  }
}
