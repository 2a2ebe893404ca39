package io.leakproof.mongodb;

import com.mongodb.MongoTimeoutException;
import io.leakproof.LeaseSnapshot;
import java.util.List;

/**
 * The driver timed out waiting for a connection; the message says who holds the pool: the
 * counts, the longest-held checkouts with their threads and call sites, and what to do next. It
 * is a {@link MongoTimeoutException}, so existing {@code catch} blocks and retry policies keep
 * working; the driver's own exception is the {@linkplain #getCause() cause}.
 */
public final class LeakproofMongoTimeoutException extends MongoTimeoutException {
  private static final long serialVersionUID = 1L;

  private final transient MongoPoolStats stats;
  private final transient List<LeaseSnapshot> longestHeld;

  /**
   * Creates the exception.
   *
   * @param message the diagnosis
   * @param cause the driver's exception
   * @param stats the server's pool at the timeout
   * @param longestHeld the longest-held checkouts, longest first
   */
  public LeakproofMongoTimeoutException(
      String message,
      MongoTimeoutException cause,
      MongoPoolStats stats,
      List<LeaseSnapshot> longestHeld) {
    super(message, cause);
    this.stats = stats;
    this.longestHeld = List.copyOf(longestHeld);
  }

  /**
   * Returns the pool of the server that timed out, at the timeout.
   *
   * @return the stats, or {@code null} after deserialization
   */
  public MongoPoolStats stats() {
    return stats;
  }

  /**
   * Returns the longest-held checkouts at the timeout, longest first.
   *
   * @return the checkouts, or {@code null} after deserialization
   */
  public List<LeaseSnapshot> longestHeld() {
    return longestHeld;
  }
}
