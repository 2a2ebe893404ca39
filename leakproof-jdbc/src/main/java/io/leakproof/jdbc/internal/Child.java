package io.leakproof.jdbc.internal;

/** A statement or result set wrapper owned by a connection or statement wrapper. */
interface Child {

  /**
   * Closes the driver's object of a child still open when its owner closes, counting it (and its
   * own children) into the tally if the driver had not closed it already.
   *
   * @param tally what was found open
   */
  void closeLeftover(JdbcContext.Leftovers tally);

  /**
   * Returns whether the driver has closed this child by itself (a result set of a re-executed
   * statement, a statement with closeOnCompletion), so that it can be dropped from its owner's
   * list. Called outside any lock.
   *
   * @return whether it is closed
   */
  boolean closedByDriver();
}
