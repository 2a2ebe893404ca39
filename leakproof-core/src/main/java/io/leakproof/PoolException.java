package io.leakproof;

/**
 * The base of every exception the pool throws to a borrower. Unchecked, so that acquiring in a
 * try-with-resources block stays short; the JDBC module translates them to {@code SQLException}s.
 */
public class PoolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String poolName;

  /**
   * Creates an exception.
   *
   * @param poolName the pool that threw it
   * @param message what happened and what to do next
   * @param cause the underlying failure, or {@code null}
   */
  public PoolException(String poolName, String message, Throwable cause) {
    super(message, cause);
    this.poolName = poolName;
  }

  /**
   * Returns the name of the pool that threw this exception.
   *
   * @return the pool name
   */
  public String poolName() {
    return poolName;
  }
}
