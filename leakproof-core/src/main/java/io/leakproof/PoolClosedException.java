package io.leakproof;

/** The pool is closed (or closing) and lends nothing more. */
public final class PoolClosedException extends PoolException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param poolName the pool
   * @param message what happened
   */
  public PoolClosedException(String poolName, String message) {
    super(poolName, message, null);
  }
}
