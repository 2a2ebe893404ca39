package io.leakproof;

/**
 * A lease handle was used after its lease ended (returned, invalidated, reclaimed or closed at
 * shutdown). The resource it once pointed to may belong to another borrower now, so the handle
 * refuses to reach it.
 */
public final class LeaseEndedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which lease, and what ended it when known
   */
  public LeaseEndedException(String message) {
    super(message);
  }
}
