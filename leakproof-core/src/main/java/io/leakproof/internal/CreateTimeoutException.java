package io.leakproof.internal;

/**
 * Recorded as the last creation error when a creation passes its deadline. The creation keeps
 * its slot until the factory returns.
 */
final class CreateTimeoutException extends Exception {
  private static final long serialVersionUID = 1L;

  CreateTimeoutException(String message) {
    super(message, null, false, false);
  }
}
