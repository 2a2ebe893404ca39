package io.leakproof;

/** What the pool does with the resource of a lease it reclaims as leaked. */
public enum LeakReclaimPolicy {
  /**
   * Destroy the resource and create a replacement (the default). The leaked borrower may have
   * left a transaction open, locks held or session settings changed; closing the connection is
   * the only way to be sure the server forgets them.
   */
  DESTROY,
  /**
   * Reset the resource with the factory's reset and lend it again, saving a reconnect. A
   * resource whose raw form escaped the handle (for example through JDBC's {@code unwrap}) is
   * destroyed anyway; so is one whose reset fails.
   */
  RESET_AND_REUSE
}
