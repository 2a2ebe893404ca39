package io.leakproof.internal;

/**
 * The last creation failure of a pool, kept for the timeout diagnosis and the dump.
 *
 * @param error what the factory threw, or a timeout
 * @param atNanos when it happened, on the pool's ticker
 */
record CreateError(Throwable error, long atNanos) {

  /** Describes the error without its stack: class and message, and the root cause if different. */
  @SuppressWarnings("ReferenceEquality") // walking a cause chain compares throwables by identity
  String describe() {
    StringBuilder b = new StringBuilder(error.toString());
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != error) {
      b.append(" (caused by ").append(root).append(')');
    }
    return b.toString();
  }
}
